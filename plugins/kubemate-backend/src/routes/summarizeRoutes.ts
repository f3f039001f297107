import type {
  RouteGateway,
  RouteService,
  HttpRouteRule,
  HttpRouteSummary,
  IngressRouteSummary,
  KubeObject,
  RouteBackend,
  RouteCondition,
} from '@kubemate/plugin-kubemate-common';

type Dict = Record<string, any>;

const list = (value: unknown): Dict[] =>
  Array.isArray(value) ? (value as Dict[]) : [];

/** A match of a rule as one line: path, method, headers, query parameters. */
function describeMatch(match: Dict): string {
  const parts: string[] = [];
  const path = match.path ?? { type: 'PathPrefix', value: '/' };
  parts.push(`${path.type ?? 'PathPrefix'} ${path.value ?? '/'}`);
  if (match.method) parts.push(String(match.method));
  for (const h of list(match.headers)) {
    const op = h.type === 'RegularExpression' ? '~' : '=';
    parts.push(`header ${h.name}${op}${h.value}`);
  }
  for (const q of list(match.queryParams)) {
    const op = q.type === 'RegularExpression' ? '~' : '=';
    parts.push(`query ${q.name}${op}${q.value}`);
  }
  return parts.join(' · ');
}

/** A rule's backends with their weights (default 1) and shares of the rule's traffic. */
function backendsOf(rule: Dict, routeNamespace: string): RouteBackend[] {
  const refs = list(rule.backendRefs);
  const weights = refs.map(b => (typeof b.weight === 'number' ? b.weight : 1));
  const total = weights.reduce((a, b) => a + b, 0);
  return refs.map((b, i) => ({
    kind: b.kind ?? 'Service',
    namespace: b.namespace ?? routeNamespace,
    name: String(b.name),
    ...(typeof b.port === 'number' ? { port: b.port } : {}),
    weight: weights[i],
    percent: total > 0 ? Math.round((weights[i] / total) * 1000) / 10 : 0,
  }));
}

function filtersOf(rule: Dict): string[] {
  return list(rule.filters).map(f =>
    f.type === 'ExtensionRef' && f.extensionRef
      ? `ExtensionRef ${f.extensionRef.kind ?? ''} ${
          f.extensionRef.name ?? ''
        }`.trim()
      : String(f.type),
  );
}

/** The `conditions` of a status (or of one of its entries), as the contract carries them. */
export function statusConditions(status: unknown): RouteCondition[] {
  return list((status as Dict | undefined)?.conditions).map(c => ({
    type: String(c.type),
    status: String(c.status),
    ...(c.reason ? { reason: String(c.reason) } : {}),
    ...(c.message ? { message: String(c.message) } : {}),
    ...(typeof c.observedGeneration === 'number'
      ? { observedGeneration: c.observedGeneration }
      : {}),
  }));
}

/** Conditions the implementation set for a parent (matched by kind, namespace, name, section). */
function conditionsOf(
  status: Dict | undefined,
  parent: {
    kind: string;
    namespace: string;
    name: string;
    sectionName?: string;
  },
): RouteCondition[] {
  const entry = list(status?.parents).find(p => {
    const ref = p.parentRef ?? {};
    return (
      (ref.kind ?? 'Gateway') === parent.kind &&
      (ref.namespace ?? parent.namespace) === parent.namespace &&
      ref.name === parent.name &&
      (ref.sectionName ?? undefined) === parent.sectionName
    );
  });
  return statusConditions(entry);
}

/** A Gateway with its listeners and their status conditions. */
export function summarizeGateway(gateway: KubeObject): RouteGateway {
  const spec = (gateway.spec ?? {}) as Dict;
  const listenerStatus = list((gateway.status as Dict | undefined)?.listeners);
  return {
    namespace: gateway.metadata.namespace ?? '',
    name: gateway.metadata.name,
    conditions: statusConditions(gateway.status),
    listeners: list(spec.listeners).map(l => ({
      name: String(l.name),
      ...(typeof l.port === 'number' ? { port: l.port } : {}),
      ...(l.protocol ? { protocol: String(l.protocol) } : {}),
      ...(l.hostname ? { hostname: String(l.hostname) } : {}),
      conditions: statusConditions(listenerStatus.find(s => s.name === l.name)),
    })),
  };
}

/** A Service with its ports, and the ServiceProfile that shadows its HTTPRoutes, if any. */
export function summarizeService(
  service: KubeObject,
  serviceProfile?: KubeObject,
): RouteService {
  const spec = (service.spec ?? {}) as Dict;
  return {
    namespace: service.metadata.namespace ?? '',
    name: service.metadata.name,
    ports: list(spec.ports)
      .filter(p => typeof p.port === 'number')
      .map(p => ({
        ...(p.name ? { name: String(p.name) } : {}),
        port: p.port as number,
      })),
    ...(serviceProfile ? { serviceProfile: serviceProfile.metadata.name } : {}),
  };
}

/** An HTTPRoute as the Routes tab reads it. */
export function summarizeHttpRoute(route: KubeObject): HttpRouteSummary {
  const spec = (route.spec ?? {}) as Dict;
  const namespace = route.metadata.namespace ?? 'default';
  return {
    apiVersion: route.apiVersion,
    namespace,
    name: route.metadata.name,
    ...(route.metadata.uid ? { uid: route.metadata.uid } : {}),
    ...(route.metadata.resourceVersion
      ? { resourceVersion: route.metadata.resourceVersion }
      : {}),
    ...(typeof route.metadata.generation === 'number'
      ? { generation: route.metadata.generation }
      : {}),
    ...(route.metadata.creationTimestamp
      ? { createdAt: route.metadata.creationTimestamp }
      : {}),
    hostnames: list(spec.hostnames).map(String),
    spec: structuredClone(spec) as Record<string, unknown>,
    parents: list(spec.parentRefs).map(ref => {
      const parent = {
        kind: String(ref.kind ?? 'Gateway'),
        namespace: String(ref.namespace ?? namespace),
        name: String(ref.name),
        ...(ref.sectionName ? { sectionName: String(ref.sectionName) } : {}),
        ...(typeof ref.port === 'number' ? { port: ref.port } : {}),
      };
      return {
        ...parent,
        conditions: conditionsOf(route.status as Dict, parent),
      };
    }),
    rules: list(spec.rules).map(
      (rule): HttpRouteRule => ({
        matches: (list(rule.matches).length ? list(rule.matches) : [{}]).map(
          describeMatch,
        ),
        backends: backendsOf(rule, namespace),
        filters: filtersOf(rule),
        ...(rule.timeouts ? { timeouts: { ...rule.timeouts } } : {}),
      }),
    ),
  };
}

/** A Traefik IngressRoute (either API group) as the Routes tab reads it. */
export function summarizeIngressRoute(route: KubeObject): IngressRouteSummary {
  const spec = (route.spec ?? {}) as Dict;
  return {
    apiVersion: route.apiVersion,
    namespace: route.metadata.namespace ?? 'default',
    name: route.metadata.name,
    ...(route.metadata.resourceVersion
      ? { resourceVersion: route.metadata.resourceVersion }
      : {}),
    ...(route.metadata.creationTimestamp
      ? { createdAt: route.metadata.creationTimestamp }
      : {}),
    entryPoints: list(spec.entryPoints).map(String),
    routes: list(spec.routes).map(r => ({
      match: String(r.match ?? ''),
      ...(typeof r.priority === 'number' ? { priority: r.priority } : {}),
      services: list(r.services).map(s => ({
        name: String(s.name),
        ...(s.port !== undefined ? { port: s.port } : {}),
        ...(typeof s.weight === 'number' ? { weight: s.weight } : {}),
        ...(s.kind ? { kind: String(s.kind) } : {}),
      })),
      middlewares: list(r.middlewares).map(m =>
        m.namespace ? `${m.namespace}/${m.name}` : String(m.name),
      ),
    })),
    ...(spec.tls?.secretName
      ? { tlsSecretName: String(spec.tls.secretName) }
      : {}),
  };
}

/** `namespace/name` of each Service an HTTPRoute sends to or attaches to (Service parents). */
export function servicesOfHttpRoute(route: KubeObject): string[] {
  const spec = (route.spec ?? {}) as Dict;
  const namespace = route.metadata.namespace ?? 'default';
  const out: string[] = [];
  for (const ref of list(spec.parentRefs)) {
    // The core group is written '' by the spec and `core` by Linkerd's docs.
    if (ref.kind === 'Service' && ['', 'core'].includes(ref.group ?? '')) {
      out.push(`${ref.namespace ?? namespace}/${ref.name}`);
    }
  }
  for (const rule of list(spec.rules)) {
    for (const b of list(rule.backendRefs)) {
      if ((b.kind ?? 'Service') === 'Service' && (b.group ?? '') === '') {
        out.push(`${b.namespace ?? namespace}/${b.name}`);
      }
    }
  }
  return out;
}

/** `namespace/name` of each Kubernetes Service an IngressRoute sends to. */
export function servicesOfIngressRoute(route: KubeObject): string[] {
  const spec = (route.spec ?? {}) as Dict;
  const namespace = route.metadata.namespace ?? 'default';
  return list(spec.routes).flatMap(r =>
    list(r.services)
      .filter(s => (s.kind ?? 'Service') === 'Service')
      .map(s => `${s.namespace ?? namespace}/${s.name}`),
  );
}
