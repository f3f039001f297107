import { ConfigReader } from '@backstage/config';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { MetricsProviders } from './MetricsProviders';
import { PrometheusMetricsProvider } from './PrometheusMetricsProvider';

type Series = Record<string, string | undefined>;

/**
 * Test double: a real HTTP server answering `/api/v1/query` in the Prometheus format. Each
 * workload's figures are picked from the query text; `undefined` is an empty vector.
 */
async function startFakePrometheus(
  answer: (query: string) => string | undefined | 'error' | 'hang',
) {
  const queries: string[] = [];
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url!, 'http://x');
    if (url.pathname !== '/api/v1/query' || req.method !== 'POST') {
      res.writeHead(404).end();
      return;
    }
    let body = '';
    for await (const chunk of req) body += chunk;
    const query = new URLSearchParams(body).get('query')!;
    queries.push(query);
    const value = answer(query);
    if (value === 'hang') return;
    if (value === 'error') {
      res.writeHead(400, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          status: 'error',
          errorType: 'bad_data',
          error: 'parse error',
        }),
      );
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(
      JSON.stringify({
        status: 'success',
        data: {
          resultType: 'vector',
          result:
            value === undefined
              ? []
              : [
                  {
                    metric: {
                      namespace: 'bank-payments',
                      deployment: 'payments-api-v2',
                    },
                    value: [1700000000, value],
                  },
                ],
        },
      }),
    );
  });
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    queries,
    stop: () => {
      server.closeAllConnections();
      return new Promise(r => server.close(r));
    },
  };
}

const figures = (s: Series) => (q: string) => {
  if (q.startsWith('histogram_quantile(0.5,')) return s.p50;
  if (q.startsWith('histogram_quantile(0.95,')) return s.p95;
  if (q.startsWith('histogram_quantile(0.99,')) return s.p99;
  if (q.includes('classification!="failure"')) return s.successes;
  return s.requests;
};

const providerFor = (url: string, timeoutMs = 2000) =>
  PrometheusMetricsProvider.fromConfig(
    new ConfigReader({
      kubemate: {
        metrics: { clusters: { prod: { prometheus: { url, timeoutMs } } } },
      },
    }),
  );

describe('PrometheusMetricsProvider', () => {
  const query = {
    cluster: 'prod',
    namespace: 'bank-payments',
    workload: 'payments-api-v2',
    windowSeconds: 120,
  };

  it('queries Linkerd series and computes success rate, RPS and latency', async () => {
    const prom = await startFakePrometheus(
      figures({
        requests: '1200',
        successes: '1194',
        p50: '12.5',
        p95: '48',
        p99: '97.2',
      }),
    );
    try {
      expect(await providerFor(prom.url).goldenMetrics(query)).toEqual({
        status: 'ok',
        windowSeconds: 120,
        successRate: 0.995,
        requestsPerSecond: 10,
        latencyMs: { p50: 12.5, p95: 48, p99: 97.2 },
      });
      expect(prom.queries).toContain(
        'sum by (namespace, deployment) (increase(response_total{namespace=~"bank-payments", deployment=~"payments-api-v2", direction="inbound", classification!="failure"}[120s]))',
      );
      expect(prom.queries).toContain(
        'histogram_quantile(0.99, sum by (namespace, deployment, le) (rate(response_latency_ms_bucket{namespace=~"bank-payments", deployment=~"payments-api-v2", direction="inbound"}[120s])))',
      );
    } finally {
      await prom.stop();
    }
  });

  it('answers questions asked together with one query per figure, each Deployment its own', async () => {
    const prom = await startFakePrometheus(
      figures({
        requests: '600',
        successes: '600',
        p50: '1',
        p95: '2',
        p99: '3',
      }),
    );
    try {
      const provider = providerFor(prom.url);
      const [asked, other, dotted] = await Promise.all([
        provider.goldenMetrics(query),
        provider.goldenMetrics({ ...query, workload: 'payments-api-v1' }),
        provider.goldenMetrics({ ...query, workload: 'payments.api' }),
      ]);
      expect(asked).toMatchObject({ status: 'ok', requestsPerSecond: 5 });
      // The fake answers for payments-api-v2 only: the others had no series.
      expect(other).toEqual({ status: 'no-traffic', windowSeconds: 120 });
      expect(dotted).toEqual({ status: 'no-traffic', windowSeconds: 120 });
      expect(prom.queries).toHaveLength(5);
      expect(prom.queries[0]).toContain(
        'deployment=~"payments-api-v1|payments-api-v2|payments\\\\.api"',
      );
    } finally {
      await prom.stop();
    }
  });

  it('tells no traffic, not configured and unavailable apart', async () => {
    const idle = await startFakePrometheus(
      figures({ requests: '0', p50: 'NaN', p95: 'NaN', p99: 'NaN' }),
    );
    const empty = await startFakePrometheus(() => undefined);
    const broken = await startFakePrometheus(() => 'error');
    const hung = await startFakePrometheus(() => 'hang');
    try {
      expect(await providerFor(idle.url).goldenMetrics(query)).toEqual({
        status: 'no-traffic',
        windowSeconds: 120,
      });
      expect(await providerFor(empty.url).goldenMetrics(query)).toEqual({
        status: 'no-traffic',
        windowSeconds: 120,
      });
      expect(
        await providerFor(idle.url).goldenMetrics({ ...query, cluster: 'dev' }),
      ).toEqual({
        status: 'not-configured',
        reason:
          'No Prometheus configured for cluster dev (kubemate.metrics.clusters.dev.prometheus.url)',
      });
      expect(await providerFor(broken.url).goldenMetrics(query)).toEqual({
        status: 'unavailable',
        reason: 'Prometheus of cluster prod: HTTP 400: parse error',
      });
      const started = Date.now();
      expect(await providerFor(hung.url, 200).goldenMetrics(query)).toEqual({
        status: 'unavailable',
        reason: 'Prometheus of cluster prod: no answer within 200 ms',
      });
      expect(Date.now() - started).toBeLessThan(2000);
      await hung.stop();
      expect(await providerFor(hung.url).goldenMetrics(query)).toMatchObject({
        status: 'unavailable',
        reason: expect.stringMatching(/cannot connect/),
      });
    } finally {
      await Promise.all([idle.stop(), empty.stop(), broken.stop()]);
    }
  });

  it('refuses names that are not Kubernetes names before querying', async () => {
    const provider = providerFor('http://127.0.0.1:9');
    await expect(
      provider.goldenMetrics({ ...query, workload: 'x"} or vector(1)' }),
    ).rejects.toThrow(/workload .* is not a Kubernetes name/);
    await expect(
      provider.goldenMetrics({ ...query, windowSeconds: 0 }),
    ).rejects.toThrow(/windowSeconds/);
  });
});

describe('MetricsProviders', () => {
  const config = new ConfigReader({});

  it('uses Prometheus by default, or the registered provider built from it', async () => {
    const byDefault = await MetricsProviders.create({ config });
    expect(byDefault.forCluster('a')).toBeInstanceOf(PrometheusMetricsProvider);

    const custom = {
      goldenMetrics: async () => ({
        status: 'no-traffic' as const,
        windowSeconds: 1,
      }),
    };
    let gotDefault: unknown;
    const fromFactory = await MetricsProviders.create({
      config,
      registered: ({ getDefault }) => {
        gotDefault = getDefault();
        return custom;
      },
    });
    expect(fromFactory.forCluster('a')).toBe(custom);
    expect(gotDefault).toBeInstanceOf(PrometheusMetricsProvider);
  });
});
