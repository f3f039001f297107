import { createHash } from 'node:crypto';
import { fail } from './database/__testUtils__/fixtures';
import { contentHash } from './reconcile';

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
