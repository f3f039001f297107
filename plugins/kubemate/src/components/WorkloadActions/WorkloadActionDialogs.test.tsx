import { renderInTestApp } from '@backstage/test-utils';
import { fireEvent, screen } from '@testing-library/react';
import {
  WorkloadActionDialogs,
  type OpenAction,
} from './WorkloadActionDialogs';

const entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'accounts-service', namespace: 'default' },
};
const withoutGeneration = {
  apiVersion: 'v1',
  kind: 'ReplicationController',
  metadata: { name: 'legacy', namespace: 'bank-core', resourceVersion: '12' },
  spec: { replicas: 1 },
};
const deployment = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: {
    name: 'accounts-service',
    namespace: 'bank-core',
    uid: 'u1',
    resourceVersion: '4711',
    generation: 3,
  },
  spec: { replicas: 2, paused: false },
};

async function confirm(
  open: OpenAction,
  button: string,
  object: typeof deployment | typeof withoutGeneration = deployment,
) {
  const mutate = jest.fn();
  await renderInTestApp(
    <WorkloadActionDialogs
      entity={entity}
      cluster="sim"
      object={object}
      open={open}
      permitted={{} as never}
      mutation={{ mutate, isPending: false } as never}
      onOpen={() => {}}
      onClose={() => {}}
    />,
  );
  fireEvent.click(screen.getByRole('button', { name: button }));
  return mutate.mock.calls[0][0];
}

describe('WorkloadActionDialogs', () => {
  const target = {
    cluster: 'sim',
    namespace: 'bank-core',
    kind: 'Deployment',
    name: 'accounts-service',
  };

  it.each([
    ['scale', 'Scale', 'scale'],
    ['pause', 'Pause', 'pause'],
    [{ rollback: 1 }, 'Roll back', 'rollback'],
  ] as const)(
    'sends the generation shown with %p, which depends on it',
    async (open, button, action) => {
      expect(await confirm(open, button)).toMatchObject({
        action,
        target,
        view: { generation: 3 },
      });
    },
  );

  it('sends the resourceVersion of an object without a generation', async () => {
    const input = await confirm('scale', 'Scale', withoutGeneration);
    expect(input.view).toEqual({ resourceVersion: '12' });
  });

  it('sends none with restart, which does not depend on what was shown', async () => {
    const input = await confirm('restart', 'Restart');
    expect(input).toMatchObject({ action: 'restart', target });
    expect(input).not.toHaveProperty('view');
  });
});
