import { X509Certificate } from 'crypto';
import { api, waitFor } from '../__testUtils__/http';
import { EXAMPLE_CLUSTER_PATH, startSimulator, Simulator } from '../simulator';
import { KObject } from '../util/types';
import { lastScheduled, cronMatches } from './cron';

const FAST = {
  tickMs: 15,
  scheduleDelayMs: 20,
  startDelayMs: 40,
  jobRunMs: 150,
  crashLoopMs: 200,
  podTerminationMs: 60,
  logIntervalMs: 50,
  cronCheckMs: 50,
};

function deployment(
  name: string,
  replicas: number,
  image = 'nginx:1.25',
  extra: Record<string, unknown> = {},
): KObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, labels: { app: name } },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: {
          containers: [
            {
              name: 'app',
              image,
              ports: [{ containerPort: 8080, name: 'http' }],
            },
          ],
        },
      },
      ...extra,
    },
  };
}

describe('controllers', () => {
  let sim: Simulator;
  let c: ReturnType<typeof api>;
  const apps = '/apis/apps/v1/namespaces/ctl';
  const core = '/api/v1/namespaces/ctl';
  const list = (k: string) => sim.store.list(k, 'ctl');

  beforeAll(async () => {
    sim = await startSimulator({ port: 0, tls: false, controllers: FAST });
    c = api(sim);
    await c.post('/api/v1/namespaces', { metadata: { name: 'ctl' } });
  });
  afterAll(() => sim.stop());

  it('namespace controller adds the default ServiceAccount and kube-root-ca.crt', async () => {
    const cm = await waitFor(
      () =>
        sim.store.get('/serviceaccounts', 'ctl', 'default') &&
        sim.store.get('/configmaps', 'ctl', 'kube-root-ca.crt'),
    );
    expect(String((cm.data as Record<string, string>)['ca.crt'])).toContain(
      'BEGIN CERTIFICATE',
    );
  });

  it('Deployment → ReplicaSet → running pods, with annotations, owners, events and status', async () => {
    expect(
      (await c.post(`${apps}/deployments`, deployment('web', 2))).status,
    ).toBe(201);
    const d = await waitFor(
      () => {
        const x = sim.store.get('apps/deployments', 'ctl', 'web');
        return (
          x?.status?.availableReplicas === 2 &&
          x.status.conditions?.some(
            (k: { reason: string }) => k.reason === 'NewReplicaSetAvailable',
          ) &&
          x
        );
      },
      5000,
      'deployment available',
    );
    const [rs] = list('apps/replicasets');
    const hash = rs.metadata.labels!['pod-template-hash'];
    expect(rs.metadata.name).toBe(`web-${hash}`);
    expect(hash).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{6,10}$/);
    expect(rs.metadata.annotations).toEqual({
      'deployment.kubernetes.io/desired-replicas': '2',
      'deployment.kubernetes.io/max-replicas': '3',
      'deployment.kubernetes.io/revision': '1',
    });
    expect(rs.metadata.ownerReferences).toEqual([
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        name: 'web',
        uid: d.metadata.uid,
        controller: true,
        blockOwnerDeletion: true,
      },
    ]);
    expect(rs.spec.selector.matchLabels).toEqual({
      app: 'web',
      'pod-template-hash': hash,
    });
    const pods = sim.store.list('/pods', 'ctl');
    expect(pods).toHaveLength(2);
    for (const p of pods) {
      expect(p.metadata.name).toMatch(
        new RegExp(`^web-${hash}-[bcdfghjklmnpqrstvwxz2456789]{5}$`),
      );
      expect(p.metadata.generateName).toBe(`web-${hash}-`);
      expect(p.status.phase).toBe('Running');
      expect(p.status.podIP).toMatch(/^10\.244\./);
      expect(p.spec.nodeName).toMatch(/^sim-node-/);
      expect(
        p.status.conditions
          .map((k: { type: string; status: string }) => `${k.type}=${k.status}`)
          .sort(),
      ).toEqual([
        'ContainersReady=True',
        'Initialized=True',
        'PodReadyToStartContainers=True',
        'PodScheduled=True',
        'Ready=True',
      ]);
      expect(p.status.containerStatuses[0]).toMatchObject({
        name: 'app',
        ready: true,
        started: true,
        restartCount: 0,
      });
    }
    expect(d.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe(
      '1',
    );
    expect(d.metadata.generation).toBe(1);
    expect(d.status).toMatchObject({
      observedGeneration: 1,
      replicas: 2,
      updatedReplicas: 2,
      readyReplicas: 2,
      availableReplicas: 2,
    });
    const reasons = sim.store
      .list('events', 'ctl')
      .map(e => `${(e.source as { component: string }).component}/${e.reason}`);
    for (const r of [
      'deployment-controller/ScalingReplicaSet',
      'replicaset-controller/SuccessfulCreate',
      'default-scheduler/Scheduled',
      'kubelet/Pulling',
      'kubelet/Pulled',
      'kubelet/Created',
      'kubelet/Started',
    ]) {
      expect(reasons).toContain(r);
    }
    const ep = await waitFor(
      () => sim.store.get('/endpoints', 'ctl', 'web') ?? false,
      100,
    ).catch(() => undefined);
    expect(ep).toBeUndefined(); // no Service yet
  });

  it('rolls out a new template within maxSurge and keeps history', async () => {
    let maxTotal = 0;
    const stop = sim.store.watch('/pods', () => {
      const active = sim.store
        .list('/pods', 'ctl')
        .filter(
          p =>
            !p.metadata.deletionTimestamp && p.metadata.labels?.app === 'web',
        ).length;
      maxTotal = Math.max(maxTotal, active);
    });
    await c.patch(
      `${apps}/deployments/web`,
      {
        spec: {
          template: {
            spec: { containers: [{ name: 'app', image: 'nginx:1.27' }] },
          },
        },
      },
      'application/strategic-merge-patch+json',
    );
    await waitFor(
      () => {
        const d = sim.store.get('apps/deployments', 'ctl', 'web')!;
        return (
          d.status?.observedGeneration === d.metadata.generation &&
          d.status?.updatedReplicas === 2 &&
          d.status?.availableReplicas === 2 &&
          !d.status?.unavailableReplicas &&
          d.status.replicas === 2
        );
      },
      8000,
      'rollout',
    );
    stop();
    expect(maxTotal).toBeLessThanOrEqual(3);
    const rss = list('apps/replicasets').sort(
      (a, b) =>
        Number(a.metadata.annotations!['deployment.kubernetes.io/revision']) -
        Number(b.metadata.annotations!['deployment.kubernetes.io/revision']),
    );
    expect(
      rss.map(r => [
        r.metadata.annotations!['deployment.kubernetes.io/revision'],
        r.spec.replicas,
      ]),
    ).toEqual([
      ['1', 0],
      ['2', 2],
    ]);
    expect(
      sim.store.get('apps/deployments', 'ctl', 'web')!.metadata.annotations![
        'deployment.kubernetes.io/revision'
      ],
    ).toBe('2');
  });

  it('respects spec.paused and resumes', async () => {
    await c.patch(`${apps}/deployments/web`, { spec: { paused: true } });
    await c.patch(
      `${apps}/deployments/web`,
      {
        spec: {
          template: {
            spec: { containers: [{ name: 'app', image: 'nginx:1.28' }] },
          },
        },
      },
      'application/strategic-merge-patch+json',
    );
    await new Promise(r => setTimeout(r, 200));
    expect(list('apps/replicasets')).toHaveLength(2);
    const d = sim.store.get('apps/deployments', 'ctl', 'web')!;
    expect(
      d.status.conditions.find(
        (k: { type: string }) => k.type === 'Progressing',
      ),
    ).toMatchObject({ status: 'Unknown', reason: 'DeploymentPaused' });
    await c.patch(`${apps}/deployments/web`, { spec: { paused: false } });
    await waitFor(
      () => list('apps/replicasets').length === 3,
      3000,
      'new RS after resume',
    );
  });

  it('Service → Endpoints with ready pod IPs, and no subsets when nothing matches', async () => {
    await c.post(`${core}/services`, {
      metadata: { name: 'web' },
      spec: {
        selector: { app: 'web' },
        ports: [{ port: 80, targetPort: 'http' }],
      },
    });
    await c.post(`${core}/services`, {
      metadata: { name: 'nobody' },
      spec: { selector: { app: 'nobody' }, ports: [{ port: 80 }] },
    });
    type Subsets = Array<{ addresses?: unknown[]; ports?: unknown[] }>;
    const ep = await waitFor(
      () => {
        const e = sim.store.get('/endpoints', 'ctl', 'web');
        return (
          (e?.subsets as Subsets | undefined)?.[0]?.addresses?.length === 2 && e
        );
      },
      5000,
      'endpoints',
    );
    expect((ep.subsets as Subsets)[0].ports).toEqual([
      { port: 8080, protocol: 'TCP' },
    ]);
    const empty = await waitFor(() =>
      sim.store.get('/endpoints', 'ctl', 'nobody'),
    );
    expect('subsets' in empty).toBe(false);
    const slices = sim.store
      .list('discovery.k8s.io/endpointslices', 'ctl')
      .filter(s => s.metadata.labels?.['kubernetes.io/service-name'] === 'web');
    expect(slices).toHaveLength(1);
  });

  it('StatefulSet creates ordered pods, revisions and PVCs', async () => {
    await c.post(`${apps}/statefulsets`, {
      metadata: { name: 'db' },
      spec: {
        replicas: 2,
        serviceName: 'db',
        selector: { matchLabels: { app: 'db' } },
        template: {
          metadata: { labels: { app: 'db' } },
          spec: { containers: [{ name: 'db', image: 'postgres:16' }] },
        },
        volumeClaimTemplates: [
          {
            metadata: { name: 'data' },
            spec: {
              accessModes: ['ReadWriteOnce'],
              resources: { requests: { storage: '1Gi' } },
            },
          },
        ],
      },
    });
    await waitFor(
      () =>
        sim.store.get('apps/statefulsets', 'ctl', 'db')?.status
          ?.readyReplicas === 2,
      5000,
      'sts ready',
    );
    expect(
      sim.store.get('/pods', 'ctl', 'db-0')!.metadata.labels![
        'statefulset.kubernetes.io/pod-name'
      ],
    ).toBe('db-0');
    expect(sim.store.get('/pods', 'ctl', 'db-1')).toBeDefined();
    expect(
      Date.parse(
        sim.store.get('/pods', 'ctl', 'db-0')!.metadata.creationTimestamp!,
      ),
    ).toBeLessThanOrEqual(
      Date.parse(
        sim.store.get('/pods', 'ctl', 'db-1')!.metadata.creationTimestamp!,
      ),
    );
    await waitFor(
      () =>
        sim.store.get('/persistentvolumeclaims', 'ctl', 'data-db-1')?.status
          ?.phase === 'Bound',
      3000,
      'pvc bound',
    );
    expect(
      list('apps/controllerrevisions').some(r =>
        r.metadata.name!.startsWith('db-'),
      ),
    ).toBe(true);
  });

  it('DaemonSet runs one pod per node', async () => {
    await c.post(`${apps}/daemonsets`, {
      metadata: { name: 'agent' },
      spec: {
        selector: { matchLabels: { app: 'agent' } },
        template: {
          metadata: { labels: { app: 'agent' } },
          spec: { containers: [{ name: 'a', image: 'fluent-bit:3' }] },
        },
      },
    });
    await waitFor(
      () =>
        sim.store.get('apps/daemonsets', 'ctl', 'agent')?.status
          ?.numberReady === 3,
      5000,
      'ds ready',
    );
    const nodes = sim.store
      .list('/pods', 'ctl')
      .filter(p => p.metadata.labels?.app === 'agent')
      .map(p => p.spec.nodeName)
      .sort();
    expect(nodes).toEqual(['sim-node-1', 'sim-node-2', 'sim-node-3']);
  });

  it('Jobs run pods to completion; CronJob templates can be run by hand', async () => {
    await c.post('/apis/batch/v1/namespaces/ctl/cronjobs', {
      metadata: { name: 'nightly' },
      spec: {
        schedule: '0 2 * * *',
        jobTemplate: {
          spec: {
            completions: 2,
            template: {
              spec: {
                restartPolicy: 'Never',
                containers: [{ name: 'j', image: 'busybox:1.36' }],
              },
            },
          },
        },
      },
    });
    const cj = sim.store.get('batch/cronjobs', 'ctl', 'nightly')!;
    // what `kubectl create job --from=cronjob/nightly` sends
    const res = await c.post('/apis/batch/v1/namespaces/ctl/jobs', {
      metadata: {
        name: 'nightly-manual',
        annotations: { 'cronjob.kubernetes.io/instantiate': 'manual' },
        ownerReferences: [
          {
            apiVersion: 'batch/v1',
            kind: 'CronJob',
            name: 'nightly',
            uid: cj.metadata.uid,
            controller: true,
          },
        ],
      },
      spec: cj.spec.jobTemplate.spec,
    });
    expect(res.status).toBe(201);
    expect(
      res.body.spec.selector.matchLabels['batch.kubernetes.io/controller-uid'],
    ).toBe(res.body.metadata.uid);
    const job = await waitFor(
      () => {
        const j = sim.store.get('batch/jobs', 'ctl', 'nightly-manual');
        return j?.status?.succeeded === 2 && j;
      },
      5000,
      'job complete',
    );
    expect(
      job.status.conditions.map((k: { type: string }) => k.type),
    ).toContain('Complete');
    expect(job.status.completionTime).toEqual(expect.any(String));
    expect(cronMatches('*/15 * * * *', new Date('2024-01-01T10:30:00Z'))).toBe(
      true,
    );
    expect(cronMatches('0 2 * * *', new Date('2024-01-01T10:30:00Z'))).toBe(
      false,
    );
    expect(
      lastScheduled(
        '0 2 * * *',
        new Date('2024-01-02T10:30:00Z'),
      )!.toISOString(),
    ).toBe('2024-01-02T02:00:00.000Z');
  });

  it('simulates CrashLoopBackOff and OOMKilled', async () => {
    await c.post(`${apps}/deployments`, {
      ...deployment('crashy', 1),
      spec: {
        ...deployment('crashy', 1).spec,
        template: {
          metadata: {
            labels: { app: 'crashy' },
            annotations: { 'simulator.kubemate.io/crashloop': 'true' },
          },
          spec: { containers: [{ name: 'app', image: 'app:1' }] },
        },
      },
    });
    await c.post(
      `${apps}/deployments`,
      deployment('oomy', 1, 'registry/app:oom'),
    );
    const crash = await waitFor(
      () => {
        const p = sim.store
          .list('/pods', 'ctl')
          .find(x => x.metadata.labels?.app === 'crashy');
        const st = p?.status.containerStatuses?.[0];
        // the second back-off lasts longest; check during it
        return (
          st?.state?.waiting?.reason === 'CrashLoopBackOff' &&
          st.restartCount >= 2 &&
          p
        );
      },
      8000,
      'crashloop',
    );
    expect(
      crash.status.containerStatuses[0].lastState.terminated,
    ).toMatchObject({ exitCode: 1, reason: 'Error' });
    expect(
      crash.status.containerStatuses[0].restartCount,
    ).toBeGreaterThanOrEqual(1);
    // the Table's Status column shows the waiting reason while the container backs off
    await waitFor(
      async () => {
        const table = await c.get(`${core}/pods?labelSelector=app%3Dcrashy`, {
          Accept: 'application/json;as=Table;v=v1;g=meta.k8s.io',
        });
        return table.body.rows[0].cells[2] === 'CrashLoopBackOff';
      },
      8000,
      'CrashLoopBackOff in the table',
    );
    const oom = await waitFor(
      () =>
        sim.store
          .list('/pods', 'ctl')
          .find(
            p =>
              p.metadata.labels?.app === 'oomy' &&
              p.status.containerStatuses?.[0]?.lastState?.terminated?.reason ===
                'OOMKilled',
          ),
      5000,
      'oom',
    );
    expect(oom.status.containerStatuses[0].lastState.terminated.exitCode).toBe(
      137,
    );
    const prev = await c.get(
      `${core}/pods/${crash.metadata.name}/log?previous=true`,
    );
    expect(prev.text).toContain('panic:');
  });

  it('garbage-collects with Background, Foreground and Orphan propagation', async () => {
    for (const n of ['bg', 'fg', 'or'])
      await c.post(`${apps}/deployments`, deployment(n, 1));
    await waitFor(
      () =>
        ['bg', 'fg', 'or'].every(n =>
          sim.store
            .list('/pods', 'ctl')
            .some(
              p => p.metadata.labels?.app === n && p.status.phase === 'Running',
            ),
        ),
      5000,
      'pods',
    );
    const bg = await c.del(`${apps}/deployments/bg`);
    expect(bg.body).toMatchObject({
      kind: 'Status',
      status: 'Success',
      details: { name: 'bg', group: 'apps', kind: 'deployments' },
    });
    const fg = await c.del(
      `${apps}/deployments/fg?propagationPolicy=Foreground`,
    );
    expect(fg.body.metadata.finalizers).toEqual(['foregroundDeletion']);
    expect(fg.body.metadata.deletionTimestamp).toEqual(expect.any(String));
    const or = await c.del(`${apps}/deployments/or`, {
      kind: 'DeleteOptions',
      apiVersion: 'v1',
      propagationPolicy: 'Orphan',
    });
    expect(or.body.metadata.finalizers).toEqual(['orphan']);
    await waitFor(
      () =>
        !sim.store.get('apps/deployments', 'ctl', 'fg') &&
        !sim.store.get('apps/deployments', 'ctl', 'or'),
      5000,
      'owners gone',
    );
    await waitFor(
      () =>
        !sim.store
          .list('/pods', 'ctl')
          .some(p => ['bg', 'fg'].includes(p.metadata.labels?.app ?? '')),
      5000,
      'dependents gone',
    );
    const orphanRs = list('apps/replicasets').find(
      r => r.metadata.labels?.app === 'or',
    )!;
    expect(orphanRs.metadata.ownerReferences).toBeUndefined();
    expect(
      sim.store.list('/pods', 'ctl').some(p => p.metadata.labels?.app === 'or'),
    ).toBe(true);
  });

  it('deleting a namespace removes its content; creating in a missing namespace is 404', async () => {
    await c.post('/api/v1/namespaces', { metadata: { name: 'doomed' } });
    await c.post('/api/v1/namespaces/doomed/configmaps', {
      metadata: { name: 'x' },
    });
    const del = await c.del('/api/v1/namespaces/doomed');
    expect(del.body.status.phase).toBe('Terminating');
    await waitFor(
      () => !sim.store.get('/namespaces', undefined, 'doomed'),
      3000,
      'namespace gone',
    );
    expect(sim.store.list('/configmaps', 'doomed')).toEqual([]);
    const r = await c.post('/api/v1/namespaces/doomed/configmaps', {
      metadata: { name: 'y' },
    });
    expect(r.status).toBe(404);
    expect(r.body.message).toBe('namespaces "doomed" not found');
  });
});

describe('seeded example cluster', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({
      port: 0,
      tls: false,
      seed: [EXAMPLE_CLUSTER_PATH],
      controllers: FAST,
      metricsPort: 0,
    });
  });
  afterAll(() => sim.stop());

  it('loads every app with the Backstage label on workloads and pod templates', async () => {
    const expected: Array<[string, string, string]> = [
      ['apps/deployments', 'bank-payments', 'payments-api-v1'],
      ['apps/deployments', 'bank-payments', 'payments-api-v2'],
      ['apps/deployments', 'bank-core', 'accounts-service'],
      ['apps/statefulsets', 'bank-core', 'ledger-worker'],
      ['apps/deployments', 'erp-finance', 'erp-finance'],
      ['apps/deployments', 'erp-supply', 'erp-inventory'],
      ['apps/deployments', 'erp-supply', 'erp-portal'],
    ];
    for (const [key, ns, name] of expected) {
      const w = sim.store.get(key, ns, name)!;
      const id = w.metadata.labels!['backstage.io/kubernetes-id'];
      expect(id).toBeDefined();
      expect(
        w.spec.template.metadata.labels['backstage.io/kubernetes-id'],
      ).toBe(id);
      expect(w.metadata.labels!['app.kubernetes.io/name']).toBe(id);
    }
    expect(
      sim.store.get('batch/cronjobs', 'bank-core', 'ledger-reconcile'),
    ).toBeDefined();
    expect(
      sim.store
        .get(
          'gateway.networking.k8s.io/httproutes',
          'bank-payments',
          'payments-api-split',
        )!
        .spec.rules[0].backendRefs.map((b: { weight: number }) => b.weight),
    ).toEqual([90, 10]);
    expect(
      sim.store.get('/resourcequotas', 'erp-finance', 'x'),
    ).toBeUndefined();
    expect(sim.store.list('/resourcequotas', 'erp-finance')).toEqual([]);
    await waitFor(
      () =>
        sim.store
          .list('/pods', 'bank-payments')
          .filter(p => p.status.phase === 'Running').length === 4,
      5000,
      'payments pods',
    );
  });

  it('reports Gateway API status: programmed gateways and routes with missing backends', async () => {
    const route = await waitFor(
      () => {
        const r = sim.store.get(
          'gateway.networking.k8s.io/httproutes',
          'erp-supply',
          'erp-portal',
        );
        return r?.status?.parents?.length && r;
      },
      3000,
      'route status',
    );
    expect(
      route.status.parents[0].conditions.find(
        (x: { type: string }) => x.type === 'ResolvedRefs',
      ),
    ).toMatchObject({
      status: 'False',
      reason: 'BackendNotFound',
      message: 'Service "erp-supply/erp-reports" not found',
    });
    const ok = sim.store.get(
      'gateway.networking.k8s.io/httproutes',
      'bank-core',
      'accounts-service',
    )!;
    expect(
      ok.status.parents[0].conditions.map((x: { status: string }) => x.status),
    ).toEqual(['True', 'True']);
    const gw = sim.store.get(
      'gateway.networking.k8s.io/gateways',
      'bank-core',
      'bank-core-gateway',
    )!;
    expect(gw.status.addresses[0].value).toMatch(/^172\.18\.255\.\d+$/);
    expect(gw.status.listeners[0].attachedRoutes).toBe(1);
    expect(
      sim.store.get('/services', 'traefik', 'traefik')!.status.loadBalancer
        .ingress[0].ip,
    ).toMatch(/^172\.18\.255\./);
  });

  it('serves every list the Backstage Kubernetes plugin makes, filtered by backstage.io/kubernetes-id', async () => {
    const c = api(sim);
    const sel = 'labelSelector=backstage.io%2Fkubernetes-id%3Dpayments-api';
    const paths = [
      '/api/v1/pods',
      '/api/v1/services',
      '/api/v1/configmaps',
      '/api/v1/limitranges',
      '/api/v1/resourcequotas',
      '/apis/apps/v1/deployments',
      '/apis/apps/v1/replicasets',
      '/apis/apps/v1/statefulsets',
      '/apis/apps/v1/daemonsets',
      '/apis/autoscaling/v2/horizontalpodautoscalers',
      '/apis/autoscaling/v1/horizontalpodautoscalers',
      '/apis/batch/v1/jobs',
      '/apis/batch/v1/cronjobs',
      '/apis/networking.k8s.io/v1/ingresses',
    ];
    for (const p of paths) {
      const r = await c.get(`${p}?${sel}`);
      expect({ p, status: r.status }).toEqual({ p, status: 200 });
      expect(
        r.body.items.every(
          (i: KObject) =>
            i.metadata.labels?.['backstage.io/kubernetes-id'] ===
            'payments-api',
        ),
      ).toBe(true);
    }
    expect(
      (await c.get(`/apis/apps/v1/deployments?${sel}`)).body.items.map(
        (d: KObject) => d.metadata.name,
      ),
    ).toEqual(['payments-api-v1', 'payments-api-v2']);
    const hpaV1 = (
      await c.get(
        '/apis/autoscaling/v1/namespaces/bank-payments/horizontalpodautoscalers/payments-api-v1',
      )
    ).body;
    expect(hpaV1).toMatchObject({
      apiVersion: 'autoscaling/v1',
      spec: {
        minReplicas: 3,
        maxReplicas: 10,
        targetCPUUtilizationPercentage: 70,
      },
    });
    const podMetrics = await c.get(
      '/apis/metrics.k8s.io/v1beta1/namespaces/bank-payments/pods',
    );
    expect(podMetrics.body.kind).toBe('PodMetricsList');
  });

  it('applies LimitRange defaults to pods like the LimitRanger admission plugin', async () => {
    const pod = await waitFor(() =>
      sim.store
        .list('/pods', 'erp-supply')
        .find(p => p.metadata.labels?.app === 'erp-portal'),
    );
    expect(pod.spec.containers[0].resources).toEqual({
      limits: { cpu: '500m', memory: '512Mi' },
      requests: { cpu: '100m', memory: '128Mi' },
    });
    expect(pod.metadata.annotations!['kubernetes.io/limit-ranger']).toBe(
      'LimitRanger plugin set: cpu, memory request for container erp-portal; cpu, memory limit for container erp-portal',
    );
    const finance = await waitFor(() =>
      sim.store
        .list('/pods', 'erp-finance')
        .find(p => p.metadata.labels?.app === 'erp-finance'),
    );
    expect(finance.spec.containers[0].resources).toEqual({});
  });

  it('generates a TLS certificate that expires within 14 days', () => {
    const s = sim.store.get('/secrets', 'bank-payments', 'payments-tls')!;
    const cert = new X509Certificate(
      Buffer.from(
        String((s.data as Record<string, string>)['tls.crt']),
        'base64',
      ),
    );
    const days = (Date.parse(cert.validTo) - Date.now()) / 86400_000;
    expect(days).toBeGreaterThan(0);
    expect(days).toBeLessThan(14);
  });

  it('exposes Linkerd-style metrics that follow the route weights and error knobs', async () => {
    await waitFor(
      () =>
        sim.store
          .list('/pods', 'bank-payments')
          .filter(p => p.status.phase === 'Running').length === 4,
      5000,
      'pods',
    );
    const scrape = async () => (await fetch(`${sim.url}/metrics`)).text();
    const plain = await fetch(sim.metricsUrl!);
    expect(plain.headers.get('content-type')).toContain(
      'text/plain; version=0.0.4',
    );
    await waitFor(
      async () => {
        const t = await scrape();
        return t
          .split('\n')
          .some(
            l =>
              /^response_total\{.*deployment="payments-api-v2".*classification="failure"/.test(
                l,
              ) && Number(l.split(' ').pop()) > 0,
          );
      },
      8000,
      'failures on the canary',
    );
    const text = await scrape();
    const sum = (re: RegExp) =>
      text
        .split('\n')
        .filter(l => re.test(l))
        .reduce((n, l) => n + Number(l.split(' ').pop()), 0);
    const v1 = sum(/^request_total\{.*deployment="payments-api-v1"/);
    const v2 = sum(/^request_total\{.*deployment="payments-api-v2"/);
    expect(v1).toBeGreaterThan(0);
    expect(v1 / Math.max(1, v2)).toBeGreaterThan(4);
    const fail2 = sum(
      /^response_total\{.*deployment="payments-api-v2".*classification="failure"/,
    );
    expect(fail2).toBeGreaterThan(0);
    expect(text).toMatch(
      /response_latency_ms_bucket\{direction="inbound",authority="payments-api\.bank-payments\.svc\.cluster\.local:8080".*le="\+Inf"\}/,
    );
    expect(text).not.toMatch(/namespace="erp-finance"/); // not meshed
    const later = await scrape();
    const v1Later = later
      .split('\n')
      .filter(l => /^request_total\{.*deployment="payments-api-v1"/.test(l))
      .reduce((n, l) => n + Number(l.split(' ').pop()), 0);
    expect(v1Later).toBeGreaterThanOrEqual(v1);
  });
});
