import { createBackendPlugin } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { PermissionPolicy } from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import {
  kubemateWorkloadReadPermission,
  kubemateWorkloadScalePermission,
  kubemateWorkloadSecretReadPermission,
} from '@kubemate/plugin-kubemate-common';
import permissionModuleKubematePolicy from './index';

/**
 * Stands in for @backstage/plugin-permission-backend (not a dependency of this package): a
 * 'permission' plugin that provides the policy extension point and keeps what is set on it.
 */
function fakePermissionBackend() {
  const installed: { policy?: PermissionPolicy } = {};
  const plugin = createBackendPlugin({
    pluginId: 'permission',
    register(reg) {
      reg.registerExtensionPoint(policyExtensionPoint, {
        setPolicy(policy) {
          installed.policy = policy;
        },
      });
      reg.registerInit({ deps: {}, async init() {} });
    },
  });
  return { plugin, installed };
}

const guest = {
  credentials: mockCredentials.user('user:default/guest'),
  info: {
    userEntityRef: 'user:default/guest',
    ownershipEntityRefs: ['user:default/guest', 'group:default/team-banking'],
  },
};

describe('permissionModuleKubematePolicy', () => {
  it('installs the policy configured from kubemate.permissionPolicy', async () => {
    const { plugin, installed } = fakePermissionBackend();
    await startTestBackend({
      features: [
        plugin,
        permissionModuleKubematePolicy,
        mockServices.rootConfig.factory({
          data: {
            kubemate: {
              permissionPolicy: {
                roles: [
                  {
                    name: 'viewer',
                    permissions: ['kubemate.workload.read'],
                    groups: ['team-banking'],
                  },
                  {
                    name: 'operator',
                    permissions: ['kubemate.workload.scale'],
                    groups: ['team-banking'],
                    ownedEntitiesOnly: true,
                  },
                ],
              },
            },
          },
        }),
      ],
    });
    const policy = installed.policy!;
    expect(policy).toBeDefined();
    await expect(
      policy.handle({ permission: kubemateWorkloadReadPermission }, guest),
    ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
    await expect(
      policy.handle({ permission: kubemateWorkloadScalePermission }, guest),
    ).resolves.toMatchObject({
      result: AuthorizeResult.CONDITIONAL,
      conditions: { rule: 'IS_ENTITY_OWNER' },
    });
    await expect(
      policy.handle(
        { permission: kubemateWorkloadSecretReadPermission },
        guest,
      ),
    ).resolves.toEqual({ result: AuthorizeResult.DENY });
  });

  it('installs a policy with no roles when the config block is absent', async () => {
    const { plugin, installed } = fakePermissionBackend();
    await startTestBackend({
      features: [plugin, permissionModuleKubematePolicy],
    });
    await expect(
      installed.policy!.handle(
        {
          permission: {
            type: 'basic',
            name: 'catalog.entity.create',
            attributes: {},
          },
        },
        guest,
      ),
    ).resolves.toEqual({ result: AuthorizeResult.DENY });
    await expect(
      installed.policy!.handle(
        { permission: kubemateWorkloadReadPermission },
        guest,
      ),
    ).resolves.toEqual({ result: AuthorizeResult.DENY });
  });

  it('fails startup with a message naming the bad key', async () => {
    const { plugin } = fakePermissionBackend();
    await expect(
      startTestBackend({
        features: [
          plugin,
          permissionModuleKubematePolicy,
          mockServices.rootConfig.factory({
            data: {
              kubemate: {
                permissionPolicy: {
                  roles: [{ name: 'x', permissions: ['kubemate.pods.nuke'] }],
                },
              },
            },
          }),
        ],
      }),
    ).rejects.toThrow(
      /kubemate\.permissionPolicy\.roles\[0\]\.permissions\[0\]: unknown permission 'kubemate\.pods\.nuke'/,
    );
  });
});
