import { fail } from './__testUtils__/fixtures';
import {
  findingRow,
  rowToFinding,
  rowToRun,
  sightingRow,
  toDate,
} from './mapRows';
import type { RunRow } from './rows';

describe('mapRows', () => {
  it('reads timestamps as each driver returns them', () => {
    const at = new Date('2026-11-22T10:00:00.000Z');
    expect(toDate(at)).toEqual(at);
    expect(toDate(at.getTime())).toEqual(at);
    expect(toDate(String(at.getTime()))).toEqual(at);
    expect(toDate('2026-11-22T10:00:00.000Z')).toEqual(at);
    expect(toDate(null)).toBeUndefined();
  });

  it('maps a run row, JSON columns included', () => {
    const row: RunRow = {
      id: 'id',
      cluster: 'prod',
      profile: 'p',
      trigger: 'ingest',
      source: 'ansible',
      status: 'failed',
      requested_by: null,
      started_at: 1,
      finished_at: null,
      error: 'boom',
      progress_total: 3,
      progress_done: null,
      progress_message: null,
      summary: '{"score":50}',
      coverage: null,
      heartbeat_at: 1,
    };
    expect(rowToRun(row)).toMatchObject({
      requestedBy: undefined,
      startedAt: new Date(1),
      finishedAt: undefined,
      error: 'boom',
      progress: { total: 3, done: undefined },
      summary: { score: 50 },
      coverage: undefined,
    });
  });

  it('round-trips a check result through the finding row', () => {
    const r = {
      ...fail('r1', 'a', { entityRef: 'component:default/a' }),
      occurrences: 3,
    };
    const now = new Date('2026-11-22T10:00:00.000Z');
    const run = { id: 'run-1', cluster: 'prod', source: 'engine' };
    const row = findingRow(r, 'new', run, now);
    expect(row).toMatchObject(sightingRow(r, 'new', run.id, now));
    const finding = rowToFinding({
      ...row,
      resume_state: null,
      fixed_at: null,
      fixed_run_id: null,
      ignored_reason: null,
      ignored_comment: null,
      ignored_by: null,
      ignored_at: null,
      ignored_until: null,
    });
    expect(finding).toMatchObject({
      fingerprint: r.fingerprint,
      ruleId: 'r1',
      resource: { kind: 'Deployment', namespace: 'shop', name: 'a' },
      entityRef: 'component:default/a',
      state: 'new',
      firstSeenRunId: 'run-1',
      firstSeenAt: now,
      occurrences: 3,
      remediation: r.remediation,
      fix: r.fix,
      ignored: undefined,
    });
    // An ignore is shown only while the finding is ignored.
    const ignoredRow = {
      ...row,
      resume_state: 'new',
      fixed_at: null,
      fixed_run_id: null,
      ignored_reason: 'accepted-risk',
      ignored_comment: null,
      ignored_by: 'user:default/jane',
      ignored_at: null,
      ignored_until: null,
    };
    expect(rowToFinding({ ...ignoredRow, state: 'ignored' }).ignored).toEqual({
      reason: 'accepted-risk',
      comment: undefined,
      by: 'user:default/jane',
      at: now,
      until: undefined,
    });
    expect(rowToFinding(ignoredRow).ignored).toBeUndefined();
  });
});
