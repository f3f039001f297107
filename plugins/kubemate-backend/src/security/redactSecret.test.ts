import {
  REDACTED,
  REDACTED_CHANGED,
  redactSecret,
  redactSecretPair,
} from './redactSecret';

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

describe('redactSecretPair', () => {
  it('marks the keys whose value changes, in data or stringData, and shows no value', () => {
    const after = {
      ...secret,
      data: { password: 'bmV3', user: 'ZXJw', added: 'eA==' },
      // A key written through stringData that the Secret did not have is new.
      stringData: { extra: 'plain' },
    };
    const [b, a] = redactSecretPair(
      { ...secret, stringData: undefined },
      after,
    );
    expect(b.data).toEqual({ password: REDACTED, user: REDACTED });
    expect(a.data).toEqual({
      password: REDACTED_CHANGED,
      user: REDACTED,
      added: REDACTED_CHANGED,
    });
    expect(a.stringData).toEqual({ extra: REDACTED_CHANGED });
    expect(JSON.stringify([b, a])).not.toMatch(/aHVudGVyMg|ZXJw|bmV3|plain/);
  });

  it('leaves other kinds as they are', () => {
    const configMap = { kind: 'ConfigMap', data: { a: '1' } };
    expect(redactSecretPair(configMap, configMap)).toEqual([
      configMap,
      configMap,
    ]);
  });
});
