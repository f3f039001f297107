import {
  BUILTIN_WORKLOAD_ACTION_NAMES,
  kubemateWorkloadScalePermission,
} from '@kubemate/plugin-kubemate-common';
import { z } from 'zod';
import { WorkloadActions } from './actions';

const action = (name: string) => ({
  name,
  permission: kubemateWorkloadScalePermission,
  kinds: ['Deployment'],
  params: z.object({}).strict(),
  run: async () => undefined,
});

describe('WorkloadActions', () => {
  it('holds the built-ins and finds an action by its own name only', () => {
    const actions = new WorkloadActions();
    // The contract's list, which the frontend offers and the audit filter lists.
    expect(actions.names()).toEqual([...BUILTIN_WORKLOAD_ACTION_NAMES]);
    expect(actions.get('scale').kinds).toContain('Deployment');
    expect(() => actions.get('constructor')).toThrow(
      expect.objectContaining({ name: 'NotFoundError' }),
    );
    expect(() => actions.get('hasOwnProperty')).toThrow(
      /Unknown workload action 'hasOwnProperty'; one of: scale, restart/,
    );
  });

  it('adds actions, refusing a taken or malformed name', () => {
    const actions = new WorkloadActions();
    actions.add(action('annotate'));
    expect(actions.get('annotate').name).toBe('annotate');
    expect(() => actions.add(action('scale'))).toThrow(
      expect.objectContaining({ name: 'ConflictError' }),
    );
    expect(() => actions.add(action('Bad Name'))).toThrow(/lower case/);
  });
});

describe('rollback', () => {
  const deployment = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'api', namespace: 'team', uid: 'd-1' },
  };
  const replicaSet = (revision: number, image: string) => ({
    metadata: {
      name: `api-${revision}`,
      namespace: 'team',
      annotations: { 'deployment.kubernetes.io/revision': String(revision) },
      ownerReferences: [{ uid: 'd-1' }],
    },
    spec: {
      template: {
        metadata: { labels: { app: 'api', 'pod-template-hash': 'h' } },
        spec: { containers: [{ name: 'api', image }] },
      },
    },
  });

  it('reads the revision from the API server, not from the watch cache', async () => {
    const patches: unknown[] = [];
    const clients = {
      apps: {
        // The API server has revision 2; the watch cache (resources) has not seen it yet.
        listNamespacedReplicaSet: async () => ({
          items: [replicaSet(1, 'api:1'), replicaSet(2, 'api:2')],
        }),
        patchNamespacedDeployment: async (args: { body: unknown }) => {
          patches.push(args.body);
          return deployment;
        },
      },
    };
    const rollback = new WorkloadActions().get('rollback');
    await rollback.run(
      {
        clients: clients as never,
        target: deployment as never,
        resources: { replicasets: [replicaSet(1, 'stale:1')] } as never,
      },
      { revision: 2 },
    );
    expect(patches).toEqual([
      [
        {
          op: 'replace',
          path: '/spec/template',
          value: {
            metadata: { labels: { app: 'api' } },
            spec: { containers: [{ name: 'api', image: 'api:2' }] },
          },
        },
      ],
    ]);
    // A revision the API server no longer has is not taken from a stale cache either.
    await expect(
      rollback.run(
        {
          clients: {
            apps: { listNamespacedReplicaSet: async () => ({ items: [] }) },
          } as never,
          target: deployment as never,
          resources: { replicasets: [replicaSet(1, 'stale:1')] } as never,
        },
        { revision: 1 },
      ),
    ).rejects.toThrow(/has no revision 1/);
  });
});
