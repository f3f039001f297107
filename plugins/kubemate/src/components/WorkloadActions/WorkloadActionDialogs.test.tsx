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
const deployment = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: {
    name: 'accounts-service',
    namespace: 'bank-core',
    uid: 'u1',
    resourceVersion: '4711',
  },
  spec: { replicas: 2, paused: false },
};

async function confirm(open: OpenAction, button: string) {
  const mutate = jest.fn();
  await renderInTestApp(
    <WorkloadActionDialogs
      entity={entity}
      cluster="sim"
      object={deployment}
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
    'sends the resourceVersion shown with %p, which depends on it',
    async (open, button, action) => {
      expect(await confirm(open, button)).toMatchObject({
        action,
        target,
        resourceVersion: '4711',
      });
    },
  );

  it('sends none with restart, which does not depend on what was shown', async () => {
    const input = await confirm('restart', 'Restart');
    expect(input).toMatchObject({ action: 'restart', target });
    expect(input).not.toHaveProperty('resourceVersion');
  });
});
