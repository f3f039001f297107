import { mockCredentials } from '@backstage/backend-test-utils';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { FindingLinker } from './FindingLinker';

const templates = [
  {
    title: 'Dashboard',
    kind: 'grafana' as const,
    url: 'https://grafana/d/w?ns=${namespace}&w=${name}&team=${entity.name}',
  },
];
const finding = (entityRef?: string) => ({
  cluster: 'prod-1',
  resource: { kind: 'Deployment', namespace: 'erp', name: 'api' },
  entityRef,
});

describe('FindingLinker', () => {
  it('reads entity annotations once per call and applies them', async () => {
    const catalog = catalogServiceMock({
      entities: [
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: {
            name: 'erp-api',
            namespace: 'default',
            annotations: {
              'kubemate.io/grafana-dashboard': 'https://g2/d/erp?w=${name}',
            },
          },
        },
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: { name: 'plain', namespace: 'default' },
        },
      ],
    });
    const spy = jest.spyOn(catalog, 'getEntitiesByRefs');
    const linker = new FindingLinker({ templates, catalog });
    const [a, b, c] = await linker.withLinks(
      [
        finding('component:default/erp-api'),
        finding('component:default/plain'),
        finding(),
      ],
      mockCredentials.user(),
    );
    expect(spy).toHaveBeenCalledTimes(1);
    expect(a.links).toEqual([
      { title: 'Dashboard', kind: 'grafana', url: 'https://g2/d/erp?w=api' },
    ]);
    expect(b.links).toEqual([
      {
        title: 'Dashboard',
        kind: 'grafana',
        url: 'https://grafana/d/w?ns=erp&w=api&team=plain',
      },
    ]);
    // No owning entity: the template needs ${entity.name}, so no link.
    expect(c.links).toEqual([]);
  });

  it('falls back to the configured templates when the catalog fails', async () => {
    const catalog = {
      getEntitiesByRefs: async () => {
        throw new Error('catalog down');
      },
    } as unknown as CatalogService;
    const warn = jest.fn();
    const linker = new FindingLinker({
      templates,
      catalog,
      logger: { warn } as never,
    });
    const [f] = await linker.withLinks(
      [finding('component:default/plain')],
      mockCredentials.user(),
    );
    expect(f.links[0].url).toBe('https://grafana/d/w?ns=erp&w=api&team=plain');
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('catalog down'));
  });

  it("uses a cluster's own templates, and shows the 24 hours before a finding was found", async () => {
    const linker = new FindingLinker({
      templates,
      clusterTemplates: new Map([
        [
          'eu-1',
          [
            {
              title: 'EU dashboard',
              kind: 'grafana' as const,
              url: 'https://grafana-eu/d/w?w=${name}&from=${from}&to=${to}',
            },
          ],
        ],
      ]),
      catalog: catalogServiceMock({ entities: [] }),
    });
    const found = '2026-12-04T10:00:00.000Z';
    const [eu, other] = await linker.withLinks(
      [
        { ...finding(), cluster: 'eu-1', firstSeenAt: found },
        { ...finding('component:default/plain'), firstSeenAt: found },
      ],
      mockCredentials.user(),
    );
    const to = Date.parse(found);
    expect(eu.links).toEqual([
      {
        title: 'EU dashboard',
        kind: 'grafana',
        url: `https://grafana-eu/d/w?w=api&from=${to - 86_400_000}&to=${to}`,
      },
    ]);
    expect(other.links[0].url).toMatch(/^https:\/\/grafana\/d\/w/);
  });
});
