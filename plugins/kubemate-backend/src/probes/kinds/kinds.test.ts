import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { startGatewayHttp, type Simulator } from '@kubemate/kube-simulator';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  probeDefinitionSchema,
  type ProbeDefinitionInput,
} from '@kubemate/plugin-kubemate-common';
import { startSeededSimulator } from '../../__testUtils__/simulatorBackend';
import { migratingDatabase } from '../../__testUtils__/testDatabases';
import type { ClusterService } from '../../clusters/ClusterService';
import { simulatorClusterService } from '../../clusters/__testUtils__/simulatorClusters';
import { ProbeRunner } from '../ProbeRunner';
import { ProbeStore } from '../ProbeStore';
import { PROBE_ID_LABEL } from './steps';

jest.setTimeout(120_000);

const NS = 'kubemate-probes';

const probe = (input: Omit<ProbeDefinitionInput, 'cluster' | 'title'>) => ({
  definition: probeDefinitionSchema.parse({
    cluster: 'sim',
    title: input.id,
    timeoutSeconds: 15,
    ...input,
  }),
  source: 'test.yaml:1',
});

describe('built-in probe kinds against the simulator', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let sim: Simulator;
  let clusters: ClusterService;
  let runner: ProbeRunner;

  beforeAll(async () => {
    sim = await startSeededSimulator();
    sim.apply([
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } },
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'nobody-home', namespace: NS },
        spec: { selector: { app: 'nobody' }, ports: [{ port: 80 }] },
      },
      {
        apiVersion: 'v1',
        kind: 'Secret',
        type: 'kubernetes.io/tls',
        metadata: { name: 'sim-tls', namespace: NS },
        data: {
          'tls.crt': Buffer.from(sim.caPem!).toString('base64'),
          'tls.key': Buffer.from('not a key').toString('base64'),
        },
      },
    ]);
    clusters = simulatorClusterService(sim);
    const { knex } = await migratingDatabase(databases, 'SQLITE_3');
    runner = new ProbeRunner({
      clusters,
      store: new ProbeStore(knex),
      logger: mockServices.logger.mock(),
      pollMs: 50,
    });
  });

  afterAll(async () => {
    await clusters?.stop();
    await sim?.stop();
  });

  const run = async (p: ReturnType<typeof probe>) =>
    (await runner.start(p, 'manual', 'test')).done;

  const leftovers = () =>
    ['apps/deployments', 'apps/statefulsets', '/configmaps'].flatMap(key =>
      sim.store
        .list(key, NS)
        .filter(o => o.metadata.labels?.[PROBE_ID_LABEL])
        .filter(o => !o.metadata.deletionTimestamp),
    );

  it.each(['Deployment', 'StatefulSet'] as const)(
    'workload lifecycle of a %s: created, Ready, scaled, deleted, each step timed',
    async workload => {
      const result = await run(
        probe({
          id: `lifecycle-${workload.toLowerCase()}`,
          type: 'workload-lifecycle',
          namespace: NS,
          params: { workload, scaleTo: 2 },
        }),
      );
      expect(result.message).toBeDefined();
      expect(result.status).toBe('passed');
      expect(result.steps.map(s => [s.name, s.status])).toEqual([
        [`create ${workload}`, 'passed'],
        ['wait Ready', 'passed'],
        ['scale to 2', 'passed'],
        [`delete ${workload}`, 'passed'],
      ]);
      for (const step of result.steps) {
        expect(step.latencyMs).toBeGreaterThanOrEqual(0);
      }
      expect(result.durationMs).toBeGreaterThan(0);
      expect(leftovers()).toEqual([]);
    },
  );

  it('fails on an image that cannot be pulled, with its events and the image-pull hint, and cleans up', async () => {
    const result = await run(
      probe({
        id: 'bad-image',
        type: 'workload-lifecycle',
        namespace: NS,
        timeoutSeconds: 3,
        params: { image: 'registry.example.com/probe:doesnotexist' },
      }),
    );
    expect(result.status).toBe('failed');
    expect(result.message).toMatch(/wait Ready: not Ready after/);
    expect(result.message).toMatch(/ImagePullBackOff/);
    expect(result.steps.map(s => [s.name, s.status])).toEqual([
      ['create Deployment', 'passed'],
      ['wait Ready', 'failed'],
      ['delete Deployment', 'passed'],
    ]);
    expect(result.events.map(e => e.message)).toEqual(
      expect.arrayContaining([expect.stringMatching(/Failed to pull image/)]),
    );
    expect(result.hint).toMatchObject({
      id: 'image-pull',
      evidence: expect.stringMatching(/^Pod\/kmp-bad-image-/),
    });
    expect(leftovers()).toEqual([]);
  });

  it('API round trip: a ConfigMap created, read, updated and deleted', async () => {
    const result = await run(
      probe({ id: 'api', type: 'api-roundtrip', namespace: NS }),
    );
    expect(result.status).toBe('passed');
    expect(result.steps.map(s => s.name)).toEqual([
      'create ConfigMap',
      'get ConfigMap',
      'update ConfigMap',
      'delete ConfigMap',
    ]);
    expect(leftovers()).toEqual([]);
  });

  it('API round trip in a namespace that does not exist fails at its first step with the not-found hint', async () => {
    const result = await run(
      probe({ id: 'api-nowhere', type: 'api-roundtrip', namespace: 'nowhere' }),
    );
    expect(result.status).toBe('failed');
    expect(result.message).toMatch(/^create ConfigMap: HTTP 404/);
    expect(result.hint?.id).toBe('not-found');
  });

  it('Service endpoints: ready addresses behind a seeded Service, none behind one that selects nothing', async () => {
    const ok = await run(
      probe({
        id: 'accounts-endpoints',
        type: 'service-endpoints',
        namespace: 'bank-core',
        params: { service: 'accounts-service' },
      }),
    );
    expect(ok.status).toBe('passed');
    expect(ok.message).toMatch(/ready address/);

    const none = await run(
      probe({
        id: 'nobody-endpoints',
        type: 'service-endpoints',
        namespace: NS,
        params: { service: 'nobody-home' },
      }),
    );
    expect(none.status).toBe('failed');
    expect(none.message).toMatch(/0 ready address\(es\)/);
    expect(none.hint?.id).toBe('no-endpoints');
  });

  it('certificate expiry of TLS Secrets and the API server against a threshold', async () => {
    // The simulator's certificate is valid for a year.
    const fine = await run(
      probe({
        id: 'certs',
        type: 'certificate-expiry',
        namespace: NS,
        params: { apiServer: true, minDaysLeft: 30 },
      }),
    );
    expect(fine.status).toBe('passed');
    expect(fine.steps.map(s => s.name)).toEqual([
      'Secret sim-tls',
      expect.stringMatching(/^API server 127\.0\.0\.1:\d+$/),
    ]);

    const soon = await run(
      probe({
        id: 'certs-strict',
        type: 'certificate-expiry',
        namespace: NS,
        params: { secrets: ['sim-tls'], minDaysLeft: 400 },
      }),
    );
    expect(soon.status).toBe('failed');
    expect(soon.message).toMatch(/expires in \d+ day/);
    expect(soon.hint?.id).toBe('certificate-expiry');
  });

  it('HTTP: status, body match and latency of a request carrying the Host header routes match on', async () => {
    const server = http.createServer((req, res) => {
      if (req.headers.host === 'shop.example.com' && req.url === '/health') {
        res.end('{"status":"ok"}');
      } else {
        res.statusCode = 404;
        res.end('no route');
      }
    });
    await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const ok = await run(
        probe({
          id: 'http-ok',
          type: 'http',
          params: {
            url: `${url}/health`,
            host: 'shop.example.com',
            bodyMatch: '"ok"',
          },
        }),
      );
      expect(ok.status).toBe('passed');
      expect(ok.steps.map(s => s.name)).toEqual([
        'GET /health',
        'check answer',
      ]);

      const wrongHost = await run(
        probe({
          id: 'http-wrong-host',
          type: 'http',
          params: { url: `${url}/health`, host: 'other.example.com' },
        }),
      );
      expect(wrongHost.status).toBe('failed');
      expect(wrongHost.message).toBe(
        'check answer: status 404, expected 200: no route',
      );
      expect(wrongHost.hint?.id).toBe('routing');

      const noMatch = await run(
        probe({
          id: 'http-body',
          type: 'http',
          params: {
            url: `${url}/health`,
            host: 'shop.example.com',
            bodyMatch: 'healthy',
          },
        }),
      );
      expect(noMatch.message).toBe(
        'check answer: the body does not match /healthy/',
      );
    } finally {
      server.close();
    }
    const refused = await run(
      probe({
        id: 'http-down',
        type: 'http',
        params: { url: `${url}/health` },
      }),
    );
    expect(refused.status).toBe('failed');
    expect(refused.message).toMatch(
      /^GET \/health: request failed: .*ECONNREFUSED/,
    );
  });

  it("HTTP through a namespace's gateway: the simulator answers by the HTTPRoutes, so the probe follows routing", async () => {
    const gateway = await startGatewayHttp(sim.store);
    const httpProbe = (id: string, path: string) =>
      probe({
        id,
        type: 'http',
        namespace: 'bank-core',
        params: {
          url: `${gateway.url}${path}`,
          host: 'accounts.core.bank.example.com',
          gateway: 'bank-core-gateway',
          bodyMatch: '"route":"bank-core/accounts-service"',
        },
      });
    try {
      const routed = await run(httpProbe('gw-accounts', '/api/v1/accounts'));
      expect(routed.status).toBe('passed');
      expect(routed.message).toMatch(
        /^200 in \d+ ms from accounts\.core\.bank\.example\.com\/api\/v1\/accounts$/,
      );
      const unrouted = await run(httpProbe('gw-elsewhere', '/elsewhere'));
      expect(unrouted.status).toBe('failed');
      expect(unrouted.message).toMatch(/status 404/);
      expect(unrouted.hint?.id).toBe('routing');
    } finally {
      await gateway.stop();
    }
  });

  it('a probe of a cluster the backend does not know is an error, not a failure', async () => {
    const result = await run({
      ...probe({ id: 'elsewhere', type: 'api-roundtrip', namespace: NS }),
      definition: {
        ...probe({ id: 'elsewhere', type: 'api-roundtrip', namespace: NS })
          .definition,
        cluster: 'nowhere',
      },
    });
    expect(result.status).toBe('error');
    expect(result.steps).toEqual([]);
  });
});
