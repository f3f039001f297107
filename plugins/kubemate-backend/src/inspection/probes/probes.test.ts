import { ConfigReader } from '@backstage/config';
import type { Simulator } from '@kubemate/kube-simulator';
import {
  computeFingerprint,
  defaultProfile,
  type InspectionProfile,
} from '@kubemate/plugin-kubemate-node';
import { KubeConfig } from '@kubernetes/client-node';
import {
  createClusterClients,
  type ClusterClients,
} from '../../clusters/ClusterClients';
import { startSeededSimulator } from '../../__testUtils__/simulatorBackend';
import { judgeCertificate } from './certificateProbe';
import { parseEndpoint, readProbeConfig, type ProbeConfig } from './config';
import { runProbes } from './runProbes';
import { PROBE_LABEL } from './workloadProbe';

jest.setTimeout(120_000);

describe('probe configuration', () => {
  const read = (probes: unknown) =>
    readProbeConfig(new ConfigReader({ probes } as never), 'prod-1');

  it('is off without a block or when disabled', () => {
    expect(readProbeConfig(new ConfigReader({}), 'prod-1')).toBeUndefined();
    expect(read({ enabled: false, workload: {} })).toBeUndefined();
    expect(read({ workload: { enabled: false } })).toBeUndefined();
  });

  it('fills defaults for the parts present', () => {
    expect(
      read({ workload: {}, certificates: { endpoints: ['x.io'] } }),
    ).toEqual({
      workload: {
        namespace: 'default',
        image: 'registry.k8s.io/pause:3.10',
        timeoutMs: 60_000,
      },
      certificates: {
        apiServer: true,
        endpoints: ['x.io'],
        minDaysLeft: 30,
        timeoutMs: 10_000,
      },
    });
  });

  it('names bad values', () => {
    expect(() =>
      read({ certificates: { endpoints: ['http://x.io'] } }),
    ).toThrow(
      "kubemate.inspection.clusters.prod-1.probes.certificates.endpoints[0]: 'http://x.io' is not an https endpoint",
    );
    expect(() => read({ workload: { timeoutSeconds: 0 } })).toThrow(
      /workload\.timeoutSeconds must be a positive number/,
    );
  });

  it('parses endpoints', () => {
    expect(parseEndpoint('https://grafana.example.com/d/x')).toEqual({
      host: 'grafana.example.com',
      port: 443,
    });
    expect(parseEndpoint('ldap.example.com:636')).toEqual({
      host: 'ldap.example.com',
      port: 636,
    });
    expect(parseEndpoint('https://[::1]:8443')).toEqual({
      host: '::1',
      port: 8443,
    });
  });

  it('judges certificate expiry against the threshold', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    const cert = (iso: string) => ({
      subject: 'api',
      issuer: 'ca',
      validTo: new Date(iso),
    });
    expect(
      judgeCertificate(cert('2026-03-01T00:00:00Z'), 30, now),
    ).toMatchObject({
      failed: false,
      observed: 'expires in 59 day(s) (2026-03-01)',
      expected: 'at least 30 day(s) left',
    });
    expect(
      judgeCertificate(cert('2026-01-11T00:00:00Z'), 30, now),
    ).toMatchObject({
      failed: true,
      message: 'Certificate api expires in 10 day(s) (2026-01-11)',
    });
    expect(
      judgeCertificate(cert('2025-12-30T00:00:00Z'), 30, now).observed,
    ).toBe('expired 2 day(s) ago (2025-12-30)');
  });
});

describe('probes against the Kubernetes simulator', () => {
  let sim: Simulator;
  let cluster: { name: string; url: string; clients: ClusterClients };

  beforeAll(async () => {
    sim = await startSeededSimulator();
    const kubeConfig = new KubeConfig();
    kubeConfig.loadFromString(sim.kubeconfig);
    cluster = {
      name: 'sim',
      url: sim.url,
      clients: createClusterClients(kubeConfig, { timeoutMs: 30_000 }),
    };
  });

  afterAll(async () => {
    await sim?.stop();
  });

  const probePods = () =>
    sim.store.list('/pods').filter(p => p.metadata.labels?.[PROBE_LABEL]);

  const workload = (
    over: Partial<NonNullable<ProbeConfig['workload']>> = {},
  ) => ({
    namespace: 'default',
    image: 'registry.k8s.io/pause:3.10',
    timeoutMs: 10_000,
    ...over,
  });
  const certificates = (
    over: Partial<NonNullable<ProbeConfig['certificates']>> = {},
  ) => ({
    apiServer: true,
    endpoints: [],
    minDaysLeft: 30,
    timeoutMs: 5_000,
    ...over,
  });

  it('creates a probe pod, sees it Ready, deletes it, and checks the API certificate', async () => {
    const seen: string[] = [];
    // Watch the store to prove the pod existed and reached Running.
    const timer = setInterval(() => {
      for (const p of probePods())
        seen.push(`${p.metadata.name}:${p.status?.phase}`);
    }, 5);
    const { results, ruleIds } = await runProbes({
      cluster,
      config: { workload: workload(), certificates: certificates() },
      profile: defaultProfile(),
      pollMs: 50,
    });
    clearInterval(timer);

    expect(ruleIds.sort()).toEqual([
      'probe-api-certificate-expiry',
      'probe-workload-lifecycle',
    ]);
    const lifecycle = results.find(
      r => r.ruleId === 'probe-workload-lifecycle',
    )!;
    expect(lifecycle).toMatchObject({
      status: 'passed',
      severity: 'high',
      category: 'reliability',
      resource: { kind: 'Namespace', name: 'default' },
      fingerprint: computeFingerprint({
        cluster: 'sim',
        ruleId: 'probe-workload-lifecycle',
        kind: 'Namespace',
        name: 'default',
      }),
    });
    expect(lifecycle.observed).toMatch(
      /^Ready after \d+\.\d s, gone \d+\.\d s after deletion$/,
    );
    expect(seen.some(s => s.endsWith(':Running'))).toBe(true);
    expect(probePods()).toEqual([]);

    const port = new URL(sim.url).port;
    const api = results.find(r => r.ruleId === 'probe-api-certificate-expiry')!;
    // The simulator's certificate is valid for 365 days.
    expect(api).toMatchObject({
      status: 'passed',
      resource: { kind: 'APIServer', name: `127.0.0.1:${port}` },
      expected: 'at least 30 day(s) left',
    });
    expect(api.observed).toMatch(/^expires in 36[45] day\(s\)/);
  });

  it('reports a pod that never becomes Ready as a finding and still removes it', async () => {
    const { results } = await runProbes({
      cluster,
      config: {
        // The simulator's kubelet fails to pull this tag.
        workload: workload({
          image: 'registry.k8s.io/pause:doesnotexist',
          timeoutMs: 1_500,
        }),
      },
      profile: defaultProfile(),
      pollMs: 50,
    });
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({
      status: 'failed',
      ruleId: 'probe-workload-lifecycle',
      expected: 'Ready, then deleted, each within 2 s',
      fix: 'kubectl get events -n default --sort-by=.lastTimestamp | tail -20',
    });
    expect(results[0].observed).toMatch(/^not Ready after 2 s \(phase Pending/);
    expect(probePods()).toEqual([]);
  });

  it('records execution failures and expiring certificates', async () => {
    const { results } = await runProbes({
      cluster,
      config: {
        workload: workload({ namespace: 'no-such-namespace' }),
        certificates: certificates({
          minDaysLeft: 400,
          endpoints: [sim.url, '127.0.0.1:1'],
        }),
      },
      profile: defaultProfile(),
      pollMs: 50,
    });
    const byKey = new Map(
      results.map(r => [`${r.ruleId} ${r.resource.name}`, r]),
    );
    const port = new URL(sim.url).port;
    expect(
      byKey.get('probe-workload-lifecycle no-such-namespace'),
    ).toMatchObject({
      status: 'error',
      error: expect.stringMatching(
        /cannot create probe pod in namespace no-such-namespace: HTTP 404/,
      ),
    });
    expect(
      byKey.get(`probe-api-certificate-expiry 127.0.0.1:${port}`),
    ).toMatchObject({
      status: 'failed',
      expected: 'at least 400 day(s) left',
      message: expect.stringMatching(
        /^Certificate kube-simulator expires in 36[45] day/,
      ),
    });
    expect(
      byKey.get(`probe-endpoint-certificate-expiry 127.0.0.1:${port}`),
    ).toMatchObject({
      status: 'failed',
      severity: 'medium',
      resource: { kind: 'Endpoint' },
    });
    expect(
      byKey.get('probe-endpoint-certificate-expiry 127.0.0.1:1'),
    ).toMatchObject({
      status: 'error',
      error: expect.stringMatching(/^TLS connection to 127\.0\.0\.1:1 failed/),
    });
  });

  it('follows the profile: selection, severity and thresholds', async () => {
    const profile: InspectionProfile = {
      ...defaultProfile('strict'),
      rules: { exclude: { ids: ['probe-workload-lifecycle'] } },
      severity: { categories: { certificates: 'low' }, rules: {} },
      params: { 'probe-api-certificate-expiry': { minDaysLeft: 500 } },
    };
    const { results, ruleIds } = await runProbes({
      cluster,
      config: { workload: workload(), certificates: certificates() },
      profile,
    });
    expect(ruleIds).toEqual(['probe-api-certificate-expiry']);
    expect(results).toEqual([
      expect.objectContaining({
        ruleId: 'probe-api-certificate-expiry',
        status: 'failed',
        severity: 'low',
        expected: 'at least 500 day(s) left',
      }),
    ]);

    const onlySecurity = await runProbes({
      cluster,
      config: { workload: workload(), certificates: certificates() },
      profile: {
        ...defaultProfile(),
        rules: { include: { categories: ['security'] } },
      },
    });
    expect(onlySecurity.results).toEqual([]);
  });
});
