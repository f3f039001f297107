import { waitFor } from '../__testUtils__/http';
import path from 'path';
import { EXAMPLE_CLUSTER_PATH, startSimulator, Simulator } from '../simulator';
import { KObject } from '../util/types';
import { MeshMetrics } from './linkerd';

const FAST = {
  tickMs: 15,
  scheduleDelayMs: 20,
  startDelayMs: 40,
  podTerminationMs: 60,
};
const NS = 'shop';

function deployment(version: string, annotations: Record<string, string> = {}) {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: `web-${version}`, namespace: NS, annotations },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'web', version } },
      template: {
        metadata: { labels: { app: 'web', version } },
        spec: { containers: [{ name: 'web', image: `web:${version}` }] },
      },
    },
  };
}

function service(
  name: string,
  selector: Record<string, string>,
  annotations: Record<string, string> = {},
) {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace: NS, annotations },
    spec: { selector, ports: [{ port: 8080 }] },
  };
}

function route(rules: unknown[]) {
  return {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: { name: 'web', namespace: NS },
    spec: {
      parentRefs: [{ group: 'core', kind: 'Service', name: 'web', port: 8080 }],
      rules,
    },
  };
}

/** Sum of a metric's samples whose labels include all of `match`. */
function sample(
  text: string,
  metric: string,
  match: Record<string, string>,
): number {
  let sum = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${metric}{`)) continue;
    const labels = line.slice(metric.length + 1, line.lastIndexOf('}'));
    if (Object.entries(match).every(([k, v]) => labels.includes(`${k}="${v}"`)))
      sum += Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return sum;
}

describe('simulated Linkerd proxy metrics', () => {
  let sim: Simulator;
  let metrics: MeshMetrics;
  let now = 0;
  const scrape = () => metrics.prometheusText();
  /** Per-second rates over `seconds` of simulated time. */
  function rates(seconds: number) {
    const before = scrape();
    now += seconds * 1000;
    const after = scrape();
    return (metric: string, match: Record<string, string>) =>
      (sample(after, metric, match) - sample(before, metric, match)) / seconds;
  }

  beforeAll(async () => {
    // The example cluster's CRDs bring the Gateway API and SMI kinds.
    sim = await startSimulator({
      port: 0,
      tls: false,
      controllers: FAST,
      seed: [path.join(EXAMPLE_CLUSTER_PATH, '00-crds.yaml')],
    });
    sim.apply([
      {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: NS, annotations: { 'linkerd.io/inject': 'enabled' } },
      },
      deployment('v1', { 'simulator.kubemate.io/latency-ms': '20' }),
      deployment('v2', {
        'simulator.kubemate.io/error-rate': '0.5',
        'simulator.kubemate.io/latency-ms': '400',
      }),
      service(
        'web',
        { app: 'web' },
        {
          'simulator.kubemate.io/rps': '100',
          'simulator.kubemate.io/match-share': '0.2',
        },
      ),
      service('web-stable', { app: 'web', version: 'v1' }),
      service('web-canary', { app: 'web', version: 'v2' }),
    ] as KObject[]);
    await waitFor(
      () =>
        sim.store.list('/pods', NS).filter(p => p.status?.phase === 'Running')
          .length === 4,
      10000,
      'four running pods',
    );
    metrics = new MeshMetrics(sim.store);
    now = Date.now();
    jest.spyOn(Date, 'now').mockImplementation(() => now);
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await sim.stop();
  });

  it('splits inbound requests by backendRef weight and sends matched requests to the canary', () => {
    sim.apply([
      route([
        {
          matches: [{ headers: [{ name: 'x-canary', value: 'yes' }] }],
          backendRefs: [{ name: 'web-canary', port: 8080 }],
        },
        {
          backendRefs: [
            { name: 'web-stable', port: 8080, weight: 80 },
            { name: 'web-canary', port: 8080, weight: 20 },
          ],
        },
      ]),
    ] as KObject[]);
    const rate = rates(100);
    // 20 % carry the header (all to v2); the other 80 split 80/20.
    expect(rate('request_total', { deployment: 'web-v2' })).toBeCloseTo(36, 0);
    expect(rate('request_total', { deployment: 'web-v1' })).toBeCloseTo(64, 0);
    // The bad canary fails half its requests; the stable one almost none.
    expect(
      rate('response_total', {
        deployment: 'web-v2',
        classification: 'failure',
      }),
    ).toBeCloseTo(18, 0);
    expect(
      rate('response_total', {
        deployment: 'web-v1',
        classification: 'failure',
      }),
    ).toBeLessThan(1);
    // Latency buckets: most of v1 under 100 ms, most of v2 above it.
    const v1Fast =
      rate('response_latency_ms_bucket', { deployment: 'web-v1', le: '100' }) /
      rate('response_latency_ms_count', { deployment: 'web-v1' });
    const v2Fast =
      rate('response_latency_ms_bucket', { deployment: 'web-v2', le: '100' }) /
      rate('response_latency_ms_count', { deployment: 'web-v2' });
    expect(v1Fast).toBeGreaterThan(0.9);
    expect(v2Fast).toBeLessThan(0.3);
    // Outbound route metrics tell the backends behind each rule apart.
    expect(
      rate('outbound_http_route_backend_requests_total', {
        route_name: 'web',
        route_rule: '0',
        backend_name: 'web-canary',
      }),
    ).toBeCloseTo(20, 0);
    expect(
      rate('outbound_http_route_backend_requests_total', {
        route_rule: '1',
        backend_name: 'web-stable',
      }),
    ).toBeCloseTo(64, 0);
    expect(
      rate('outbound_http_route_backend_response_statuses_total', {
        backend_name: 'web-canary',
        http_status: '500',
      }),
    ).toBeCloseTo(18, 0);
  });

  it('follows weight changes from the next interval on, counters only growing', () => {
    const before = scrape();
    sim.apply([
      route([
        {
          backendRefs: [
            { name: 'web-stable', port: 8080, weight: 0 },
            { name: 'web-canary', port: 8080, weight: 100 },
          ],
        },
      ]),
    ] as KObject[]);
    const rate = rates(50);
    expect(rate('request_total', { deployment: 'web-v1' })).toBe(0);
    expect(rate('request_total', { deployment: 'web-v2' })).toBeCloseTo(100, 0);
    expect(
      sample(scrape(), 'request_total', { deployment: 'web-v1' }),
    ).toBeGreaterThanOrEqual(
      sample(before, 'request_total', { deployment: 'web-v1' }),
    );
  });

  it('follows an SMI TrafficSplit when the Service has no HTTPRoute', () => {
    sim.store.delete('gateway.networking.k8s.io/httproutes', NS, 'web');
    sim.apply([
      {
        apiVersion: 'split.smi-spec.io/v1alpha2',
        kind: 'TrafficSplit',
        metadata: { name: 'web', namespace: NS },
        spec: {
          service: 'web',
          backends: [
            { service: 'web-stable', weight: 750 },
            { service: 'web-canary', weight: 250 },
          ],
        },
      },
    ] as KObject[]);
    const rate = rates(100);
    expect(rate('request_total', { deployment: 'web-v1' })).toBeCloseTo(75, 0);
    expect(rate('request_total', { deployment: 'web-v2' })).toBeCloseTo(25, 0);
    expect(
      rate('outbound_http_route_backend_requests_total', {
        route_kind: 'TrafficSplit',
        backend_name: 'web-canary',
      }),
    ).toBeCloseTo(25, 0);
  });
});
