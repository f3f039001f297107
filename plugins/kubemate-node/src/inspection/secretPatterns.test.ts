import {
  base64EntropyThreshold,
  isPlaceholderValue,
  secretValueKind,
  shannonEntropy,
} from './secretPatterns';

// Built from parts so that secret scanners do not flag this file.
const pem = ['-----BEGIN RSA ', 'PRIVATE KEY-----\nMIIEow...\n-----END'].join(
  '',
);
const jwt = [
  'eyJhbGciOiJIUzI1NiJ9',
  'eyJzdWIiOiIxMjM0NTY3ODkwIn0',
  'c2lnbmF0dXJlLXZhbHVl',
].join('.');

describe('shannonEntropy', () => {
  it('measures bits per character', () => {
    expect(shannonEntropy('')).toBe(0);
    expect(shannonEntropy('aaaa')).toBe(0);
    expect(shannonEntropy('abcd')).toBe(2);
    expect(shannonEntropy('0123456789abcdef')).toBe(4);
  });
});

describe('isPlaceholderValue', () => {
  it.each([
    '',
    '  ',
    '${DB_PASSWORD}',
    '$(TOKEN)',
    '{{ .Values.token }}',
    'true',
    'No',
    '8080',
    '-1.5',
  ])('%p is a placeholder', v => expect(isPlaceholderValue(v)).toBe(true));
  it.each(['changeme', 's3cret', 'hunter2'])('%p is not', v =>
    expect(isPlaceholderValue(v)).toBe(false),
  );
});

describe('secretValueKind', () => {
  it.each([
    [pem, 'private key'],
    [`config:\n  key: |\n    ${pem}`, 'private key'],
    ['-----BEGIN OPENSSH PRIVATE KEY-----', 'private key'],
    ['-----BEGIN ENCRYPTED PRIVATE KEY-----', 'private key'],
    [['AKIA', 'IOSFODNN7EXAMPLE'].join(''), 'AWS access key id'],
    [['ghp_', 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8'].join(''), 'GitHub token'],
    [
      ['github_pat_', '11ABCDEFG0123456789_abcdefghijklmnop'].join(''),
      'GitHub token',
    ],
    [['xoxb-', '1234567890-abcdefghij'].join(''), 'Slack token'],
    [
      ['AIza', 'SyA1234567890abcdefghijklmnopqrstuv'].join(''),
      'Google API key',
    ],
    [jwt, 'JWT'],
    [`Bearer ${jwt}`, 'JWT'],
    ['postgres://app:s3cr3t@db:5432/shop', 'URL with password'],
    ['wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'high-entropy string'],
    ['Zx9Qm4Lp7Rt2Vw8Ks3Nd6Hb1', 'high-entropy string'],
    ['3f786850e387550fdab836ed7e6dc881de23001b3f78', 'high-entropy string'],
  ])('%p → %p', (value, kind) => {
    expect(secretValueKind(value)).toBe(kind);
  });

  it.each([
    ['', 'empty'],
    ['info', 'short'],
    ['s3cret', 'short'],
    ['123e4567-e89b-12d3-a456-426614174000', 'UUID'],
    ['https://api.example.com/v1/orders?page=2', 'URL without credentials'],
    ['postgres://app@db:5432/shop', 'URL without password'],
    ['postgres://app:${DB_PASSWORD}@db:5432/shop', 'URL with a placeholder'],
    ['${API_TOKEN_FROM_VAULT_PLACEHOLDER}', 'placeholder'],
    ['3f786850e387550fdab836ed7e6dc881de23001b', 'commit id (40 hex)'],
    [
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      'sha256 digest',
    ],
    ['registry.example.com/shop/app:1.4.2', 'image'],
    ['thisisaverylonglowercaseidentifier', 'no mixed case or digits'],
    ['SPRING_PROFILES_ACTIVE_PRODUCTION', 'no lower case'],
    ['The quick brown fox jumps over 13 lazy dogs', 'sentence'],
    ['/var/run/secrets/kubernetes.io/serviceaccount/token', 'path'],
    ['MyApplicationName2024', 'low entropy'],
    [42, 'not a string'],
  ] as Array<[unknown, string]>)('%p is not flagged (%s)', value => {
    expect(secretValueKind(value)).toBe('');
  });

  it('documents a threshold between words and random tokens', () => {
    expect(base64EntropyThreshold(20)).toBeCloseTo(4.02, 2);
    expect(base64EntropyThreshold(64)).toBe(4.5);
    for (const word of [
      'MyApplicationName2024',
      'k8sProdClusterName2024ab',
      'MyCompanyInternalServiceName01',
    ]) {
      expect(shannonEntropy(word)).toBeLessThan(
        base64EntropyThreshold(word.length),
      );
      expect(secretValueKind(word)).toBe('');
    }
  });
});
