import { renderInTestApp } from '@backstage/test-utils';
import { fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { WorkloadActionDialogs } from './WorkloadActionDialogs';

const entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments-api', namespace: 'default' },
};
const hpa = {
  apiVersion: 'autoscaling/v2',
  kind: 'HorizontalPodAutoscaler',
  metadata: {
    name: 'payments-api-v1',
    namespace: 'bank-payments',
    resourceVersion: '77',
  },
  spec: {
    scaleTargetRef: { kind: 'Deployment', name: 'payments-api-v1' },
    minReplicas: 3,
    maxReplicas: 10,
    metrics: [
      {
        type: 'Resource',
        resource: {
          name: 'cpu',
          target: { type: 'Utilization', averageUtilization: 70 },
        },
      },
    ],
  },
};
const deployment = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'accounts-service', namespace: 'bank-core' },
  spec: { replicas: 2 },
};
const cronJob = {
  apiVersion: 'batch/v1',
  kind: 'CronJob',
  metadata: {
    name: 'ledger-reconcile',
    namespace: 'bank-core',
    resourceVersion: '9',
  },
  spec: { schedule: '*/15 * * * *', suspend: false },
};

async function open(
  object: object,
  action: 'autoscale' | 'schedule' | 'suspend',
) {
  const mutate = jest.fn();
  await renderInTestApp(
    <WorkloadActionDialogs
      entity={entity}
      cluster="sim"
      object={object as never}
      open={action}
      permitted={{} as never}
      mutation={{ mutate, isPending: false } as never}
      onOpen={() => {}}
      onClose={() => {}}
    />,
  );
  return mutate;
}

describe('the HPA form', () => {
  it("starts from the HPA's values and saves bounds and targets with the version shown", async () => {
    const mutate = await open(hpa, 'autoscale');
    expect(screen.getByLabelText('Minimum replicas')).toHaveValue(3);
    expect(screen.getByLabelText('Maximum replicas')).toHaveValue(10);
    expect(screen.getByLabelText('CPU utilisation target')).toHaveValue(70);
    expect(screen.getByLabelText('Memory utilisation target')).toHaveValue(
      null,
    );
    await userEvent.clear(screen.getByLabelText('Maximum replicas'));
    await userEvent.type(screen.getByLabelText('Maximum replicas'), '12');
    await userEvent.type(
      screen.getByLabelText('Memory utilisation target'),
      '80{Enter}',
    );
    expect(mutate.mock.calls[0][0]).toEqual({
      action: 'set-autoscaling',
      target: {
        cluster: 'sim',
        namespace: 'bank-payments',
        kind: 'HorizontalPodAutoscaler',
        name: 'payments-api-v1',
      },
      params: {
        minReplicas: 3,
        maxReplicas: 12,
        cpuUtilization: 70,
        memoryUtilization: 80,
      },
      view: { resourceVersion: '77' },
    });
  });

  it('explains each wrong field and sends nothing until they are right', async () => {
    const mutate = await open(deployment, 'autoscale');
    expect(
      screen.getByRole('heading', {
        name: 'Autoscale Deployment accounts-service',
      }),
    ).toBeInTheDocument();
    const min = screen.getByLabelText('Minimum replicas');
    await userEvent.clear(min);
    await userEvent.type(min, '0');
    expect(screen.getByText('Must be at least 1')).toBeInTheDocument();
    await userEvent.clear(min);
    await userEvent.type(min, '6');
    const max = screen.getByLabelText('Maximum replicas');
    await userEvent.clear(max);
    await userEvent.type(max, '5');
    expect(
      screen.getByText('Must be at least the minimum'),
    ).toBeInTheDocument();
    const cpu = screen.getByLabelText('CPU utilisation target');
    await userEvent.clear(cpu);
    await userEvent.type(cpu, '120');
    expect(screen.getByText('Must be from 1 to 100 %')).toBeInTheDocument();
    const create = screen.getByRole('button', { name: 'Create autoscaler' });
    expect(create).toBeDisabled();
    fireEvent.submit(create.closest('form')!);
    expect(mutate).not.toHaveBeenCalled();

    await userEvent.clear(max);
    await userEvent.type(max, '8');
    await userEvent.clear(cpu);
    await userEvent.click(create);
    expect(mutate.mock.calls[0][0]).toMatchObject({
      action: 'autoscale',
      params: {
        minReplicas: 6,
        maxReplicas: 8,
        cpuUtilization: null,
        memoryUtilization: null,
      },
    });
    // Creating depends on nothing shown: no view.
    expect(mutate.mock.calls[0][0]).not.toHaveProperty('view');
  });
});

describe('the CronJob dialogs', () => {
  it('shows the next runs of what is typed, refuses a bad schedule or zone, and saves', async () => {
    const mutate = await open(cronJob, 'schedule');
    const schedule = screen.getByLabelText('Schedule');
    expect(screen.getByText('Every 15 minutes')).toBeInTheDocument();
    await userEvent.clear(schedule);
    await userEvent.type(schedule, '0 3 * * 1');
    expect(screen.getByText('At 03:00, on Monday')).toBeInTheDocument();
    const runs = within(screen.getByRole('list', { name: 'Next runs' }));
    expect(runs.getAllByRole('listitem')).toHaveLength(5);

    await userEvent.clear(schedule);
    await userEvent.type(schedule, '61 * * * *');
    expect(screen.getByRole('alert')).toHaveTextContent(/Schedule: .*minute/);
    expect(
      screen.getByRole('button', { name: 'Save schedule' }),
    ).toBeDisabled();

    await userEvent.clear(schedule);
    await userEvent.type(schedule, '@daily');
    await userEvent.type(screen.getByLabelText('Time zone'), 'Mars/Olympus');
    expect(screen.getByRole('alert')).toHaveTextContent(/Time zone: /);
    await userEvent.clear(screen.getByLabelText('Time zone'));
    await userEvent.type(
      screen.getByLabelText('Time zone'),
      'Europe/Berlin{Enter}',
    );
    expect(mutate.mock.calls[0][0]).toMatchObject({
      action: 'schedule',
      params: { schedule: '@daily', timeZone: 'Europe/Berlin' },
      view: { resourceVersion: '9' },
    });
  });

  it('suspends a running CronJob and resumes a suspended one', async () => {
    const suspend = await open(cronJob, 'suspend');
    await userEvent.click(screen.getByRole('button', { name: 'Suspend' }));
    expect(suspend.mock.calls[0][0]).toMatchObject({
      action: 'suspend',
      view: { resourceVersion: '9' },
    });
  });
});
