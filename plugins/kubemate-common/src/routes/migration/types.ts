/** The parts of a Traefik IngressRoute (`traefik.io/v1alpha1` or `traefik.containo.us/v1alpha1`) the migration reads. */
export interface IngressRouteService {
  name: string;
  namespace?: string;
  /** `Service` (default) or `TraefikService`. */
  kind?: string;
  port?: number | string;
  weight?: number;
  [field: string]: unknown;
}

export interface IngressRouteRoute {
  match: string;
  kind?: string;
  priority?: number;
  /** Traefik v3: the rule syntax of this route (`v2` or `v3`). */
  syntax?: string;
  services?: IngressRouteService[];
  middlewares?: Array<{ name: string; namespace?: string }>;
}

export interface IngressRouteObject {
  apiVersion: string;
  kind?: string;
  metadata: {
    name: string;
    namespace?: string;
    creationTimestamp?: string;
    labels?: Record<string, string>;
  };
  spec: {
    entryPoints?: string[];
    routes?: IngressRouteRoute[];
    tls?: {
      secretName?: string;
      certResolver?: string;
      options?: { name: string; namespace?: string };
      store?: { name: string; namespace?: string };
      domains?: Array<{ main?: string; sans?: string[] }>;
    };
  };
}

/** Something of the IngressRoute that the HTTPRoutes do not carry, and why. */
export interface ConversionProblem {
  /** Index of the IngressRoute route, when it is about one. */
  route?: number;
  /** What could not be converted, e.g. `ClientIP(`10.0.0.0/8`)` or `||`. */
  what: string;
  reason: string;
  /** Offset in the route's `match` rule, when it is about the rule. */
  position?: number;
}

/** Something converted with a difference worth knowing, or a step left to do. */
export interface ConversionNote {
  route?: number;
  note: string;
}
