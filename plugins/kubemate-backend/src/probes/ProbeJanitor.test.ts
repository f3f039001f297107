import { mockServices } from '@backstage/backend-test-utils';
import type { ObjectMeta, Simulator } from '@kubemate/kube-simulator';
import { probeDefinitionSchema } from '@kubemate/plugin-kubemate-common';
import { startSeededSimulator } from '../__testUtils__/simulatorBackend';
import type { ClusterService } from '../clusters/ClusterService';
import { simulatorClusterService } from '../clusters/__testUtils__/simulatorClusters';
import { probeMetadata, type ProbeContext } from './kinds/steps';
import { ProbeJanitor } from './ProbeJanitor';

jest.setTimeout(60_000);

const NS = 'probes-janitor';
const definition = probeDefinitionSchema.parse({
  id: 'rollout',
  title: 'rollout',
  type: 'workload-lifecycle',
  cluster: 'sim',
  namespace: NS,
  timeoutSeconds: 60,
});

/** The metadata a run started at `startedAt` gives its objects. */
const metadataOfRun = (runName: string, startedAt: number) =>
  probeMetadata(
    {
      definition,
      runName,
      deadline: startedAt + 60_000,
    } as ProbeContext,
    runName,
  );

describe('ProbeJanitor', () => {
  let sim: Simulator;
  let clusters: ClusterService;

  beforeAll(async () => {
    sim = await startSeededSimulator();
    clusters = simulatorClusterService(sim);
  });

  afterAll(async () => {
    await clusters?.stop();
    await sim?.stop();
  });

  it('removes what the runs of a backend that died left behind, once their deadline passed, and nothing else', async () => {
    const now = Date.now();
    // A run that started 10 minutes ago and never ended (its backend was killed), one that is
    // running now, and a Deployment that is not a probe's.
    const dead = metadataOfRun('kmp-rollout-dead0001', now - 10 * 60_000);
    const live = metadataOfRun('kmp-rollout-live0001', now);
    const deployment = (metadata: ObjectMeta) => ({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata,
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: 'x' } },
        template: {
          metadata: { labels: { app: 'x' } },
          spec: {
            containers: [{ name: 'c', image: 'registry.k8s.io/pause:3.10' }],
          },
        },
      },
    });
    sim.apply([
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } },
      deployment(dead),
      deployment(live),
      deployment({
        name: 'team-app',
        namespace: NS,
        annotations: {
          'kubemate.io/probe-expires-at': new Date(now - 1).toISOString(),
        },
      }),
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: dead, data: { a: 'b' } },
      {
        apiVersion: 'apps/v1',
        kind: 'StatefulSet',
        metadata: dead,
        spec: {
          replicas: 1,
          serviceName: dead.name,
          selector: { matchLabels: { app: 'y' } },
          template: {
            metadata: { labels: { app: 'y' } },
            spec: {
              containers: [{ name: 'c', image: 'registry.k8s.io/pause:3.10' }],
            },
          },
        },
      },
    ]);
    const janitor = new ProbeJanitor({
      clusters,
      logger: mockServices.logger.mock(),
    });
    const deleted = await janitor.sweep([{ definition, source: 'x.yaml:1' }]);
    expect(deleted.sort()).toEqual([
      `sim/${NS}/ConfigMap/kmp-rollout-dead0001`,
      `sim/${NS}/Deployment/kmp-rollout-dead0001`,
      `sim/${NS}/StatefulSet/kmp-rollout-dead0001`,
    ]);
    const left = sim.store
      .list('apps/deployments', NS)
      .filter(d => !d.metadata.deletionTimestamp)
      .map(d => d.metadata.name)
      .sort();
    expect(left).toEqual(['kmp-rollout-live0001', 'team-app']);
    // Nothing more to do the next time.
    expect(await janitor.sweep([{ definition, source: 'x.yaml:1' }])).toEqual(
      [],
    );
  });
});
