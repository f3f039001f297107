import { mockServices } from '@backstage/backend-test-utils';
import { ConflictError } from '@backstage/errors';
import type { InspectionRun } from '../InspectionStore';
import type { RunRequest } from '../InspectionRunner';
import { ChangeTrigger } from './ChangeTrigger';
import type { WorkloadChange } from './WorkloadChangeWatcher';

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

const change = (name: string): WorkloadChange => ({
  kind: 'Deployment',
  namespace: 'bank-payments',
  name,
  type: 'updated',
});

function runOf(request: RunRequest, startedAt = new Date()): InspectionRun {
  return {
    id: `run-${Math.random()}`,
    cluster: request.cluster,
    profile: request.profile,
    trigger: request.trigger,
    source: 'engine',
    status: 'running',
    requestedBy: request.requestedBy,
    startedAt,
    progress: {},
  } as InspectionRun;
}

/** A runner stand-in that records requests; each run lasts `runMs`. */
function recordingRunner(runMs = 0) {
  const requests: RunRequest[] = [];
  let active = 0;
  let maxActive = 0;
  const startRun = async (request: RunRequest) => {
    requests.push(request);
    active++;
    maxActive = Math.max(maxActive, active);
    const run = runOf(request);
    const done = sleep(runMs).then(() => {
      active--;
      return { ...run, status: 'succeeded' as const };
    });
    return { run, done };
  };
  return { requests, startRun, maxActive: () => maxActive };
}

const noRuns = { listRuns: async () => ({ items: [], total: 0 }) };

describe('ChangeTrigger', () => {
  it('starts one run after the quiet period, naming the changes', async () => {
    const runner = recordingRunner();
    const trigger = new ChangeTrigger({
      cluster: 'sim',
      profile: 'baseline',
      quietPeriodMs: 150,
      startRun: runner.startRun,
      store: noRuns,
      logger: mockServices.logger.mock(),
    });
    trigger.notify(change('a'));
    await sleep(50);
    trigger.notify(change('b'));
    await sleep(50);
    trigger.notify(change('a'));
    await sleep(100);
    // Each change restarted the quiet period.
    expect(runner.requests).toHaveLength(0);
    await sleep(150);
    expect(runner.requests).toEqual([
      {
        cluster: 'sim',
        profile: 'baseline',
        trigger: 'change',
        requestedBy: 'change: Deployment bank-payments/a (+1 more)',
      },
    ]);
    expect(trigger.pendingChanges).toEqual([]);
    trigger.stop();
  });

  it('never overlaps its own run; changes during a run start the next one after it', async () => {
    const runner = recordingRunner(300);
    const trigger = new ChangeTrigger({
      cluster: 'sim',
      profile: 'baseline',
      quietPeriodMs: 50,
      startRun: runner.startRun,
      store: noRuns,
      logger: mockServices.logger.mock(),
    });
    trigger.notify(change('a'));
    await sleep(100);
    expect(runner.requests).toHaveLength(1);
    trigger.notify(change('b'));
    await sleep(150);
    expect(runner.requests).toHaveLength(1);
    await sleep(300);
    expect(runner.requests.map(r => r.requestedBy)).toEqual([
      'change: Deployment bank-payments/a',
      'change: Deployment bank-payments/b',
    ]);
    expect(runner.maxActive()).toBe(1);
    trigger.stop();
  });

  it('waits for a run in progress elsewhere, and drops changes a later run covers', async () => {
    const requests: RunRequest[] = [];
    let busy = true;
    const trigger = new ChangeTrigger({
      cluster: 'sim',
      profile: 'baseline',
      quietPeriodMs: 30,
      busyRetryMs: 100,
      startRun: async request => {
        requests.push(request);
        if (busy) throw new ConflictError('a run is already in progress');
        const run = runOf(request);
        return { run, done: Promise.resolve(run) };
      },
      store: noRuns,
      logger: mockServices.logger.mock(),
    });
    trigger.notify(change('a'));
    await sleep(60);
    expect(requests).toHaveLength(1);
    expect(trigger.pendingChanges).toEqual([change('a')]);
    busy = false;
    await sleep(120);
    expect(requests).toHaveLength(2);
    expect(trigger.pendingChanges).toEqual([]);
    trigger.stop();

    // Another replica started a run after the change: nothing left to do.
    const covered: RunRequest[] = [];
    const other = new ChangeTrigger({
      cluster: 'sim',
      profile: 'baseline',
      quietPeriodMs: 30,
      busyRetryMs: 50,
      startRun: async request => {
        covered.push(request);
        throw new ConflictError('a run is already in progress');
      },
      store: {
        listRuns: async () => ({
          items: [
            runOf(
              { cluster: 'sim', profile: 'baseline', trigger: 'change' },
              new Date(Date.now() + 10),
            ),
          ],
          total: 1,
        }),
      },
      logger: mockServices.logger.mock(),
    });
    other.notify(change('a'));
    await sleep(200);
    expect(covered).toHaveLength(1);
    expect(other.pendingChanges).toEqual([]);
    other.stop();
  });

  it('keeps the reason within the column size', () => {
    const long = change('x'.repeat(300));
    const reason = ChangeTrigger.reason([change('a'), long]);
    expect(reason.length).toBeLessThanOrEqual(255);
    expect(reason).toMatch(
      /^change: Deployment bank-payments\/x+ \(\+1 more\)$/,
    );
  });
});
