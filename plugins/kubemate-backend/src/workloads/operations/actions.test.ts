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
