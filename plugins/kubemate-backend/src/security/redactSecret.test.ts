import { REDACTED, redactSecret } from './redactSecret';

const secret = {
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: {
    name: 'smtp',
    namespace: 'erp-finance',
    annotations: {
      'kubectl.kubernetes.io/last-applied-configuration':
        '{"data":{"password":"aHVudGVyMg=="}}',
      team: 'erp',
    },
  },
  data: { password: 'aHVudGVyMg==', user: 'ZXJw' },
  stringData: { extra: 'plain' },
};

describe('redactSecret', () => {
  it('replaces every value and the last-applied annotation, keeping keys', () => {
    const redacted = redactSecret(secret);
    expect(redacted.data).toEqual({ password: REDACTED, user: REDACTED });
    expect(redacted.stringData).toEqual({ extra: REDACTED });
    expect(redacted.metadata.annotations).toEqual({
      'kubectl.kubernetes.io/last-applied-configuration': REDACTED,
      team: 'erp',
    });
    expect(JSON.stringify(redacted)).not.toMatch(/aHVudGVyMg|ZXJw|plain/);
  });

  it('leaves the original untouched and other kinds as they are', () => {
    redactSecret(secret);
    expect(secret.data.password).toBe('aHVudGVyMg==');
    const configMap = { ...secret, kind: 'ConfigMap' };
    expect(redactSecret(configMap)).toBe(configMap);
  });
});
