import { mockCredentials } from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  type Permission,
} from '@backstage/plugin-permission-common';
import type { PolicyQueryUser } from '@backstage/plugin-permission-node';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { KNOWN_PERMISSIONS } from './knownPermissions';
import { KubematePermissionPolicy } from './policy';

/**
 * The decision of the portal's shipped configuration (app-config.yaml, the demo) for every
 * permission its plugins define, per persona. A permission added by an upgrade fails the
 * "every permission has a row" test until it gets a documented decision here and in
 * docs/permissions.md.
 */
type Decision = 'allow' | 'deny' | 'owner';
type Row = [guest: Decision, erp: Decision, admin: Decision, noGroup: Decision];

const TEAM_READ: Row = ['allow', 'allow', 'allow', 'deny'];
const TEAM_OWNED: Row = ['owner', 'owner', 'allow', 'deny'];
const ADMIN_ONLY: Row = ['deny', 'deny', 'allow', 'deny'];
const SIGNED_IN: Row = ['allow', 'allow', 'allow', 'allow'];

const EXPECTED: Record<string, Row> = {
  'kubemate.cluster.read': TEAM_READ,
  'kubemate.workload.read': TEAM_READ,
  'kubemate.workload.logs': TEAM_READ,
  'kubemate.route.read': TEAM_READ,
  'kubemate.route.create': TEAM_OWNED,
  'kubemate.route.update': TEAM_OWNED,
  'kubemate.route.delete': TEAM_OWNED,
  'kubemate.release.read': TEAM_READ,
  'kubemate.release.create': TEAM_OWNED,
  'kubemate.release.step': TEAM_OWNED,
  'kubemate.release.promote': TEAM_OWNED,
  'kubemate.release.abort': TEAM_OWNED,
  'kubemate.namespace.onboard': ADMIN_ONLY,
  'kubemate.namespace.apply': TEAM_READ,
  'kubemate.admin.read': ADMIN_ONLY,
  'kubemate.admin.apply': ADMIN_ONLY,
  'kubemate.workload.scale': TEAM_OWNED,
  'kubemate.workload.restart': TEAM_OWNED,
  'kubemate.workload.rollback': TEAM_OWNED,
  'kubemate.workload.delete-pod': TEAM_OWNED,
  'kubemate.workload.trigger': TEAM_OWNED,
  'kubemate.workload.configmap.update': TEAM_OWNED,
  'kubemate.workload.hpa.update': TEAM_OWNED,
  'kubemate.workload.cronjob.update': TEAM_OWNED,
  'kubemate.workload.audit.read': TEAM_OWNED,
  'kubemate.workload.secret.read': TEAM_OWNED,
  'kubemate.workload.secret.update': TEAM_OWNED,
  'kubemate.workload.yaml.apply': ADMIN_ONLY,
  'kubemate.audit.read': ADMIN_ONLY,
  'kubemate.inspection.read': TEAM_READ,
  // the demo's inspection-demo role: the guest's team may run and ignore
  'kubemate.inspection.run': ['allow', 'deny', 'allow', 'deny'],
  'kubemate.risk.ignore': ['allow', 'deny', 'allow', 'deny'],
  'kubemate.inspection.ingest': ADMIN_ONLY,
  'kubemate.probe.read': TEAM_READ,
  // the demo's inspection-demo role: the guest's team may run probes by hand
  'kubemate.probe.run': ['allow', 'deny', 'allow', 'deny'],
  'kubemate.probe.manage': ADMIN_ONLY,
  'catalog.entity.read': SIGNED_IN,
  'catalog.location.read': SIGNED_IN,
  'catalog.entity.create': ADMIN_ONLY,
  'catalog.entity.delete': ADMIN_ONLY,
  'catalog.entity.refresh': ADMIN_ONLY,
  'catalog.entity.validate': ADMIN_ONLY,
  'catalog.location.create': ADMIN_ONLY,
  'catalog.location.analyze': ADMIN_ONLY,
  'catalog.location.delete': ADMIN_ONLY,
  'catalog.ingestion.read': ADMIN_ONLY,
  'catalog.ingestion.manage': ADMIN_ONLY,
  'kubernetes.proxy': ADMIN_ONLY,
  'kubernetes.clusters.read': TEAM_READ,
  'kubernetes.resources.read': TEAM_READ,
  'scaffolder.template.parameter.read': TEAM_READ,
  'scaffolder.template.step.read': TEAM_READ,
  'scaffolder.action.execute': TEAM_READ,
  'scaffolder.task.create': TEAM_READ,
  'scaffolder.task.read': TEAM_READ,
  'scaffolder.task.cancel': TEAM_READ,
  'scaffolder.template.management': ADMIN_ONLY,
  'scaffolder.template.dry-run': ADMIN_ONLY,
};

function userOf(userEntityRef: string, groups: string[]): PolicyQueryUser {
  return {
    credentials: mockCredentials.user(userEntityRef),
    info: { userEntityRef, ownershipEntityRefs: [userEntityRef, ...groups] },
  };
}

const PERSONAS = [
  userOf('user:default/guest', ['group:default/team-banking']),
  userOf('user:default/bob', ['group:default/team-erp']),
  userOf('user:default/alice', ['group:default/platform-admins']),
  userOf('user:default/dave', []),
];

const appConfig = parse(
  readFileSync(resolve(__dirname, '../../../app-config.yaml'), 'utf8'),
);
const policy = KubematePermissionPolicy.fromRaw(
  appConfig.kubemate.permissionPolicy,
);

function decisionOf(result: { result: AuthorizeResult }): Decision {
  if (result.result === AuthorizeResult.ALLOW) return 'allow';
  if (result.result === AuthorizeResult.CONDITIONAL) return 'owner';
  return 'deny';
}

describe('the shipped policy (app-config.yaml)', () => {
  it('denies by default', () => {
    expect(policy.config.defaultDecision).toBe('deny');
  });

  it('has a documented decision for every permission of the portal’s plugins', () => {
    const names = [...new Set(KNOWN_PERMISSIONS.map(p => p.name))].sort();
    expect(Object.keys(EXPECTED).sort()).toEqual(names);
  });

  it.each(
    [...new Map(KNOWN_PERMISSIONS.map(p => [p.name, p])).values()].map(
      p => [p.name, p] as [string, Permission],
    ),
  )('%s', async (name, permission) => {
    const decisions = await Promise.all(
      PERSONAS.map(async user =>
        decisionOf(await policy.handle({ permission }, user)),
      ),
    );
    expect(decisions).toEqual(EXPECTED[name]);
  });

  it('denies a permission of a plugin nobody configured, even to admins', async () => {
    const decision = await policy.handle(
      {
        permission: {
          type: 'basic',
          name: 'someplugin.secret.read',
          attributes: {},
        },
      },
      PERSONAS[2],
    );
    expect(decision.result).toBe(AuthorizeResult.DENY);
  });
});
