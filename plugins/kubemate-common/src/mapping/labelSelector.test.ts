import { matchesLabelSelector, parseLabelSelector } from './labelSelector';

const matches = (selector: string, labels?: Record<string, string>) =>
  matchesLabelSelector(parseLabelSelector(selector), labels);

describe('label selectors', () => {
  const web = {
    app: 'web',
    tier: 'frontend',
    'backstage.io/kubernetes-id': 'shop',
  };

  it.each([
    ['app=web', true],
    ['app==web', true],
    ['app=api', false],
    ['app!=api', true],
    ['env!=prod', true], // lacking the label matches != as in Kubernetes
    ['tier in (frontend, backend)', true],
    ['tier notin (frontend)', false],
    ['env notin (prod)', true],
    ['app', true],
    ['!app', false],
    ['!env', true],
    ['app=web,tier in (frontend),backstage.io/kubernetes-id=shop', true],
    ['app=web,tier=backend', false],
    ['', true],
  ])('%s → %s', (selector, expected) => {
    expect(matches(selector, web)).toBe(expected);
  });

  it('matches objects without labels only on negative requirements', () => {
    expect(matches('app=web', undefined)).toBe(false);
    expect(matches('!app', undefined)).toBe(true);
  });

  it('rejects malformed keys with the selector in the message', () => {
    expect(() => parseLabelSelector('bad key=1')).toThrow(
      /invalid label key 'bad key' in selector/,
    );
  });

  it('rejects malformed values and value lists', () => {
    expect(() => parseLabelSelector('app=we b')).toThrow(
      /invalid label value 'we b'/,
    );
    expect(() => parseLabelSelector('app in web')).toThrow(
      /invalid value list in 'app in web'/,
    );
    expect(() => parseLabelSelector(`app=${'v'.repeat(64)}`)).toThrow(
      /invalid label value/,
    );
  });

  it('keeps Kubernetes key limits: prefix of 253, name of 63', () => {
    const prefix = `${'a'.repeat(61)}.${'b'.repeat(61)}.${'c'.repeat(
      61,
    )}.${'d'.repeat(61)}.e`;
    expect(prefix.length).toBeLessThanOrEqual(253);
    expect(parseLabelSelector(`${prefix}/${'n'.repeat(63)}=v`)).toHaveLength(1);
    expect(() => parseLabelSelector(`x/${'n'.repeat(64)}=v`)).toThrow(
      /invalid label key/,
    );
    expect(() => parseLabelSelector(`${'p'.repeat(254)}/n=v`)).toThrow(
      /invalid label key/,
    );
  });

  it('rejects selectors longer than the limit before parsing them', () => {
    const huge = `${'a'.repeat(100 * 1024)}-`;
    expect(() => parseLabelSelector(huge)).toThrow(
      /label selector is 102401 characters long; at most 4096/,
    );
    expect(
      parseLabelSelector(
        Array.from({ length: 200 }, (_, i) => `k${i}=v${i}`).join(','),
      ),
    ).toHaveLength(200);
  });
});
