import { ALL, fail } from './database/__testUtils__/fixtures';
import {
  contentHash,
  groupResults,
  planReconciliation,
  ReconcilePlanner,
  type SnapshotRow,
} from './reconcile';

describe('contentHash', () => {
  // Stored hashes were made this way: a different digest for the same text would rewrite every
  // stored finding once. The expected digests are SHA-1 of the JSON texts in the comments.
  it('is the digest of the rule text as one JSON array', () => {
    const r = {
      ...fail('r1', 'a'),
      ruleVersion: '2',
      title: 'Container may run as root',
      resource: { kind: 'Deployment', apiVersion: 'apps/v1', name: 'a' },
      remediation: 'Set "runAsNonRoot": true\n\t\\ ünïcödé 漢字 \u2028',
      fix: 'spec:\n  template: {}\n',
    };
    // ["engine","2","Container may run as root","security","apps/v1",
    //  "Set \"runAsNonRoot\": true\n\t\\ ünïcödé 漢字 <U+2028>","spec:\n  template: {}\n",null]
    expect(contentHash(r, 'engine')).toBe(
      '4a3bcd6692943fafe174bd61d19c2b3782fce793',
    );
    const bare = { ...fail('r2', 'b'), title: 'Container may run as root' };
    delete bare.remediation;
    delete bare.fix;
    // ["ingest",null,"Container may run as root","security",null,null,null,null]
    expect(contentHash({ ...bare, ruleVersion: '' }, 'ingest')).toBe(
      '534c79b5f895b08a4fb0a343aa45544151a6c91a',
    );
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
