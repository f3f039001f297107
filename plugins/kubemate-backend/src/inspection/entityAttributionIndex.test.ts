import { resolveEntityMapping } from '@kubemate/plugin-kubemate-common';
import type { KubeObject } from '@kubemate/plugin-kubemate-node';
import { EntityAttribution, type MappedEntity } from './entityAttribution';

const entity = (
  name: string,
  annotations: Record<string, string>,
  owner = 'group:default/team-a',
): MappedEntity => ({
  ref: `component:default/${name}`,
  owner,
  mapping: resolveEntityMapping(annotations)!,
});

const obj = (
  kind: string,
  name: string,
  extra: {
    labels?: Record<string, string>;
    owner?: string;
    spec?: object;
    namespace?: string;
    involved?: string;
  } = {},
): KubeObject =>
  ({
    kind,
    metadata: {
      name,
      namespace: extra.namespace ?? 'shop',
      uid: `uid-${extra.namespace ?? 'shop'}-${kind}-${name}`,
      labels: extra.labels,
      ownerReferences: extra.owner ? [{ uid: extra.owner }] : undefined,
    },
    spec: extra.spec,
    ...(extra.involved ? { involvedObject: { uid: extra.involved } } : {}),
  } as KubeObject);

/** team-a may use `shop`; nobody else's namespaces. */
const admitted = (namespace: string, owner: string) =>
  namespace === 'shop' && owner === 'group:default/team-a';

describe('EntityAttribution', () => {
  const deployment = obj('Deployment', 'web', { labels: { app: 'web' } });
  const replicaSet = obj('ReplicaSet', 'web-1', {
    owner: deployment.metadata!.uid,
  });
  const pod = obj('Pod', 'web-1-x', { owner: replicaSet.metadata!.uid });
  const event = obj('Event', 'web-1-x.1', { involved: pod.metadata!.uid });
  const cronJob = obj('CronJob', 'report', {
    spec: {
      jobTemplate: {
        spec: { template: { metadata: { labels: { app: 'report' } } } },
      },
    },
  });
  const objects = [
    pod,
    event,
    replicaSet,
    deployment,
    cronJob,
    obj('Service', 'web', { labels: { tier: 'front' } }),
    obj('ConfigMap', 'web', {}),
    obj('Deployment', 'web', { labels: { app: 'web' }, namespace: 'bank' }),
    obj('Namespace', 'shop', { namespace: '' }),
  ];

  it('picks objects by selector, by name, by pod template, through owners and events', () => {
    const byKey = new EntityAttribution(
      'prod',
      [
        entity('web', { 'backstage.io/kubernetes-label-selector': 'app=web' }),
        entity('report', { 'backstage.io/kubernetes-id': 'x' }),
        entity('reports', {
          'backstage.io/kubernetes-label-selector': 'app in (report)',
        }),
        entity('front', { 'kubemate.io/workloads': 'service/web' }),
      ],
      admitted,
    ).attribute(objects);
    expect(Object.fromEntries(byKey)).toEqual({
      'Deployment/shop/web': 'component:default/web',
      'ReplicaSet/shop/web-1': 'component:default/web',
      'Pod/shop/web-1-x': 'component:default/web',
      'Event/shop/web-1-x.1': 'component:default/web',
      'CronJob/shop/report': 'component:default/reports',
      // `service/web` names the Service only.
      'Service/shop/web': 'component:default/front',
    });
  });

  it('prefers the first entity by ref, and its own labels over an owner', () => {
    const byKey = new EntityAttribution(
      'prod',
      [
        entity('zeta', { 'backstage.io/kubernetes-label-selector': 'app=web' }),
        entity('alpha', { 'backstage.io/kubernetes-label-selector': 'app' }),
        entity('pods', { 'kubemate.io/workloads': 'pod/web-1-x' }),
      ],
      admitted,
    ).attribute(objects);
    expect(byKey.get('Deployment/shop/web')).toBe('component:default/alpha');
    expect(byKey.get('Pod/shop/web-1-x')).toBe('component:default/pods');
  });

  it('keeps to the mapping clusters and namespaces and to the owner tenancy', () => {
    const byKey = new EntityAttribution(
      'prod',
      [
        entity('other-cluster', {
          'backstage.io/kubernetes-label-selector': 'app=web',
          'backstage.io/kubernetes-cluster': 'staging',
        }),
        entity('other-namespace', {
          'backstage.io/kubernetes-label-selector': 'app=web',
          'kubemate.io/namespaces': 'bank',
        }),
        entity(
          'other-team',
          { 'backstage.io/kubernetes-label-selector': 'app=web' },
          'group:default/team-b',
        ),
        {
          ...entity('no-owner', { 'kubemate.io/workloads': 'web' }),
          owner: undefined,
        },
      ],
      admitted,
    ).attribute(objects);
    expect([...byKey]).toEqual([]);
  });
});
