import type { KubeObject } from '@kubemate/plugin-kubemate-common';
import { jobRow, ownedBy } from './jobs';

const job = (status: Record<string, unknown>): KubeObject => ({
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: {
    name: 'report-28000',
    namespace: 'ns',
    uid: 'j1',
    ownerReferences: [
      { kind: 'CronJob', name: 'report', uid: 'c1', controller: true },
    ],
  },
  spec: { completions: 3 },
  status,
});

describe('jobRow', () => {
  it('reads a complete job', () => {
    expect(
      jobRow(
        job({
          succeeded: 3,
          startTime: '2024-01-31T23:58:00Z',
          completionTime: '2024-02-01T00:03:00Z',
          conditions: [{ type: 'Complete', status: 'True' }],
        }),
      ),
    ).toMatchObject({
      state: 'Complete',
      completions: '3/3',
      duration: 300_000,
      owner: 'CronJob/report',
    });
  });

  it('reads a failed and a running job', () => {
    expect(
      jobRow(
        job({
          failed: 6,
          conditions: [
            { type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded' },
          ],
        }),
      ),
    ).toMatchObject({ state: 'Failed', failed: 6, completions: '0/3' });
    expect(
      jobRow(
        job({ active: 2, succeeded: 1, startTime: '2024-01-01T00:00:00Z' }),
        Date.parse('2024-01-01T00:01:00Z'),
      ),
    ).toMatchObject({
      state: 'Running',
      active: 2,
      completions: '1/3',
      duration: 60_000,
    });
  });
});

describe('ownedBy', () => {
  it('finds objects by owner uid', () => {
    const cron: KubeObject = {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'report', uid: 'c1' },
    };
    expect(ownedBy(cron, [job({})]).length).toBe(1);
    expect(
      ownedBy({ ...cron, metadata: { name: 'x', uid: 'c2' } }, [job({})]),
    ).toEqual([]);
  });
});
