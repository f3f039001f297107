import type {
  LifecycleService,
  LoggerService,
  PermissionsService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import type { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import type { AuditTrail } from '../audit/AuditTrail';
import type { ClusterService } from '../clusters/ClusterService';
import type { MetricsProviders } from '../metrics/MetricsProviders';
import type { TrafficRouters } from '../traffic/TrafficRouters';
import type { EntityWorkloadsService } from '../workloads/EntityWorkloadsService';
import { notifyReleaseOwners } from './releaseNotifications';
import { ReleaseEngine } from './ReleaseEngine';
import type { ReleaseProbes } from './ReleaseProbes';
import { Releases } from './Releases';
import { ReleaseStore } from './ReleaseStore';

/**
 * The release feature: its store, the engine that drives due steps on Backstage's scheduler
 * (every replica looks every `kubemate.releases.tickSeconds`; the store's claims make each step
 * run once), and the API service.
 */
export async function setupReleases(deps: {
  config: Config;
  logger: LoggerService;
  db: Knex;
  scheduler: SchedulerService;
  lifecycle: LifecycleService;
  clusters: ClusterService;
  workloads: EntityWorkloadsService;
  traffic: TrafficRouters;
  metrics: MetricsProviders;
  permissions: PermissionsService;
  audit: AuditTrail;
  notifications?: NotificationService;
  /** Gate probes and probe change triggers (the probe feature). */
  probes?: ReleaseProbes;
}): Promise<Releases> {
  const store = new ReleaseStore(deps.db);
  const engine = new ReleaseEngine({
    store,
    owner: `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
    cluster: name => deps.clusters.get(name),
    clients: cluster => deps.clusters.clients(cluster.name),
    router: name => deps.traffic.forCluster(name),
    metrics: {
      goldenMetrics: query =>
        deps.metrics.forCluster(query.cluster).goldenMetrics(query),
    },
    logger: deps.logger.child({ feature: 'releases' }),
    leaseMs:
      (deps.config.getOptionalNumber('kubemate.releases.leaseSeconds') ?? 60) *
      1000,
    ...(deps.notifications
      ? { onOutcome: notifyReleaseOwners(deps.notifications) }
      : {}),
    ...(deps.probes ? { probes: deps.probes } : {}),
  });
  const tickSeconds =
    deps.config.getOptionalNumber('kubemate.releases.tickSeconds') ?? 1;
  await deps.scheduler.scheduleTask({
    id: 'kubemate-release-steps',
    scope: 'local',
    frequency: { seconds: tickSeconds },
    timeout: { minutes: 5 },
    fn: async () => {
      await engine.tick();
    },
  });
  deps.lifecycle.addShutdownHook(() => engine.drain());
  return new Releases({
    store,
    engine,
    workloads: deps.workloads,
    traffic: deps.traffic,
    metrics: deps.metrics,
    permissions: deps.permissions,
    audit: deps.audit,
    ...(deps.probes ? { probes: deps.probes } : {}),
  });
}
