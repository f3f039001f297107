import { isResourcePermission } from '@backstage/plugin-permission-common';
import { kubematePermissions } from './permissions';

describe('kubematePermissions', () => {
  it('has unique names in the kubemate namespace', () => {
    const names = kubematePermissions.map(p => p.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) {
      expect(name).toMatch(/^kubemate\.[a-z-]+(\.[a-z-]+)*$/);
    }
  });

  it('declares an action on every permission', () => {
    for (const permission of kubematePermissions) {
      expect(permission.attributes.action).toBeDefined();
      expect(
        isResourcePermission(permission) || permission.type === 'basic',
      ).toBe(true);
    }
  });
});
