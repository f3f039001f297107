import type { KubeObject } from '@kubemate/plugin-kubemate-common';
import {
  directlySelectedBy,
  emptyResources,
} from '../workloads/selectEntityObjects';
import { affects, selectionOf } from './entityChanges';

const obj = (
  kind: string,
  name: string,
  uid: string,
  extra: Partial<KubeObject['metadata']> = {},
  body: object = {},
): KubeObject => ({
  apiVersion: 'v1',
  kind,
  metadata: { name, namespace: 'shop', uid, ...extra },
  ...body,
});

const deployment = obj('Deployment', 'cart', 'd1', {
  labels: { 'backstage.io/kubernetes-id': 'cart' },
});
const replicaset = obj('ReplicaSet', 'cart-abc', 'rs1', {
  ownerReferences: [{ kind: 'Deployment', name: 'cart', uid: 'd1' }],
});
const service = obj('Service', 'cart', 's1', {
  labels: { 'backstage.io/kubernetes-id': 'cart' },
});
const shown = selectionOf({
  ...emptyResources(),
  deployments: [deployment],
  replicasets: [replicaset],
  services: [service],
});
const direct = directlySelectedBy([
  {
    labelSelector: 'backstage.io/kubernetes-id=cart',
    namespaces: [],
    clusters: [],
    workloads: [],
  },
]);

describe('affects', () => {
  it('concerns the objects shown, whatever happened to them', () => {
    expect(
      affects(
        { plural: 'deployments', type: 'update', object: deployment },
        shown,
        direct,
      ),
    ).toBe(true);
    expect(
      affects(
        { plural: 'replicasets', type: 'delete', object: replicaset },
        shown,
        direct,
      ),
    ).toBe(true);
  });

  it('follows the owner chain to new children: a pod of a shown ReplicaSet', () => {
    const pod = obj('Pod', 'cart-abc-x', 'p1', {
      ownerReferences: [{ kind: 'ReplicaSet', name: 'cart-abc', uid: 'rs1' }],
    });
    expect(
      affects({ plural: 'pods', type: 'add', object: pod }, shown, direct),
    ).toBe(true);
    const stranger = obj('Pod', 'other-x', 'p2', {
      ownerReferences: [{ kind: 'ReplicaSet', name: 'other', uid: 'rs9' }],
    });
    expect(
      affects({ plural: 'pods', type: 'add', object: stranger }, shown, direct),
    ).toBe(false);
  });

  it('concerns new objects the mapping selects, and nothing else', () => {
    const cm = obj('ConfigMap', 'cart-config', 'c1', {
      labels: { 'backstage.io/kubernetes-id': 'cart' },
    });
    expect(
      affects({ plural: 'configmaps', type: 'add', object: cm }, shown, direct),
    ).toBe(true);
    const other = obj('ConfigMap', 'billing', 'c2', {
      labels: { 'backstage.io/kubernetes-id': 'billing' },
    });
    expect(
      affects(
        { plural: 'configmaps', type: 'add', object: other },
        shown,
        direct,
      ),
    ).toBe(false);
  });

  it('concerns events about shown objects and the endpoints of shown services', () => {
    const event = obj(
      'Event',
      'e1',
      'e1',
      {},
      { involvedObject: { uid: 'd1' } },
    );
    const elsewhere = obj(
      'Event',
      'e2',
      'e2',
      {},
      { involvedObject: { uid: 'zz' } },
    );
    expect(
      affects({ plural: 'events', type: 'add', object: event }, shown, direct),
    ).toBe(true);
    expect(
      affects(
        { plural: 'events', type: 'add', object: elsewhere },
        shown,
        direct,
      ),
    ).toBe(false);
    const endpoints = obj('Endpoints', 'cart', 'ep1');
    expect(
      affects(
        { plural: 'endpoints', type: 'update', object: endpoints },
        shown,
        direct,
      ),
    ).toBe(true);
    expect(
      affects(
        {
          plural: 'endpoints',
          type: 'update',
          object: obj('Endpoints', 'billing', 'ep2'),
        },
        shown,
        direct,
      ),
    ).toBe(false);
  });

  it('concerns everything when a resource was listed afresh', () => {
    expect(affects({ plural: 'pods', type: 'resync' }, shown, direct)).toBe(
      true,
    );
  });
});
