import { Store } from '../storage/store';
import { KObject } from '../util/types';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

export const RPS_ANN = 'simulator.kubemate.io/rps';
export const ERROR_RATE_ANN = 'simulator.kubemate.io/error-rate';
export const LATENCY_ANN = 'simulator.kubemate.io/latency-ms';
/**
 * On a Service that is a route parent: the share (0–1) of its requests that carry the header or
 * cookie a rule matches on (each rule with header/cookie matches takes that share of what is
 * left). Default 0.1.
 */
export const MATCH_SHARE_ANN = 'simulator.kubemate.io/match-share';

function selects(svc: KObject, pod: KObject): boolean {
  const sel = svc.spec?.selector as Record<string, string> | undefined;
  if (!sel || !Object.keys(sel).length) return false;
  return Object.entries(sel).every(([k, v]) => pod.metadata.labels?.[k] === v);
}

/** Requests per second from a parent Service through one route rule to one backend Service. */
export interface Flow {
  apex: string;
  namespace: string;
  /** The route object carrying the flow (absent for plain Service traffic). */
  route?: { kind: 'HTTPRoute' | 'TrafficSplit'; name: string; rule: number };
  backend: string;
  rps: number;
}

const clamp01 = (v: number) => Math.min(1, Math.max(0, v));
const hasHeaderMatch = (rule: Any) =>
  ((rule.matches ?? []) as Any[]).some(m => (m.headers ?? []).length > 0);

function weighted(
  backends: Array<{ service: string; weight: number }>,
  rps: number,
): Array<{ service: string; rps: number }> {
  const sum = backends.reduce((n, b) => n + b.weight, 0);
  if (sum <= 0) return [];
  return backends.map(b => ({
    service: b.service,
    rps: (rps * b.weight) / sum,
  }));
}

/**
 * Where each Service's requests go right now. A Service that is the parent of an HTTPRoute
 * (GAMMA, as Linkerd ≥ 2.14 reads it) or the apex of an SMI TrafficSplit sends its traffic
 * through them: rules with header/cookie matches take the configured share of requests in
 * order, the rest is spread over rules without them, each rule by its backendRef weights.
 */
export function flowsIn(store: Store, ns: string): Flow[] {
  const services = store.list('/services', ns);
  const rpsOf = (svc: KObject) =>
    Number(svc.metadata.annotations?.[RPS_ANN] ?? 10);
  const out: Flow[] = [];
  const routed = new Set<string>();
  for (const r of store.list('gateway.networking.k8s.io/httproutes', ns)) {
    const parents: Any[] = r.spec?.parentRefs ?? [];
    const rules: Any[] = r.spec?.rules ?? [];
    for (const p of parents) {
      if (p.kind !== 'Service' || (p.namespace ?? ns) !== ns) continue;
      const apex = services.find(s => s.metadata.name === p.name);
      if (!apex || routed.has(String(p.name))) continue;
      routed.add(String(p.name));
      const share = clamp01(
        Number(apex.metadata.annotations?.[MATCH_SHARE_ANN] ?? 0.1),
      );
      let left = rpsOf(apex);
      const ruleRps = rules.map(() => 0);
      rules.forEach((rule, i) => {
        if (!hasHeaderMatch(rule)) return;
        ruleRps[i] = left * share;
        left -= ruleRps[i];
      });
      const plain = rules
        .map((_rule, i) => i)
        .filter(i => !hasHeaderMatch(rules[i]));
      for (const i of plain) ruleRps[i] = left / plain.length;
      rules.forEach((rule, i) => {
        const backends = ((rule.backendRefs ?? []) as Any[]).map(b => ({
          service: String(b.name),
          weight: b.weight ?? 1,
        }));
        // A rule without backends sends to the parent itself.
        const to = backends.length
          ? weighted(backends, ruleRps[i])
          : [{ service: String(p.name), rps: ruleRps[i] }];
        for (const b of to)
          out.push({
            apex: String(p.name),
            namespace: ns,
            route: { kind: 'HTTPRoute', name: r.metadata.name!, rule: i },
            backend: b.service,
            rps: b.rps,
          });
      });
    }
  }
  for (const t of store.list('split.smi-spec.io/trafficsplits', ns)) {
    const apexName = String(t.spec?.service ?? '');
    const apex = services.find(s => s.metadata.name === apexName);
    if (!apex || routed.has(apexName)) continue;
    const backends = ((t.spec?.backends ?? []) as Any[]).map(b => ({
      service: String(b.service),
      weight: Number(String(b.weight).replace(/m$/, '')) || 0,
    }));
    if (!backends.length) continue;
    routed.add(apexName);
    for (const b of weighted(backends, rpsOf(apex)))
      out.push({
        apex: apexName,
        namespace: ns,
        route: { kind: 'TrafficSplit', name: t.metadata.name!, rule: 0 },
        backend: b.service,
        rps: b.rps,
      });
  }
  // Backends only receive traffic through their apex.
  const backendNames = new Set(out.map(f => f.backend));
  for (const svc of services) {
    const name = svc.metadata.name!;
    if (routed.has(name) || backendNames.has(name)) continue;
    out.push({ apex: name, namespace: ns, backend: name, rps: rpsOf(svc) });
  }
  return out;
}

/** Running, not terminating pods of a namespace. */
export function livePods(store: Store, ns: string): KObject[] {
  return store
    .list('/pods', ns)
    .filter(
      p => p.status?.phase === 'Running' && !p.metadata.deletionTimestamp,
    );
}

/** The pods a backend Service sends to. */
export function backendPods(
  store: Store,
  ns: string,
  backend: string,
  pods: KObject[] = livePods(store, ns),
): KObject[] {
  const svc = store.get('/services', ns, backend);
  return svc ? pods.filter(p => selects(svc, p)) : [];
}

/**
 * Requests per second each live pod of a namespace receives right now, following routes,
 * matches and weights: each flow spread over the pods of its backend. One pass per flow, so a
 * scrape stays linear in flows × pods.
 */
export function podRpsIn(
  store: Store,
  ns: string,
  flows: Flow[] = flowsIn(store, ns),
): Map<string, number> {
  const pods = livePods(store, ns);
  const byUid = new Map<string, number>();
  for (const f of flows) {
    const to = backendPods(store, ns, f.backend, pods);
    for (const p of to) {
      const uid = p.metadata.uid!;
      byUid.set(uid, (byUid.get(uid) ?? 0) + f.rps / to.length);
    }
  }
  return byUid;
}

export function podAuthority(store: Store, pod: KObject): string {
  const ns = pod.metadata.namespace!;
  const svc = store.list('/services', ns).find(s => selects(s, pod));
  const port = svc?.spec?.ports?.[0]?.port ?? 80;
  return svc
    ? `${svc.metadata.name}.${ns}.svc.cluster.local:${port}`
    : `${pod.status?.podIP ?? '0.0.0.0'}:80`;
}
