import { Store } from '../storage/store';
import { KObject } from '../util/types';
import { MetricsSource } from '../server/context';
import { parseQuantity } from '../util/objects';
import {
  ERROR_RATE_ANN,
  Flow,
  LATENCY_ANN,
  backendPods,
  flowsIn,
  podAuthority,
  livePods,
  podRpsIn,
} from './traffic';

const BUCKETS = [
  1, 2, 3, 4, 5, 10, 20, 30, 40, 50, 100, 200, 300, 400, 500, 1000, 2000, 3000,
  4000, 5000, 10000, 20000, 30000, 40000, 50000,
];

interface Outbound {
  last: number;
  requests: number;
  success: number;
  failure: number;
  labels: string;
}

interface Series {
  last: number;
  requests: number;
  success: number;
  failure: number;
  latencySum: number;
  buckets: number[];
  labels: string;
  deployment: string;
}

function deploymentOf(store: Store, pod: KObject): string | undefined {
  const rsRef = pod.metadata.ownerReferences?.find(
    r => r.kind === 'ReplicaSet',
  );
  if (rsRef) {
    const rs = store.get(
      'apps/replicasets',
      pod.metadata.namespace,
      rsRef.name,
    );
    return (
      rs?.metadata.ownerReferences?.find(r => r.kind === 'Deployment')?.name ??
      rsRef.name
    );
  }
  return pod.metadata.ownerReferences?.[0]?.name;
}

function knob(store: Store, pod: KObject, ann: string): string | undefined {
  const own = pod.metadata.annotations?.[ann];
  if (own !== undefined) return own;
  const dep = deploymentOf(store, pod);
  return dep
    ? store.get('apps/deployments', pod.metadata.namespace, dep)?.metadata
        .annotations?.[ann]
    : undefined;
}

export function isMeshed(store: Store, pod: KObject): boolean {
  const podAnn = pod.metadata.annotations?.['linkerd.io/inject'];
  if (podAnn === 'disabled') return false;
  if (podAnn === 'enabled') return true;
  return (
    store.get('/namespaces', undefined, pod.metadata.namespace!)?.metadata
      .annotations?.['linkerd.io/inject'] === 'enabled'
  );
}

function esc(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
}

/**
 * Simulated Linkerd proxies (inbound request/response counters and latency histograms per meshed pod)
 * plus metrics.k8s.io usage. Counters integrate the current rate over time, so they only increase
 * and follow weight changes.
 */
export class MeshMetrics implements MetricsSource {
  private readonly series = new Map<string, Series>();
  private readonly outbound = new Map<string, Outbound>();

  constructor(private readonly store: Store) {}

  private errorRate(pod: KObject): number {
    return Math.min(
      1,
      Math.max(0, Number(knob(this.store, pod, ERROR_RATE_ANN) ?? 0.002)),
    );
  }

  private advance(
    pod: KObject,
    nowMs: number,
    rpsByPod: Map<string, number>,
  ): Series | undefined {
    const uid = pod.metadata.uid!;
    const ns = pod.metadata.namespace!;
    const dep = deploymentOf(this.store, pod) ?? pod.metadata.name!;
    let s = this.series.get(uid);
    if (!s) {
      const started =
        Date.parse(
          pod.status?.startTime ?? pod.metadata.creationTimestamp ?? '',
        ) || nowMs;
      const labels = [
        ['direction', 'inbound'],
        ['authority', podAuthority(this.store, pod)],
        ['target_addr', `${pod.status?.podIP ?? '0.0.0.0'}:8080`],
        ['tls', 'true'],
        [
          'client_id',
          `default.${ns}.serviceaccount.identity.linkerd.cluster.local`,
        ],
        ['namespace', ns],
        ['pod', pod.metadata.name!],
        ['deployment', dep],
        ['pod_template_hash', pod.metadata.labels?.['pod-template-hash'] ?? ''],
        ['serviceaccount', pod.spec?.serviceAccountName ?? 'default'],
        ['control_plane_ns', 'linkerd'],
        ['workload_ns', ns],
      ]
        .map(([k, v]) => `${k}="${esc(v)}"`)
        .join(',');
      s = {
        last: Math.min(started, nowMs),
        requests: 0,
        success: 0,
        failure: 0,
        latencySum: 0,
        buckets: BUCKETS.map(() => 0),
        labels,
        deployment: dep,
      };
      this.series.set(uid, s);
    }
    const dt = Math.max(0, (nowMs - s.last) / 1000);
    s.last = nowMs;
    const rps = rpsByPod.get(uid) ?? 0;
    const errRate = this.errorRate(pod);
    const latency = Math.max(
      1,
      Number(knob(this.store, pod, LATENCY_ANN) ?? 18),
    );
    const n = rps * dt;
    s.requests += n;
    s.failure += n * errRate;
    s.success += n * (1 - errRate);
    s.latencySum += n * latency * 1.1;
    // log-normal-ish latency: median = latency
    BUCKETS.forEach((b, i) => {
      s!.buckets[i] += n * (1 - Math.exp((-b * Math.LN2) / latency));
    });
    return s;
  }

  prometheusText(): string {
    const nowMs = Date.now();
    const live = new Set<string>();
    const out: string[] = [
      '# HELP request_total Total count of HTTP requests.',
      '# TYPE request_total counter',
    ];
    const rows: Array<{ s: Series }> = [];
    const flowsByNs = new Map<string, Flow[]>();
    const rpsByNs = new Map<string, Map<string, number>>();
    const rpsOf = (ns: string) => {
      let r = rpsByNs.get(ns);
      if (!r) {
        const flows = flowsIn(this.store, ns);
        flowsByNs.set(ns, flows);
        rpsByNs.set(ns, (r = podRpsIn(this.store, ns, flows)));
      }
      return r;
    };
    for (const pod of this.store.list('/pods')) {
      if (pod.status?.phase !== 'Running' || !isMeshed(this.store, pod))
        continue;
      const s = this.advance(pod, nowMs, rpsOf(pod.metadata.namespace!));
      if (!s) continue;
      live.add(pod.metadata.uid!);
      rows.push({ s });
    }
    for (const k of this.series.keys()) if (!live.has(k)) this.series.delete(k);
    const r = (v: number) => Math.floor(v);
    for (const { s } of rows)
      out.push(`request_total{${s.labels}} ${r(s.requests)}`);
    out.push(
      '# HELP response_total Total count of HTTP responses.',
      '# TYPE response_total counter',
    );
    for (const { s } of rows) {
      out.push(
        `response_total{${
          s.labels
        },status_code="200",classification="success",error=""} ${r(s.success)}`,
      );
      out.push(
        `response_total{${
          s.labels
        },status_code="500",classification="failure",error=""} ${r(s.failure)}`,
      );
    }
    out.push(
      "# HELP response_latency_ms Elapsed times between a request's headers being received and its response stream completing",
      '# TYPE response_latency_ms histogram',
    );
    for (const { s } of rows) {
      const lbl = `${s.labels},status_code="200"`;
      BUCKETS.forEach((b, i) =>
        out.push(
          `response_latency_ms_bucket{${lbl},le="${b}"} ${r(s.buckets[i])}`,
        ),
      );
      out.push(`response_latency_ms_bucket{${lbl},le="+Inf"} ${r(s.requests)}`);
      out.push(`response_latency_ms_sum{${lbl}} ${r(s.latencySum)}`);
      out.push(`response_latency_ms_count{${lbl}} ${r(s.requests)}`);
    }
    out.push(...this.outboundText(nowMs, flowsByNs));
    return `${out.join('\n')}\n`;
  }

  /**
   * Per-route, per-backend counters as the clients' outbound proxies report them for routes
   * with a Service parent (Linkerd ≥ 2.15): they compare the backends behind one route.
   */
  private outboundText(
    nowMs: number,
    flowsByNs: Map<string, Flow[]>,
  ): string[] {
    const live = new Set<string>();
    const rows: Outbound[] = [];
    for (const [ns, flows] of flowsByNs) {
      const nsPods = livePods(this.store, ns);
      for (const f of flows) {
        if (!f.route) continue;
        const key = `${ns}/${f.route.kind}/${f.route.name}/${f.route.rule}/${f.backend}`;
        live.add(key);
        let o = this.outbound.get(key);
        if (!o) {
          const parent = this.store.get('/services', ns, f.apex);
          const port = String(parent?.spec?.ports?.[0]?.port ?? 80);
          const routeGroup =
            f.route.kind === 'HTTPRoute'
              ? 'gateway.networking.k8s.io'
              : 'split.smi-spec.io';
          o = {
            last: nowMs,
            requests: 0,
            success: 0,
            failure: 0,
            labels: [
              ['parent_group', 'core'],
              ['parent_kind', 'Service'],
              ['parent_namespace', ns],
              ['parent_name', f.apex],
              ['parent_port', port],
              ['route_group', routeGroup],
              ['route_kind', f.route.kind],
              ['route_namespace', ns],
              ['route_name', f.route.name],
              ['route_rule', String(f.route.rule)],
              ['backend_group', 'core'],
              ['backend_kind', 'Service'],
              ['backend_namespace', ns],
              ['backend_name', f.backend],
              ['backend_port', port],
            ]
              .map(([k, v]) => `${k}="${esc(v)}"`)
              .join(','),
          };
          this.outbound.set(key, o);
        }
        const dt = Math.max(0, (nowMs - o.last) / 1000);
        o.last = nowMs;
        const pods = backendPods(this.store, ns, f.backend, nsPods).filter(p =>
          isMeshed(this.store, p),
        );
        // Requests to a backend without ready pods fail, as the proxy's would.
        const errRate = pods.length
          ? pods.reduce((n, p) => n + this.errorRate(p), 0) / pods.length
          : 1;
        const n = f.rps * dt;
        o.requests += n;
        o.success += n * (1 - errRate);
        o.failure += n * errRate;
        rows.push(o);
      }
    }
    for (const k of this.outbound.keys())
      if (!live.has(k)) this.outbound.delete(k);
    const r = (v: number) => Math.floor(v);
    const out = [
      '# HELP outbound_http_route_backend_requests_total The total number of requests dispatched to a route backend.',
      '# TYPE outbound_http_route_backend_requests_total counter',
      ...rows.map(
        o =>
          `outbound_http_route_backend_requests_total{${o.labels}} ${r(
            o.requests,
          )}`,
      ),
      '# HELP outbound_http_route_backend_response_statuses_total The total number of responses from a route backend, by status.',
      '# TYPE outbound_http_route_backend_response_statuses_total counter',
    ];
    for (const o of rows) {
      out.push(
        `outbound_http_route_backend_response_statuses_total{${
          o.labels
        },http_status="200",error=""} ${r(o.success)}`,
        `outbound_http_route_backend_response_statuses_total{${
          o.labels
        },http_status="500",error=""} ${r(o.failure)}`,
      );
    }
    return out;
  }

  podMetrics(pod: KObject): KObject | undefined {
    if (pod.status?.phase !== 'Running') return undefined;
    const ts = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    const seed = [...(pod.metadata.uid ?? '')].reduce(
      (n, c) => (n * 31 + c.charCodeAt(0)) >>> 0,
      7,
    );
    const wobble = 0.85 + ((Date.now() / 15000 + seed) % 10) / 33;
    const containers = (
      (pod.spec?.containers ?? []) as Array<{
        name: string;
        resources?: {
          requests?: Record<string, string>;
          limits?: Record<string, string>;
        };
      }>
    ).map(c => {
      const reqCpu = parseQuantity(
        c.resources?.requests?.cpu ?? c.resources?.limits?.cpu ?? '50m',
      );
      const reqMem = parseQuantity(
        c.resources?.requests?.memory ?? c.resources?.limits?.memory ?? '64Mi',
      );
      const cpuN = Math.round(reqCpu * 0.35 * wobble * 1e9);
      const memKi = Math.round((reqMem * 0.6 * wobble) / 1024);
      return { name: c.name, usage: { cpu: `${cpuN}n`, memory: `${memKi}Ki` } };
    });
    return {
      kind: 'PodMetrics',
      apiVersion: 'metrics.k8s.io/v1beta1',
      metadata: {
        name: pod.metadata.name,
        namespace: pod.metadata.namespace,
        creationTimestamp: ts,
        labels: pod.metadata.labels,
      },
      timestamp: ts,
      window: '15.015s',
      containers,
    };
  }

  nodeMetrics(node: KObject): KObject | undefined {
    const ts = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    let cpu = 0.25;
    let mem = 1.2 * 1024 ** 3;
    for (const p of this.store.list('/pods')) {
      if (p.spec?.nodeName !== node.metadata.name) continue;
      const m = this.podMetrics(p);
      for (const c of (m?.containers ?? []) as Array<{
        usage: { cpu: string; memory: string };
      }>) {
        cpu += parseFloat(c.usage.cpu) / 1e9;
        mem += parseQuantity(c.usage.memory);
      }
    }
    return {
      kind: 'NodeMetrics',
      apiVersion: 'metrics.k8s.io/v1beta1',
      metadata: {
        name: node.metadata.name,
        creationTimestamp: ts,
        labels: node.metadata.labels,
      },
      timestamp: ts,
      window: '20.05s',
      usage: {
        cpu: `${Math.round(cpu * 1e9)}n`,
        memory: `${Math.round(mem / 1024)}Ki`,
      },
    };
  }
}
