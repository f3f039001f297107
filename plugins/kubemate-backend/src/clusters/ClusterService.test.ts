import { NotFoundError } from '@backstage/errors';
import {
  readManifests,
  startSimulator,
  type Simulator,
} from '@kubemate/kube-simulator';
import {
  resourceId,
  resourcesOfKind,
  type ResourceType,
} from '@kubemate/plugin-kubemate-common';
import path from 'node:path';
import {
  simulatorClusterService,
  waitFor,
} from './__testUtils__/simulatorClusters';
import type { ClusterService } from './ClusterService';
import type { ResourceChange } from './ClusterWatchCache';

jest.setTimeout(60_000);

const EXAMPLE = path.resolve(__dirname, '../../../../examples/cluster');
const HTTP_ROUTE = resourcesOfKind('HTTPRoute')[0] as ResourceType;
const TRAFFIC_SPLIT = resourcesOfKind('TrafficSplit')[0] as ResourceType;

describe('ClusterService', () => {
  let sim: Simulator;
  let service: ClusterService;

  beforeAll(async () => {
    // A cluster with namespaces only: none of the optional CRDs is installed.
    sim = await startSimulator({
      port: 0,
      seed: [path.join(EXAMPLE, '01-namespaces.yaml')],
    });
    service = simulatorClusterService(sim);
  });
  afterAll(async () => {
    await service?.stop();
    await sim?.stop();
  });

  it('looks clusters up by name, unknown ones being a NotFoundError', () => {
    expect(service.get('sim').url).toBe(sim.url);
    expect(() => service.get('nope')).toThrow(NotFoundError);
    expect(() => service.clients('nope')).toThrow(NotFoundError);
    expect(() => service.watchCache('nope')).toThrow(NotFoundError);
    // One set of clients and one cache per cluster, whoever asks.
    expect(service.clients('sim')).toBe(service.clients('sim'));
    expect(service.watchCache('sim')).toBe(service.watchCache('sim'));
  });

  it('reports optional kinds the cluster lacks as not installed, and still syncs; a CRD installed later is picked up', async () => {
    const cache = service.watchCache('sim');
    await cache.start();
    await cache.ensure([HTTP_ROUTE, TRAFFIC_SPLIT]);
    expect(cache.isSynced()).toBe(true);
    expect(cache.isSynced([HTTP_ROUTE, TRAFFIC_SPLIT, 'deployments'])).toBe(
      true,
    );
    expect(cache.problem([HTTP_ROUTE])).toBeUndefined();
    expect(cache.list(HTTP_ROUTE)).toEqual([]);
    // Nothing was opened for them: only the workload informers run.
    const opened = cache.informersOpened;

    const status = new Map(
      (await service.resourceStatus('sim')).map(s => [s.id, s]),
    );
    expect(status.get(resourceId(HTTP_ROUTE))?.status).toBe('not-installed');
    expect(status.get('deployments.v1.apps')?.status).toBe('synced');
    // Optional kinds nothing watches are looked up in discovery too.
    expect(status.get('gateways.v1.gateway.networking.k8s.io')?.status).toBe(
      'not-installed',
    );
    expect(status.get('ingressroutes.v1alpha1.traefik.io')?.status).toBe(
      'not-installed',
    );
    const summaries = await service.listWithStatus();
    expect(summaries[0]).toMatchObject({ name: 'sim', reachable: true });
    expect(summaries[0].resources?.length).toBe(status.size);

    // Installing the CRDs: the next resync finds HTTPRoute in discovery and watches it.
    sim.apply(readManifests(path.join(EXAMPLE, '00-crds.yaml')));
    const changes: ResourceChange[] = [];
    cache.subscribeTo([HTTP_ROUTE], change => changes.push(change));
    cache.resync();
    await waitFor(
      () => cache.states().get(resourceId(HTTP_ROUTE))?.state === 'synced',
      'HTTPRoute to be watched',
    );
    expect(cache.informersOpened).toBeGreaterThan(opened);
    expect(
      (await service.resourceStatus('sim')).find(
        s => s.id === 'gateways.v1.gateway.networking.k8s.io',
      )?.status,
    ).toBe('installed');
    sim.apply([
      {
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'HTTPRoute',
        metadata: { name: 'web', namespace: 'bank-payments' },
        spec: { rules: [{ backendRefs: [{ name: 'web', port: 80 }] }] },
      },
    ]);
    await waitFor(
      () => changes.some(c => c.type === 'add'),
      'the new HTTPRoute',
    );
    expect(cache.get(HTTP_ROUTE, 'bank-payments', 'web')?.kind).toBe(
      'HTTPRoute',
    );
  });
});
