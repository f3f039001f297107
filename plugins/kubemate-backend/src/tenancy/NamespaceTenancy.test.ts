import { ConfigReader } from '@backstage/config';
import type {
  EntityMapping,
  KubeObject,
} from '@kubemate/plugin-kubemate-common';
import { NamespaceTenancy, readNamespaceGrants } from './NamespaceTenancy';

const ns = (
  name: string,
  labels: Record<string, string> = {},
  annotations: Record<string, string> = {},
): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name, labels, annotations },
});

const namespaces = [
  ns('bank-core', { 'kubemate.io/owner': 'team-banking' }),
  ns(
    'bank-shared',
    { 'kubemate.io/owner': 'team-banking' },
    {
      'kubemate.io/shared-with': 'group:default/team-erp, group:ops/sre',
    },
  ),
  ns('erp-supply', { 'kubemate.io/owner': 'team-erp' }),
  ns('erp-finance'),
  ns('claimed', { 'kubemate.io/owner': 'team-banking' }),
  ns('elsewhere', {}, { 'kubemate.io/owner': 'group:acme/payments' }),
  ns('kube-system'),
];

const tenancy = NamespaceTenancy.fromConfig(
  new ConfigReader({
    kubemate: {
      tenancy: {
        namespaces: [
          { namespace: 'erp-finance', owner: 'team-erp' },
          // app-config wins over a label anyone editing the namespace could set.
          { cluster: 'prod', namespace: 'claimed', owner: 'Team-ERP' },
        ],
      },
    },
  }),
);

const mapping = (m: Partial<EntityMapping>): EntityMapping => ({
  labelSelector: 'app=x',
  namespaces: [],
  clusters: [],
  workloads: [],
  entityRef: 'component:default/x',
  owner: 'group:default/team-banking',
  ...m,
});

describe('NamespaceTenancy', () => {
  it('reads owners from app-config first, then the label, then the annotation', () => {
    expect(tenancy.tenantsOf('prod', 'claimed', namespaces[4]).owner).toBe(
      'group:default/team-erp',
    );
    expect(tenancy.tenantsOf('dev', 'claimed', namespaces[4]).owner).toBe(
      'group:default/team-banking',
    );
    expect(tenancy.tenantsOf('dev', 'erp-finance', namespaces[3])).toEqual({
      owner: 'group:default/team-erp',
      sharedWith: [],
      source: 'app-config',
    });
    expect(tenancy.tenantsOf('dev', 'elsewhere', namespaces[5]).owner).toBe(
      'group:acme/payments',
    );
    expect(tenancy.tenantsOf('dev', 'bank-shared', namespaces[1])).toEqual({
      owner: 'group:default/team-banking',
      sharedWith: ['group:default/team-erp', 'group:ops/sre'],
      source: 'namespace',
    });
    expect(tenancy.tenantsOf('dev', 'kube-system', namespaces[6])).toEqual({
      sharedWith: [],
      source: 'none',
    });
  });

  it("confines a mapping without namespaces to its owner's and shared namespaces", () => {
    expect(tenancy.confine('dev', mapping({}), namespaces)).toEqual({
      problems: [],
      mapping: mapping({
        namespaces: ['bank-core', 'bank-shared', 'claimed'],
      }),
    });
    const erp = tenancy.confine(
      'prod',
      mapping({ owner: 'group:default/team-erp' }),
      namespaces,
    );
    expect(erp.mapping?.namespaces).toEqual([
      'bank-shared',
      'claimed',
      'erp-finance',
      'erp-supply',
    ]);
  });

  it('drops named namespaces the owner may not use, saying why', () => {
    const c = tenancy.confine(
      'dev',
      mapping({
        namespaces: ['bank-core', 'erp-supply', 'kube-system', 'nowhere'],
      }),
      namespaces,
    );
    expect(c.mapping?.namespaces).toEqual(['bank-core']);
    expect(c.problems).toEqual([
      'namespace erp-supply belongs to group:default/team-erp and is not shared with group:default/team-banking, the owner of component:default/x',
      expect.stringMatching(
        /^namespace kube-system has no owner \(label it kubemate.io\/owner/,
      ),
      'namespace nowhere does not exist',
    ]);
  });

  it('resolves nothing for an entity without an owner or owning nothing', () => {
    expect(
      tenancy.confine('dev', mapping({ owner: undefined }), namespaces),
    ).toEqual({
      problems: [
        'component:default/x has no owner, so no namespace can be resolved for it',
      ],
    });
    const nobody = tenancy.confine(
      'dev',
      mapping({ owner: 'group:default/newcomers' }),
      namespaces,
    );
    expect(nobody.mapping).toBeUndefined();
    expect(nobody.problems[0]).toMatch(/no namespace of this cluster/);
  });

  it('refuses a malformed app-config entry, naming it', () => {
    expect(() =>
      readNamespaceGrants(
        new ConfigReader({
          kubemate: { tenancy: { namespaces: [{ namespace: 'a' }] } },
        }),
      ),
    ).toThrow(/kubemate.tenancy.namespaces\[0\]/);
  });
});
