import type { RouteBackend } from '../contract';

/**
 * The parts of a `gateway.networking.k8s.io/v1` HTTPRoute the route tester reads. Minimal on
 * purpose: the validation schema in `../validation` is the full model.
 */
export interface HttpRouteObjectParentRef {
  group?: string;
  kind?: string;
  namespace?: string;
  name: string;
  sectionName?: string;
  port?: number;
}

export interface HttpRouteObjectValueMatch {
  type?: 'Exact' | 'RegularExpression';
  name: string;
  value: string;
}

export interface HttpRouteObjectMatch {
  path?: {
    type?: 'Exact' | 'PathPrefix' | 'RegularExpression';
    value?: string;
  };
  headers?: HttpRouteObjectValueMatch[];
  queryParams?: HttpRouteObjectValueMatch[];
  method?: string;
}

export interface HttpRouteObjectBackendRef {
  group?: string;
  kind?: string;
  namespace?: string;
  name: string;
  port?: number;
  weight?: number;
}

export interface HttpRouteObjectFilter {
  type: string;
  extensionRef?: { group: string; kind: string; name: string };
  [field: string]: unknown;
}

export interface HttpRouteObjectRule {
  matches?: HttpRouteObjectMatch[];
  filters?: HttpRouteObjectFilter[];
  backendRefs?: HttpRouteObjectBackendRef[];
}

export interface HttpRouteObject {
  apiVersion?: string;
  kind?: string;
  metadata: {
    name: string;
    namespace?: string;
    creationTimestamp?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  spec: {
    parentRefs?: HttpRouteObjectParentRef[];
    hostnames?: string[];
    rules?: HttpRouteObjectRule[];
  };
}

/** A request to route. `path` may carry a query string, merged into `query`. */
export interface RouteTestRequest {
  host?: string;
  path: string;
  method?: string;
  headers?: Record<string, string>;
  query?: Record<string, string>;
}

/** Where the request arrives: a Gateway listener, or a Service (a mesh parent, as Linkerd uses). */
export type RouteTestParent =
  | {
      kind: 'Gateway';
      namespace: string;
      name: string;
      /** The listener's name; routes naming another listener do not attach. */
      sectionName?: string;
      /** The listener's port; routes naming another port do not attach. */
      port?: number;
      /** The listener's hostname; absent matches every host. */
      hostname?: string;
    }
  | {
      kind: 'Service';
      namespace: string;
      name: string;
      port?: number;
      sectionName?: string;
    };

/** A rule match of one route, named. */
export interface RouteMatchRef {
  namespace: string;
  name: string;
  ruleIndex: number;
  matchIndex: number;
}

export type RouteTestResult =
  | (RouteMatchRef & {
      outcome: 'matched';
      /** The match that won, as written (a rule without matches gets `PathPrefix /`). */
      match: HttpRouteObjectMatch;
      backends: RouteBackend[];
      /** Filter types of the winning rule, in order. */
      filters: string[];
      /** Other matches that also accepted the request, best first. */
      alsoMatched: RouteMatchRef[];
      why: string[];
    })
  | { outcome: 'none'; why: string[] };
