import { ConfigReader } from '@backstage/config';
import {
  KUBEMATE_PERMISSION_NAMES,
  parsePolicyConfig,
  readPolicyConfig,
} from './config';

const role = (extra: Record<string, unknown>) => ({
  roles: [{ name: 'r', permissions: ['kubemate.workload.read'], ...extra }],
});

describe('parsePolicyConfig', () => {
  it('normalizes member refs and applies defaults', () => {
    const parsed = parsePolicyConfig({
      roles: [
        {
          name: 'viewer',
          permissions: ['kubemate.workload.read'],
          groups: ['team-banking', 'group:default/team-erp', 'group:other/Ops'],
          users: ['guest', 'user:default/ada'],
        },
      ],
    });
    expect(parsed.defaultDecision).toBe('deny');
    expect(parsed.roles[0]).toMatchObject({
      name: 'viewer',
      groups: [
        'group:default/team-banking',
        'group:default/team-erp',
        'group:other/ops',
      ],
      users: ['user:default/guest', 'user:default/ada'],
      ownedEntitiesOnly: false,
    });
  });

  it('reads from the root config', () => {
    const parsed = readPolicyConfig(
      new ConfigReader({
        kubemate: {
          permissionPolicy: { defaultDecision: 'deny', ...role({}) },
        },
      }),
    );
    expect(parsed.defaultDecision).toBe('deny');
    expect(parsed.roles).toHaveLength(1);
    expect(readPolicyConfig(new ConfigReader({})).roles).toEqual([]);
  });

  it('rejects unknown permission names, listing the valid ones', () => {
    expect(() =>
      parsePolicyConfig(
        role({
          permissions: ['kubemate.workload.read', 'kubemate.workload.scal'],
        }),
      ),
    ).toThrow(
      `kubemate.permissionPolicy.roles[0].permissions[1]: unknown permission 'kubemate.workload.scal'; valid names: ${KUBEMATE_PERMISSION_NAMES.join(
        ', ',
      )}`,
    );
    expect(() =>
      parsePolicyConfig(role({ permissions: ['catalog.entity.reed'] })),
    ).toThrow(
      /unknown permission 'catalog.entity.reed'; valid names: kubemate.cluster.read, .*catalog.entity.read/,
    );
  });

  it('rejects bad wildcards', () => {
    expect(() =>
      parsePolicyConfig(role({ permissions: ['kubemate.**'] })),
    ).toThrow(
      /roles\[0\]\.permissions\[0\]: invalid wildcard pattern 'kubemate\.\*\*'/,
    );
    expect(() => parsePolicyConfig(role({ permissions: ['*'] }))).toThrow(
      /invalid wildcard pattern '\*': a pattern names a plugin first/,
    );
    expect(() =>
      parsePolicyConfig(role({ permissions: ['Kubemate.*'] })),
    ).toThrow(/invalid wildcard pattern 'Kubemate\.\*'/);
    expect(() =>
      parsePolicyConfig(role({ permissions: ['kubemate.canary.*'] })),
    ).toThrow(
      /wildcard pattern 'kubemate\.canary\.\*' matches no known permission; valid names: /,
    );
  });

  it('rejects empty and duplicate role names', () => {
    expect(() => parsePolicyConfig(role({ name: '  ' }))).toThrow(
      'kubemate.permissionPolicy.roles[0].name: role name must not be empty',
    );
    expect(() =>
      parsePolicyConfig({
        roles: [
          { name: 'a', permissions: [] },
          { name: 'a', permissions: [] },
        ],
      }),
    ).toThrow(
      "kubemate.permissionPolicy.roles[1].name: duplicate role name 'a'",
    );
  });

  it('rejects unknown keys, wrong kinds of member and a bad defaultDecision', () => {
    expect(() => parsePolicyConfig(role({ ownedEntityOnly: true }))).toThrow(
      "kubemate.permissionPolicy.roles[0].ownedEntityOnly: unknown key 'ownedEntityOnly'",
    );
    expect(() =>
      parsePolicyConfig(role({ groups: ['user:default/guest'] })),
    ).toThrow(
      /roles\[0\]\.groups\[0\]: 'user:default\/guest' refers to kind 'user'; expected a group reference/,
    );
    expect(() => parsePolicyConfig(role({ users: ['a:b:c/d'] }))).toThrow(
      /roles\[0\]\.users\[0\]: 'a:b:c\/d' refers to kind 'a'; expected a user reference/,
    );
    expect(() => parsePolicyConfig(role({ users: [''] }))).toThrow(
      /roles\[0\]\.users\[0\]: invalid user reference '': /,
    );
    expect(() => parsePolicyConfig({ defaultDecision: 'maybe' })).toThrow(
      /kubemate\.permissionPolicy\.defaultDecision: /,
    );
    expect(() => parsePolicyConfig(role({ ownedEntitiesOnly: 'yes' }))).toThrow(
      /roles\[0\]\.ownedEntitiesOnly: /,
    );
    expect(() => parsePolicyConfig({ roles: [{ name: 'x' }] })).toThrow(
      /roles\[0\]\.permissions: /,
    );
  });

  it('starts every message with the config key', () => {
    expect(() => parsePolicyConfig({ defaultDecision: 'maybe' })).toThrow(
      /^Invalid kubemate\.permissionPolicy configuration: /,
    );
  });
});
