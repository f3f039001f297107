import { mockCredentials } from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import type { PolicyQueryUser } from '@backstage/plugin-permission-node';
import {
  kubemateAuditReadPermission,
  kubemateClusterReadPermission,
  kubemateWorkloadDeletePodPermission,
  kubemateWorkloadLogsPermission,
  kubemateWorkloadReadPermission,
  kubemateWorkloadRestartPermission,
  kubemateWorkloadScalePermission,
  kubemateWorkloadSecretReadPermission,
  kubemateWorkloadYamlApplyPermission,
} from '@kubemate/plugin-kubemate-common';
import { KubematePermissionPolicy } from './policy';

const demoConfig = {
  defaultDecision: 'allow',
  roles: [
    {
      name: 'viewer',
      permissions: [
        'kubemate.cluster.read',
        'kubemate.workload.read',
        'kubemate.workload.logs',
      ],
      groups: ['group:default/team-banking', 'team-erp'],
      users: ['user:default/auditor'],
    },
    {
      name: 'operator',
      permissions: [
        'kubemate.workload.scale',
        'kubemate.workload.restart',
        'kubemate.workload.rollback',
        'kubemate.workload.delete-pod',
        'kubemate.workload.trigger',
        'kubemate.audit.read',
      ],
      groups: ['team-banking'],
      ownedEntitiesOnly: true,
    },
    {
      name: 'admin',
      permissions: ['kubemate.*'],
      groups: ['platform-admins'],
    },
    {
      name: 'log-reader',
      permissions: ['kubemate.workload.logs'],
      users: ['oncall'],
    },
  ],
};

function userOf(userEntityRef: string, groups: string[] = []): PolicyQueryUser {
  return {
    credentials: mockCredentials.user(userEntityRef),
    info: { userEntityRef, ownershipEntityRefs: [userEntityRef, ...groups] },
  };
}

const guest = userOf('user:default/guest', ['group:default/team-banking']);
const erpDev = userOf('user:default/erin', ['group:default/team-erp']);
const admin = userOf('user:default/ada', ['group:default/platform-admins']);
const auditor = userOf('user:default/auditor');
const oncall = userOf('user:default/oncall');
const stranger = userOf('user:default/nobody', ['group:default/team-other']);

const catalogRead = createPermission({
  name: 'catalog.entity.read',
  attributes: { action: 'read' },
  resourceType: 'catalog-entity',
});
const scaffolderAction = createPermission({
  name: 'scaffolder.action.execute',
  attributes: {},
});

describe('KubematePermissionPolicy.handle', () => {
  const policy = KubematePermissionPolicy.fromRaw(demoConfig);
  const decide = (permission: any, user?: PolicyQueryUser) =>
    policy.handle({ permission }, user);

  it('allows a permission granted to one of the caller’s groups (full ref)', async () => {
    expect(await decide(kubemateWorkloadReadPermission, guest)).toEqual({
      result: AuthorizeResult.ALLOW,
    });
    expect(await decide(kubemateClusterReadPermission, guest)).toEqual({
      result: AuthorizeResult.ALLOW,
    });
  });

  it('allows a permission granted to a group given in short form', async () => {
    expect(await decide(kubemateWorkloadLogsPermission, erpDev)).toEqual({
      result: AuthorizeResult.ALLOW,
    });
  });

  it('allows a permission granted to the user directly (full ref and short form)', async () => {
    expect(await decide(kubemateWorkloadReadPermission, auditor)).toEqual({
      result: AuthorizeResult.ALLOW,
    });
    expect(await decide(kubemateWorkloadLogsPermission, oncall)).toEqual({
      result: AuthorizeResult.ALLOW,
    });
    expect(await decide(kubemateWorkloadReadPermission, oncall)).toEqual({
      result: AuthorizeResult.DENY,
    });
  });

  it('matches member refs case-insensitively', async () => {
    const shouting = userOf('user:default/Guest', [
      'group:default/Team-Banking',
    ]);
    expect(await decide(kubemateWorkloadReadPermission, shouting)).toEqual({
      result: AuthorizeResult.ALLOW,
    });
  });

  it('denies Kubemate permissions no held role grants', async () => {
    expect(await decide(kubemateWorkloadSecretReadPermission, guest)).toEqual({
      result: AuthorizeResult.DENY,
    });
    expect(await decide(kubemateWorkloadYamlApplyPermission, guest)).toEqual({
      result: AuthorizeResult.DENY,
    });
    expect(await decide(kubemateWorkloadScalePermission, erpDev)).toEqual({
      result: AuthorizeResult.DENY,
    });
    expect(await decide(kubemateWorkloadReadPermission, stranger)).toEqual({
      result: AuthorizeResult.DENY,
    });
  });

  it('denies Kubemate permissions without a user, or a user without ownership refs', async () => {
    expect(await decide(kubemateWorkloadReadPermission)).toEqual({
      result: AuthorizeResult.DENY,
    });
    expect(
      await decide(kubemateWorkloadReadPermission, {
        credentials: mockCredentials.user('user:default/guest'),
        info: { userEntityRef: 'user:default/guest', ownershipEntityRefs: [] },
      }),
    ).toEqual({ result: AuthorizeResult.DENY });
  });

  it('answers with the isEntityOwner condition when only ownedEntitiesOnly roles grant it', async () => {
    for (const permission of [
      kubemateWorkloadScalePermission,
      kubemateWorkloadRestartPermission,
      kubemateWorkloadDeletePodPermission,
    ]) {
      expect(await decide(permission, guest)).toEqual({
        result: AuthorizeResult.CONDITIONAL,
        pluginId: 'catalog',
        resourceType: 'catalog-entity',
        conditions: {
          rule: 'IS_ENTITY_OWNER',
          resourceType: 'catalog-entity',
          params: {
            claims: ['user:default/guest', 'group:default/team-banking'],
          },
        },
      });
    }
  });

  it('does not let an ownedEntitiesOnly role grant a basic permission', async () => {
    // the operator role lists kubemate.audit.read, but it is not about an entity
    expect(await decide(kubemateAuditReadPermission, guest)).toEqual({
      result: AuthorizeResult.DENY,
    });
  });

  it('prefers an unconditional grant over an ownedEntitiesOnly one', async () => {
    const both = userOf('user:default/bo', [
      'group:default/team-banking',
      'group:default/platform-admins',
    ]);
    expect(await decide(kubemateWorkloadScalePermission, both)).toEqual({
      result: AuthorizeResult.ALLOW,
    });
  });

  it('grants everything a wildcard matches', async () => {
    for (const permission of [
      kubemateWorkloadSecretReadPermission,
      kubemateWorkloadYamlApplyPermission,
      kubemateAuditReadPermission,
      createPermission({ name: 'kubemate.inspection.run', attributes: {} }),
    ]) {
      expect(await decide(permission, admin)).toEqual({
        result: AuthorizeResult.ALLOW,
      });
    }
  });

  it('matches a narrower wildcard only within its prefix', async () => {
    const p = KubematePermissionPolicy.fromRaw({
      roles: [
        {
          name: 'workloads',
          permissions: ['kubemate.workload.*'],
          groups: ['g'],
        },
      ],
    });
    const member = userOf('user:default/x', ['group:default/g']);
    expect(
      await p.handle(
        { permission: kubemateWorkloadSecretReadPermission },
        member,
      ),
    ).toEqual({ result: AuthorizeResult.ALLOW });
    expect(
      await p.handle({ permission: kubemateClusterReadPermission }, member),
    ).toEqual({ result: AuthorizeResult.DENY });
  });

  it('denies by default, Kubemate and other permissions alike', async () => {
    const defaults = KubematePermissionPolicy.fromRaw(undefined);
    expect(defaults.config).toMatchObject({
      defaultDecision: 'deny',
      roles: [],
    });
    for (const permission of [
      catalogRead,
      scaffolderAction,
      kubemateWorkloadReadPermission,
    ]) {
      expect(await defaults.handle({ permission }, guest)).toEqual({
        result: AuthorizeResult.DENY,
      });
    }
  });

  it('gives other plugins’ permissions no role mentions the defaultDecision allow, never Kubemate’s', async () => {
    const lax = KubematePermissionPolicy.fromRaw({
      ...demoConfig,
      defaultDecision: 'allow',
    });
    expect(await lax.handle({ permission: catalogRead }, stranger)).toEqual({
      result: AuthorizeResult.ALLOW,
    });
    expect(
      await lax.handle({ permission: kubemateAuditReadPermission }, stranger),
    ).toEqual({ result: AuthorizeResult.DENY });
    // no user at all: denied whatever the default
    expect(await lax.handle({ permission: scaffolderAction })).toEqual({
      result: AuthorizeResult.DENY,
    });
  });

  it('grants other plugins’ permissions through roles, and to every signed-in user with everyone', async () => {
    const p = KubematePermissionPolicy.fromRaw({
      roles: [
        {
          name: 'readers',
          permissions: ['catalog.entity.read'],
          everyone: true,
        },
        {
          name: 'owners',
          permissions: ['catalog.entity.delete'],
          groups: ['team-banking'],
          ownedEntitiesOnly: true,
        },
        {
          name: 'admins',
          permissions: ['kubernetes.*'],
          groups: ['platform-admins'],
        },
      ],
    });
    expect(await p.handle({ permission: catalogRead }, stranger)).toEqual({
      result: AuthorizeResult.ALLOW,
    });
    expect(
      (
        await p.handle(
          {
            permission: createPermission({
              name: 'catalog.entity.delete',
              attributes: { action: 'delete' },
              resourceType: 'catalog-entity',
            }),
          },
          guest,
        )
      ).result,
    ).toBe(AuthorizeResult.CONDITIONAL);
    const proxy = createPermission({
      name: 'kubernetes.proxy',
      attributes: {},
    });
    expect(await p.handle({ permission: proxy }, admin)).toEqual({
      result: AuthorizeResult.ALLOW,
    });
    expect(await p.handle({ permission: proxy }, guest)).toEqual({
      result: AuthorizeResult.DENY,
    });
  });

  it('gives non-Kubemate permissions DENY with defaultDecision deny', async () => {
    const strict = KubematePermissionPolicy.fromRaw({
      ...demoConfig,
      defaultDecision: 'deny',
    });
    expect(await strict.handle({ permission: catalogRead }, admin)).toEqual({
      result: AuthorizeResult.DENY,
    });
    expect(await strict.handle({ permission: scaffolderAction })).toEqual({
      result: AuthorizeResult.DENY,
    });
    expect(
      await strict.handle(
        { permission: kubemateWorkloadReadPermission },
        guest,
      ),
    ).toEqual({ result: AuthorizeResult.ALLOW });
  });
});
