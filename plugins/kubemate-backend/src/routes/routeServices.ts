import type { PermissionsService } from '@backstage/backend-plugin-api';
import type { AuditTrail } from '../audit/AuditTrail';
import type { ClusterService } from '../clusters/ClusterService';
import type { EntityWorkloadsService } from '../workloads/EntityWorkloadsService';
import { EntityRoutes } from './EntityRoutes';
import { RouteEditor } from './RouteEditor';
import { RouteMigration } from './RouteMigration';
import { RouteTester } from './RouteTester';

/** Everything behind the Routes tab, built on one set of dependencies. */
export function createRouteServices(deps: {
  clusters: ClusterService;
  workloads: EntityWorkloadsService;
  permissions: PermissionsService;
  audit: AuditTrail;
  /** How long a first request waits for a cluster's route caches to fill. */
  syncTimeoutMs: number;
}) {
  const editor = new RouteEditor(deps);
  return {
    routes: new EntityRoutes(deps),
    editor,
    tester: new RouteTester(deps),
    migration: new RouteMigration(editor, deps.audit),
  };
}

export type RouteServices = ReturnType<typeof createRouteServices>;
