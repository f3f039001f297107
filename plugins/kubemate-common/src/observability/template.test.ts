import { fillTemplate, templatePlaceholders } from './template';

const context = {
  cluster: 'prod 1',
  namespace: 'erp-finance',
  kind: 'Deployment',
  name: 'erp-finance',
  container: 'app',
  entity: { kind: 'Component', namespace: 'default', name: 'erp/finance' },
};

describe('observability URL templates', () => {
  it('fills placeholders with percent-encoded values', () => {
    expect(
      fillTemplate(
        'https://grafana/d/x?var-cluster=${cluster}&var-ns=${namespace}&var-app=${ entity.name }&e=${entity.ref}',
        context,
      ),
    ).toBe(
      'https://grafana/d/x?var-cluster=prod%201&var-ns=erp-finance&var-app=erp%2Ffinance&e=component%3Adefault%2Ferp%2Ffinance',
    );
  });

  it('uses a custom encoder when given', () => {
    expect(fillTemplate('${kind}/${name}', context, v => v.toUpperCase())).toBe(
      'DEPLOYMENT/ERP-FINANCE',
    );
  });

  it('gives no URL when a used value is missing', () => {
    expect(fillTemplate('https://x/${host}', context)).toBeUndefined();
    expect(
      fillTemplate('https://x/${entity.name}', { cluster: 'c' }),
    ).toBeUndefined();
    expect(fillTemplate('https://x/${cluster}', { cluster: 'c' })).toBe(
      'https://x/c',
    );
  });

  it('rejects unknown placeholders by name', () => {
    expect(() => templatePlaceholders('https://x/${podName}')).toThrow(
      /unknown placeholder \$\{podName\}/,
    );
    expect(templatePlaceholders('${cluster}-${entity.ref}')).toEqual([
      'cluster',
      'entity.ref',
    ]);
  });
});
