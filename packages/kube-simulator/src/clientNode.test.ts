import * as k8s from '@kubernetes/client-node';
import { startSimulator, Simulator } from './simulator';

/** @kubernetes/client-node, as the Kubemate backend uses it, against the simulator over TLS. */
describe('@kubernetes/client-node against the simulator', () => {
  let sim: Simulator;
  let kc: k8s.KubeConfig;

  beforeAll(async () => {
    sim = await startSimulator({
      port: 0,
      controllers: { tickMs: 20, scheduleDelayMs: 20, startDelayMs: 50 },
    });
    kc = new k8s.KubeConfig();
    kc.loadFromString(sim.kubeconfig);
  });
  afterAll(() => sim.stop());

  it('creates, lists with a label selector and paginates', async () => {
    const core = kc.makeApiClient(k8s.CoreV1Api);
    await core.createNamespace({ body: { metadata: { name: 'cn' } } });
    for (const i of [1, 2, 3]) {
      await core.createNamespacedConfigMap({
        namespace: 'cn',
        body: {
          metadata: {
            name: `cm-${i}`,
            labels: { 'backstage.io/kubernetes-id': i === 3 ? 'other' : 'app' },
          },
          data: { i: String(i) },
        },
      });
    }
    const selected = await core.listNamespacedConfigMap({
      namespace: 'cn',
      labelSelector: 'backstage.io/kubernetes-id=app',
    });
    expect(selected.items.map(c => c.metadata?.name)).toEqual(['cm-1', 'cm-2']);
    const page1 = await core.listNamespacedConfigMap({
      namespace: 'cn',
      limit: 2,
    });
    expect(page1.items).toHaveLength(2);
    expect(page1.metadata?.remainingItemCount).toBeGreaterThan(0);
    const page2 = await core.listNamespacedConfigMap({
      namespace: 'cn',
      limit: 2,
      _continue: page1.metadata?._continue,
    });
    expect(page2.metadata?._continue).toBeUndefined();
    expect(
      [...page1.items, ...page2.items].map(c => c.metadata?.name),
    ).toContain('cm-3');
  });

  it('maps API errors to ApiException with the Status body', async () => {
    const core = kc.makeApiClient(k8s.CoreV1Api);
    await expect(
      core.readNamespacedConfigMap({ namespace: 'cn', name: 'nope' }),
    ).rejects.toMatchObject({ code: 404 });
    await expect(
      core.createNamespacedConfigMap({
        namespace: 'cn',
        body: { metadata: { name: 'cm-1' } },
      }),
    ).rejects.toMatchObject({ code: 409 });
  });

  it('patches with merge, strategic and JSON patch', async () => {
    const apps = kc.makeApiClient(k8s.AppsV1Api);
    await apps.createNamespacedDeployment({
      namespace: 'cn',
      body: {
        metadata: { name: 'web', labels: { app: 'web' } },
        spec: {
          replicas: 1,
          selector: { matchLabels: { app: 'web' } },
          template: {
            metadata: { labels: { app: 'web' } },
            spec: {
              containers: [
                {
                  name: 'app',
                  image: 'nginx:1.25',
                  env: [{ name: 'A', value: '1' }],
                },
              ],
            },
          },
        },
      },
    });
    const merge = k8s.setHeaderOptions(
      'Content-Type',
      k8s.PatchStrategy.MergePatch,
    );
    await apps.patchNamespacedDeployment(
      { namespace: 'cn', name: 'web', body: { spec: { replicas: 2 } } },
      merge,
    );
    const smp = k8s.setHeaderOptions(
      'Content-Type',
      k8s.PatchStrategy.StrategicMergePatch,
    );
    await apps.patchNamespacedDeployment(
      {
        namespace: 'cn',
        name: 'web',
        body: {
          spec: {
            template: {
              spec: {
                containers: [{ name: 'app', env: [{ name: 'B', value: '2' }] }],
              },
            },
          },
        },
      },
      smp,
    );
    const json = k8s.setHeaderOptions(
      'Content-Type',
      k8s.PatchStrategy.JsonPatch,
    );
    const d = await apps.patchNamespacedDeployment(
      {
        namespace: 'cn',
        name: 'web',
        body: [{ op: 'add', path: '/metadata/labels/tier', value: 'web' }],
      },
      json,
    );
    expect(d.spec?.replicas).toBe(2);
    expect(d.spec?.template.spec?.containers[0].env?.map(e => e.name)).toEqual([
      'B',
      'A',
    ]);
    expect(d.metadata?.labels?.tier).toBe('web');
    const scale = await apps.readNamespacedDeploymentScale({
      namespace: 'cn',
      name: 'web',
    });
    expect(scale.spec?.replicas).toBe(2);
  });

  it('watches with the Watch class (ADDED, MODIFIED, DELETED)', async () => {
    const core = kc.makeApiClient(k8s.CoreV1Api);
    const watch = new k8s.Watch(kc);
    const seen: string[] = [];
    let resolveDone: () => void;
    const done = new Promise<void>(r => (resolveDone = r));
    const list = await core.listNamespacedConfigMap({ namespace: 'cn' });
    const req = await watch.watch(
      '/api/v1/namespaces/cn/configmaps',
      {
        resourceVersion: list.metadata?.resourceVersion,
        allowWatchBookmarks: true,
      },
      (type, obj) => {
        seen.push(`${type} ${obj.metadata?.name}`);
        if (type === 'DELETED') resolveDone();
      },
      () => undefined,
    );
    await core.createNamespacedConfigMap({
      namespace: 'cn',
      body: { metadata: { name: 'w' } },
    });
    await core.patchNamespacedConfigMap(
      { namespace: 'cn', name: 'w', body: { data: { x: '1' } } },
      k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch),
    );
    await core.deleteNamespacedConfigMap({ namespace: 'cn', name: 'w' });
    await done;
    req.abort();
    expect(seen).toEqual(['ADDED w', 'MODIFIED w', 'DELETED w']);
  });

  it('reads pod metrics and logs once pods run', async () => {
    const core = kc.makeApiClient(k8s.CoreV1Api);
    for (let i = 0; i < 100; i++) {
      const pods = await core.listNamespacedPod({
        namespace: 'cn',
        labelSelector: 'app=web',
      });
      if (
        pods.items.length === 2 &&
        pods.items.every(p => p.status?.phase === 'Running')
      )
        break;
      await new Promise(r => setTimeout(r, 50));
    }
    const metrics = new k8s.Metrics(kc);
    const pm = await metrics.getPodMetrics('cn');
    expect(pm.items.length).toBeGreaterThanOrEqual(2);
    expect(pm.items[0].containers[0].usage.cpu).toMatch(/^\d+n$/);
    const nodes = await metrics.getNodeMetrics();
    expect(nodes.items).toHaveLength(3);
    const pods = await core.listNamespacedPod({
      namespace: 'cn',
      labelSelector: 'app=web',
    });
    const log = await core.readNamespacedPodLog({
      namespace: 'cn',
      name: pods.items[0].metadata!.name!,
      tailLines: 5,
    });
    expect(typeof log).toBe('string');
    expect(String(log).length).toBeGreaterThan(0);
  });
});
