import { createHash } from 'node:crypto';
import { ALL, fail } from './database/__testUtils__/fixtures';
import {
  contentHash,
  groupResults,
  planReconciliation,
  ReconcilePlanner,
  type SnapshotRow,
} from './reconcile';

describe('contentHash', () => {
  // Stored hashes predate the piecewise hashing: a different digest for the same text would
  // rewrite every stored finding once.
  const wholeRow = (r: ReturnType<typeof fail>, source: string) =>
    createHash('sha1')
      .update(
        JSON.stringify([
          source,
          r.ruleVersion || null,
          r.title,
          r.category,
          r.resource.apiVersion ?? null,
          r.remediation ?? null,
          r.fix ?? null,
          r.docs ?? null,
        ]),
      )
      .digest('hex');

  it('is the digest of the rule text as one JSON array', () => {
    const r = fail('r1', 'a');
    r.remediation = 'Set "runAsNonRoot": true\n\t\\ ünïcödé 漢字 \u2028';
    r.fix = 'spec:\n  template: {}\n';
    r.ruleVersion = '2';
    expect(contentHash(r, 'engine')).toBe(wholeRow(r, 'engine'));
    const bare = fail('r2', 'b');
    delete bare.remediation;
    delete bare.fix;
    expect(contentHash(bare, 'ingest')).toBe(wholeRow(bare, 'ingest'));
  });

  it('changes with the rule text', () => {
    const r = fail('r1', 'a');
    expect(contentHash({ ...r, fix: 'other' }, 'engine')).not.toBe(
      contentHash(r, 'engine'),
    );
    expect(contentHash(r, 'ingest')).not.toBe(contentHash(r, 'engine'));
  });
});

describe('ReconcilePlanner', () => {
  const now = new Date('2026-12-05T12:00:00Z');
  const row = (
    fingerprint: string,
    state: SnapshotRow['state'],
    extra: Partial<SnapshotRow> = {},
  ): SnapshotRow => ({
    fingerprint,
    state,
    resume_state: null,
    ignored_until: null,
    rule_id: 'r1',
    namespace: 'shop',
    host: null,
    ...extra,
  });

  it('plans the same from the stored findings in pages, in any order, as from all at once', () => {
    const seen = ['a', 'b', 'c', 'd', 'e', 'new1', 'new2'].map(n =>
      fail('r1', n),
    );
    const errored = { ...fail('r1', 'errored'), status: 'error' as const };
    const grouped = groupResults([...seen, errored]);
    const fp = (i: number) => seen[i].fingerprint;
    const snapshot: SnapshotRow[] = [
      row(fp(0), 'new'),
      row(fp(1), 'fixed'),
      row(fp(2), 'ignored', { resume_state: 'fixed' }),
      row(fp(3), 'ignored', {
        resume_state: 'open',
        ignored_until: now.getTime() - 1,
      }),
      row(fp(4), 'open'),
      row('gone-open', 'open'),
      row('gone-ignored', 'ignored', { resume_state: 'open' }),
      row('gone-elsewhere', 'open', { rule_id: 'not-covered' }),
      row(errored.fingerprint, 'open'),
    ];
    const whole = planReconciliation(snapshot, grouped, ALL, now);
    expect(whole.inserts).toEqual([fp(5), fp(6)]);
    expect(whole.fixed).toEqual(['gone-open']);

    const planner = new ReconcilePlanner(grouped, ALL, now);
    const reversed = [...snapshot].reverse();
    for (let i = 0; i < reversed.length; i += 2) {
      for (const r of reversed.slice(i, i + 2)) planner.add(r);
    }
    const paged = planner.finish();
    const sorted = (p: typeof whole) => ({
      ...p,
      transitions: [...p.transitions].sort((x, y) =>
        `${x.fingerprint}${x.to}`.localeCompare(`${y.fingerprint}${y.to}`),
      ),
      seen: new Map([...p.seen].sort()),
      expired: new Map([...p.expired].sort()),
      resume: new Map([...p.resume].sort()),
      fixed: [...p.fixed].sort(),
    });
    expect(sorted(paged)).toEqual(sorted(whole));
  });
});
