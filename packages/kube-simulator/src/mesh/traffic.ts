import { Store } from '../storage/store';
import { KObject } from '../util/types';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

export const RPS_ANN = 'simulator.kubemate.io/rps';
export const ERROR_RATE_ANN = 'simulator.kubemate.io/error-rate';
export const LATENCY_ANN = 'simulator.kubemate.io/latency-ms';

function selects(svc: KObject, pod: KObject): boolean {
  const sel = svc.spec?.selector as Record<string, string> | undefined;
  if (!sel || !Object.keys(sel).length) return false;
  return Object.entries(sel).every(([k, v]) => pod.metadata.labels?.[k] === v);
}

interface Split {
  apex: string;
  backends: Array<{ service: string; weight: number }>;
}

/** Weighted splits from Gateway API HTTPRoutes (parentRef = Service, Linkerd/GAMMA style) and SMI TrafficSplits. */
export function splitsIn(store: Store, ns: string): Split[] {
  const out: Split[] = [];
  for (const r of store.list('gateway.networking.k8s.io/httproutes', ns)) {
    const parents: Any[] = r.spec?.parentRefs ?? [];
    for (const p of parents) {
      if (p.kind !== 'Service') continue;
      const backends = ((r.spec?.rules ?? []) as Any[])
        .flatMap(rule => (rule.backendRefs ?? []) as Any[])
        .map(b => ({ service: String(b.name), weight: b.weight ?? 1 }));
      if (backends.length) out.push({ apex: String(p.name), backends });
    }
  }
  for (const key of ['split.smi-spec.io/trafficsplits']) {
    for (const t of store.list(key, ns)) {
      const backends = ((t.spec?.backends ?? []) as Any[]).map(b => ({
        service: String(b.service),
        weight: Number(String(b.weight).replace(/m$/, '')) || 0,
      }));
      if (t.spec?.service && backends.length)
        out.push({ apex: String(t.spec.service), backends });
    }
  }
  return out;
}

/** Requests per second a pod receives right now, following split weights. */
export function podRps(store: Store, pod: KObject): number {
  const ns = pod.metadata.namespace!;
  const services = store.list('/services', ns);
  const pods = store
    .list('/pods', ns)
    .filter(
      p => p.status?.phase === 'Running' && !p.metadata.deletionTimestamp,
    );
  const rpsOf = (svc: KObject) =>
    Number(svc.metadata.annotations?.[RPS_ANN] ?? 10);
  const splits = splitsIn(store, ns);
  let total = 0;
  const splitBackends = new Set(
    splits.flatMap(s => s.backends.map(b => b.service)),
  );
  for (const svc of services) {
    const name = svc.metadata.name!;
    const split = splits.find(s => s.apex === name);
    if (split) {
      const sum = split.backends.reduce((n, b) => n + b.weight, 0) || 1;
      for (const b of split.backends) {
        const backend = services.find(s => s.metadata.name === b.service);
        if (!backend || !selects(backend, pod)) continue;
        const peers = pods.filter(p => selects(backend, p)).length || 1;
        total += (rpsOf(svc) * b.weight) / sum / peers;
      }
      continue;
    }
    if (splitBackends.has(name)) continue; // backends only receive traffic through their apex
    if (!selects(svc, pod)) continue;
    const peers = pods.filter(p => selects(svc, p)).length || 1;
    total += rpsOf(svc) / peers;
  }
  return total;
}

export function podAuthority(store: Store, pod: KObject): string {
  const ns = pod.metadata.namespace!;
  const svc = store.list('/services', ns).find(s => selects(s, pod));
  const port = svc?.spec?.ports?.[0]?.port ?? 80;
  return svc
    ? `${svc.metadata.name}.${ns}.svc.cluster.local:${port}`
    : `${pod.status?.podIP ?? '0.0.0.0'}:80`;
}
