import type {
  EntityMapping,
  KubeObject,
  WorkloadPlural,
} from '@kubemate/plugin-kubemate-common';
import { indexKey, ObjectIndex } from '../clusters/ObjectIndex';
import { selectEntityObjects, type ObjectSource } from './selectEntityObjects';

let uid = 0;
function obj(
  kind: string,
  namespace: string,
  name: string,
  extra: {
    labels?: Record<string, string>;
    owner?: KubeObject;
    involved?: KubeObject;
  } = {},
): KubeObject {
  return {
    apiVersion: 'v1',
    kind,
    metadata: {
      name,
      namespace,
      uid: `uid-${++uid}`,
      labels: extra.labels,
      ownerReferences: extra.owner
        ? [
            {
              apiVersion: 'v1',
              kind: extra.owner.kind,
              name: extra.owner.metadata.name,
              uid: extra.owner.metadata.uid!,
            },
          ]
        : undefined,
    },
    ...(extra.involved
      ? { involvedObject: { uid: extra.involved.metadata.uid } }
      : {}),
  } as KubeObject;
}

/** An indexed source that counts how many objects selection had to look at. */
class CountingSource implements ObjectSource {
  readonly indexes = new Map<WorkloadPlural, ObjectIndex>();
  readonly all = new Map<WorkloadPlural, KubeObject[]>();
  visited = 0;
  fullLists = 0;

  add(plural: WorkloadPlural, o: KubeObject) {
    if (!this.indexes.has(plural)) this.indexes.set(plural, new ObjectIndex());
    this.indexes.get(plural)!.put(o);
    this.all.set(plural, [...(this.all.get(plural) ?? []), o]);
    return o;
  }

  *count(items: Iterable<KubeObject>) {
    for (const o of items) {
      this.visited++;
      yield o;
    }
  }

  list(plural: WorkloadPlural) {
    this.fullLists++;
    return this.count(this.all.get(plural) ?? []);
  }
  lookup(plural: WorkloadPlural, key: string) {
    return this.count(this.indexes.get(plural)?.lookup(key) ?? []);
  }
  get(plural: WorkloadPlural, namespace: string, name: string) {
    return this.all
      .get(plural)
      ?.find(
        o => o.metadata.namespace === namespace && o.metadata.name === name,
      );
  }
}

const mapping = (m: Partial<EntityMapping>): EntityMapping => ({
  namespaces: [],
  clusters: [],
  workloads: [],
  ...m,
});

describe('ObjectIndex', () => {
  it('re-files an object under its new labels when it is updated, and forgets it on delete', () => {
    const index = new ObjectIndex();
    const pod = obj('Pod', 'ns', 'p', { labels: { app: 'a' } });
    index.put(pod);
    expect([...index.lookup(indexKey.label('app', 'a'))]).toEqual([pod]);

    const relabelled = {
      ...pod,
      metadata: { ...pod.metadata, labels: { app: 'b' } },
    };
    index.put(relabelled);
    expect([...index.lookup(indexKey.label('app', 'a'))]).toEqual([]);
    expect([...index.lookup(indexKey.label('app', 'b'))]).toEqual([relabelled]);
    expect([...index.lookup(indexKey.namespace('ns'))]).toEqual([relabelled]);
    expect(index.size).toBe(1);

    index.remove(relabelled);
    expect([...index.lookup(indexKey.namespace('ns'))]).toEqual([]);
    expect(index.size).toBe(0);
  });
});

describe('selectEntityObjects', () => {
  it("finds an entity's objects, their children, endpoints and events through the indexes", () => {
    const source = new CountingSource();
    const labels = { 'backstage.io/kubernetes-id': 'pay' };
    const deploy = source.add(
      'deployments',
      obj('Deployment', 'bank', 'pay', { labels }),
    );
    const rs = source.add(
      'replicasets',
      obj('ReplicaSet', 'bank', 'pay-1', { owner: deploy }),
    );
    const pod = source.add(
      'pods',
      obj('Pod', 'bank', 'pay-1-x', { owner: rs }),
    );
    const svc = source.add(
      'services',
      obj('Service', 'bank', 'pay', { labels }),
    );
    const ep = source.add('endpoints', obj('Endpoints', 'bank', 'pay'));
    const ev = source.add(
      'events',
      obj('Event', 'bank', 'e1', { involved: pod }),
    );
    // A large unrelated population that selection must not walk through.
    for (let i = 0; i < 1000; i++) {
      const other = source.add(
        'deployments',
        obj('Deployment', `ns-${i % 50}`, `d${i}`, {
          labels: { 'backstage.io/kubernetes-id': `x${i}` },
        }),
      );
      source.add('pods', obj('Pod', `ns-${i % 50}`, `p${i}`, { owner: other }));
      source.add(
        'events',
        obj('Event', `ns-${i % 50}`, `e${i}`, { involved: other }),
      );
    }

    const out = selectEntityObjects(
      [mapping({ labelSelector: 'backstage.io/kubernetes-id=pay' })],
      source,
    );
    expect(out.deployments).toEqual([deploy]);
    expect(out.replicasets).toEqual([rs]);
    expect(out.pods).toEqual([pod]);
    expect(out.services).toEqual([svc]);
    expect(out.endpoints).toEqual([ep]);
    expect(out.events).toEqual([ev]);
    expect(source.visited).toBeLessThan(20);
    expect(source.fullLists).toBe(0);
  });

  it('limits a namespace mapping to its namespaces and finds explicitly named workloads', () => {
    const source = new CountingSource();
    const inNs = source.add('deployments', obj('Deployment', 'erp', 'ledger'));
    source.add('deployments', obj('Deployment', 'other', 'ledger'));
    source.add('statefulsets', obj('StatefulSet', 'erp', 'ledger'));

    const out = selectEntityObjects(
      [mapping({ namespaces: ['erp'], workloads: ['deployment/ledger'] })],
      source,
    );
    expect(out.deployments).toEqual([inNs]);
    expect(out.statefulsets).toEqual([]);
  });

  it('applies non-equality selectors in full and does not list an object twice for two mappings', () => {
    const source = new CountingSource();
    const a = source.add(
      'deployments',
      obj('Deployment', 'n', 'a', { labels: { tier: 'web' } }),
    );
    source.add(
      'deployments',
      obj('Deployment', 'n', 'b', { labels: { tier: 'db' } }),
    );
    const out = selectEntityObjects(
      [
        mapping({ labelSelector: 'tier notin (db)' }),
        mapping({ labelSelector: 'tier=web', namespaces: ['n'] }),
      ],
      source,
    );
    expect(out.deployments).toEqual([a]);
  });

  it('takes children and events from the mapped namespaces only', () => {
    const source = new CountingSource();
    const labels = { 'backstage.io/kubernetes-id': 'pay' };
    const deploy = source.add(
      'deployments',
      obj('Deployment', 'bank', 'pay', { labels }),
    );
    const rs = source.add(
      'replicasets',
      obj('ReplicaSet', 'bank', 'pay-1', { owner: deploy }),
    );
    // Another tenant's objects naming the entity's uids: not the entity's.
    source.add('pods', obj('Pod', 'erp', 'intruder', { owner: rs }));
    source.add('events', obj('Event', 'erp', 'forged', { involved: deploy }));
    const ev = source.add(
      'events',
      obj('Event', 'bank', 'real', { involved: deploy }),
    );
    const out = selectEntityObjects(
      [
        mapping({
          labelSelector: 'backstage.io/kubernetes-id=pay',
          namespaces: ['bank'],
        }),
      ],
      source,
    );
    expect(out.replicasets).toEqual([rs]);
    expect(out.pods).toEqual([]);
    expect(out.events).toEqual([ev]);
  });
});
