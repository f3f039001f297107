import { auditFiltersSchema } from '../audit/contract';
import { findingQuerySchema } from '../inspection/contract';
import {
  logQuerySchema,
  MAX_YAML_BYTES,
  yamlEditBodySchema,
} from '../workloads/contract';
import { kubemateRoutes } from './routes';

describe('the contract', () => {
  it('reads query strings as the backend receives them and values as clients build them', () => {
    const fromText = findingQuerySchema.parse({
      severity: ['high,medium', 'low'],
      limit: '20',
    });
    expect(fromText).toEqual({
      severity: ['high', 'medium', 'low'],
      limit: 20,
    });
    expect(findingQuerySchema.parse({ severity: ['high'], limit: 20 })).toEqual(
      {
        severity: ['high'],
        limit: 20,
      },
    );
    expect(findingQuerySchema.safeParse({ severity: 'urgent' }).success).toBe(
      false,
    );
    expect(findingQuerySchema.safeParse({ colour: 'red' }).success).toBe(false);

    const logs = { cluster: 'c', namespace: 'ns', name: 'pod-1' };
    expect(
      logQuerySchema.parse({ ...logs, follow: 'true', previous: false }),
    ).toMatchObject({
      follow: true,
      previous: false,
    });
    expect(logQuerySchema.safeParse({ ...logs, follow: 'yes' }).success).toBe(
      false,
    );

    const audit = auditFiltersSchema.parse({ since: '2026-11-01' });
    expect(audit).toMatchObject({ limit: 50, offset: 0 });
    expect(audit.since).toEqual(new Date('2026-11-01'));
    expect(auditFiltersSchema.safeParse({ since: 'yesterday' }).success).toBe(
      false,
    );
  });

  it('limits YAML edits by their UTF-8 size', () => {
    const target = {
      cluster: 'c',
      namespace: 'ns',
      kind: 'ConfigMap',
      name: 'cm',
    };
    const fits = 'a'.repeat(MAX_YAML_BYTES);
    // Two bytes per character in UTF-8: half as many characters fit.
    const tooBig = 'é'.repeat(MAX_YAML_BYTES / 2 + 1);
    expect(
      yamlEditBodySchema.safeParse({ ...target, yaml: fits }).success,
    ).toBe(true);
    expect(
      yamlEditBodySchema.safeParse({ ...target, yaml: tooBig }).success,
    ).toBe(false);
  });

  it('has one route per method and path', () => {
    const keys = Object.values(kubemateRoutes).map(
      r => `${r.method} ${r.path}`,
    );
    expect(new Set(keys).size).toBe(keys.length);
  });
});
