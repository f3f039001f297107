import type {
  ClusterRoutes,
  RouteMigratePreviewResponse,
  RouteMigrateRequest,
  RouteParent,
} from '@kubemate/plugin-kubemate-common';

type ParityRow = RouteMigratePreviewResponse['parity']['rows'][number];
type TestRequest = ParityRow['request'];
type MigratableApiVersion = RouteMigrateRequest['ingressRoute']['apiVersion'];

const API_VERSIONS: MigratableApiVersion[] = [
  'traefik.io/v1alpha1',
  'traefik.containo.us/v1alpha1',
];

/** The Traefik API group the migration endpoint accepts, or undefined for any other. */
export function migratableApiVersion(
  apiVersion: string,
): MigratableApiVersion | undefined {
  return API_VERSIONS.find(v => v === apiVersion);
}

/** A request as one line: `GET pay.example.com/api?x=1 · x-canary: 1`. */
export function requestLabel(request: TestRequest): string {
  const query = Object.entries(request.query ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  const headers = Object.entries(request.headers ?? {})
    .map(([k, v]) => `${k}: ${v}`)
    .join(', ');
  return `${request.method ?? 'any'} ${request.host ?? '*'}${request.path}${
    query ? `?${query}` : ''
  }${headers ? ` · ${headers}` : ''}`;
}

const to = (backends: string[]) =>
  backends.length ? backends.join(', ') : 'no backend';

/** Where Traefik sends the request: the IngressRoute's route (from 1), its rule and backends. */
export function traefikSideLabel(side: ParityRow['traefik']): string {
  if (!side) return 'not served';
  return `route ${side.route + 1} (${side.match}) → ${to(side.backends)}`;
}

/** Where the Gateway sends it: the HTTPRoute, rule and match (from 1) and backends. */
export function gatewaySideLabel(side: ParityRow['gateway']): string {
  if (!side) return 'not served';
  return `${side.route} · rule ${side.ruleIndex + 1} · match ${
    side.matchIndex + 1
  } → ${to(side.backends)}`;
}

/** Parity rows with the mismatches first, otherwise in the server's order. */
export function mismatchesFirst(rows: ParityRow[]): ParityRow[] {
  return [...rows].sort((a, b) => Number(a.same) - Number(b.same));
}

/** Why Apply is not possible yet, or undefined when it is. */
export function applyBlocker(
  preview: Pick<RouteMigratePreviewResponse, 'routes'>,
): string | undefined {
  const { routes } = preview;
  const names = (rs: typeof routes) =>
    rs.map(r => `${r.namespace}/${r.name}`).join(', ');
  if (!routes.length) return 'Nothing of this IngressRoute can be converted.';
  const invalid = routes.filter(r => r.issues.length);
  if (invalid.length) {
    return `Validation issues in ${names(
      invalid,
    )}: fix the IngressRoute first.`;
  }
  const existing = routes.filter(r => r.exists);
  if (existing.length === routes.length) {
    return 'Nothing to create: every HTTPRoute already exists.';
  }
  // The server creates all of them or none.
  if (existing.length) {
    return `${names(
      existing,
    )} already exists: applying creates all HTTPRoutes or none.`;
  }
  return undefined;
}

/** The part of a rule a problem's position points at, to highlight it. */
export function positionMark(
  match: string,
  position: number,
  what: string,
): { before: string; at: string; after: string } {
  const at = Math.min(Math.max(0, position), match.length);
  const length = what && match.startsWith(what, at) ? what.length : 1;
  return {
    before: match.slice(0, at),
    at: match.slice(at, at + length),
    after: match.slice(at + length),
  };
}

/** A created HTTPRoute as the routes query currently shows it. */
export type CreatedRouteStatus = {
  namespace: string;
  name: string;
  /** False until the routes query lists the route. */
  found: boolean;
  parents: RouteParent[];
  /** Every parent has Accepted=True. */
  accepted: boolean;
};

const isAccepted = (p: RouteParent) =>
  p.conditions.some(c => c.type === 'Accepted' && c.status === 'True');

/** The status of each created HTTPRoute in the cluster's current routes. */
export function createdRouteStatus(
  cluster: Pick<ClusterRoutes, 'httpRoutes'> | undefined,
  created: Array<{ namespace: string; name: string }>,
): CreatedRouteStatus[] {
  return created.map(c => {
    const route = cluster?.httpRoutes.find(
      r => r.namespace === c.namespace && r.name === c.name,
    );
    const parents = route?.parents ?? [];
    return {
      ...c,
      found: !!route,
      parents,
      accepted: parents.length > 0 && parents.every(isAccepted),
    };
  });
}

/** Every created route is Accepted by all its parents: the IngressRoute may go. */
export function allAccepted(statuses: CreatedRouteStatus[]): boolean {
  return statuses.length > 0 && statuses.every(s => s.accepted);
}
