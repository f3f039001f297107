import { createInspector } from './inspector';
import { parseRuleFile } from './loader';
import { REDACTED, scrubSecretValues, secretValues } from './secretScrub';

const b64 = (s: string) => Buffer.from(s).toString('base64');

describe('secret values in findings', () => {
  it('finds the stored and decoded values, longest first', () => {
    expect(
      secretValues({
        data: { password: b64('hunter2-long') },
        stringData: { token: 'tok' },
      }),
    ).toEqual([b64('hunter2-long'), 'hunter2-long', 'tok']);
  });

  it('replaces values inside text, and short ones only when they are the whole text', () => {
    const values = secretValues({ data: { a: b64('s3cr3t!'), b: b64('ab') } });
    expect(scrubSecretValues('password is s3cr3t!', values)).toBe(
      `password is ${REDACTED}`,
    );
    expect(scrubSecretValues('ab', values)).toBe(REDACTED);
    expect(scrubSecretValues('about', values)).toBe('about');
    expect(scrubSecretValues(undefined, values)).toBeUndefined();
  });

  it("keeps a custom rule's observed value of a Secret out of the finding", () => {
    const [rule] = parseRuleFile(
      `id: weak-password
version: 1
title: Weak password
category: security
severity: high
description: d
remediation: rotate it
target: {kinds: [Secret]}
condition: "has(object.data.password) && size(object.data.password) <= 12"
observed: "'password=' + object.data.password"
message: "{{ .name }} has {{ .observed }}"
`,
      'weak.yaml',
      { pack: 'test' },
    );
    const secret = {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'db', namespace: 'prod' },
      data: { password: b64('hunter2') },
    };
    const { results } = createInspector({ rules: [rule] }).inspect(
      [secret as never],
      { cluster: 'c1', now: new Date('2026-06-01T00:00:00Z') },
    );
    const finding = results.find(r => r.status === 'failed');
    expect(finding).toBeDefined();
    expect(JSON.stringify(finding)).not.toContain(b64('hunter2'));
    expect(finding!.observed).toBe(`password=${REDACTED}`);
    expect(finding!.message).toBe(`db has password=${REDACTED}`);
  });
});
