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
});
