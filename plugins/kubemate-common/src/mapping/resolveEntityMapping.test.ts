import { resolveEntityMapping } from './resolveEntityMapping';

describe('resolveEntityMapping', () => {
  it('is undefined for an entity without Kubernetes annotations', () => {
    expect(resolveEntityMapping(undefined)).toBeUndefined();
    expect(
      resolveEntityMapping({ 'backstage.io/kubernetes-namespace': 'x' }),
    ).toBeUndefined();
  });

  it('turns kubernetes-id into a label selector', () => {
    expect(
      resolveEntityMapping({ 'backstage.io/kubernetes-id': 'payments-api' }),
    ).toEqual({
      labelSelector: 'backstage.io/kubernetes-id=payments-api',
      namespaces: [],
      clusters: [],
      workloads: [],
    });
  });

  it('prefers an explicit label selector and merges namespace annotations', () => {
    expect(
      resolveEntityMapping({
        'backstage.io/kubernetes-id': 'ignored',
        'backstage.io/kubernetes-label-selector': 'app=erp,tier in (api)',
        'backstage.io/kubernetes-namespace': 'erp-finance',
        'kubemate.io/namespaces': 'erp-supply, erp-finance',
        'backstage.io/kubernetes-cluster': 'prod',
      }),
    ).toEqual({
      labelSelector: 'app=erp,tier in (api)',
      namespaces: ['erp-supply', 'erp-finance'],
      clusters: ['prod'],
      workloads: [],
    });
  });

  it('maps explicit workload names without any selector', () => {
    expect(
      resolveEntityMapping({
        'kubemate.io/workloads': 'deployment/legacy-gl, cronjob/close-books',
      }),
    ).toEqual({
      labelSelector: undefined,
      namespaces: [],
      clusters: [],
      workloads: ['deployment/legacy-gl', 'cronjob/close-books'],
    });
  });
});
