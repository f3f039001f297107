import type { AuditTrail } from '../audit/AuditTrail';
import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  type AuthService,
  type DatabaseService,
  type HttpAuthService,
  type LoggerService,
  type PermissionsService,
  type SchedulerService,
  type SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { ConflictError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { ClusterService } from '../clusters/ClusterService';
import type express from 'express';
import {
  FindingLinker,
  readClusterLinkTemplates,
  readLinkTemplates,
} from '../observability';
import { DatabaseInspectionStore } from './DatabaseInspectionStore';
import { InspectionEngine } from './InspectionEngine';
import { NamespaceTenancy } from '../tenancy/NamespaceTenancy';
import { InspectionRunner } from './InspectionRunner';
import {
  builtinProbes,
  ProbeRunner,
  readProbeConfig,
  type ProbeConfig,
} from './probes';
import { ReportIngesters } from './ingest';
import type { KubemateExtensions } from '../extensions/KubemateExtensions';
import type { InspectionStore } from './InspectionStore';
import { createInspectionRouter, type InspectedCluster } from './router';
import { readChangeTriggerConfig, setupChangeTriggers } from './triggers';

/** Every 6 hours, first run a few minutes after start. */
export const DEFAULT_INSPECTION_SCHEDULE: SchedulerServiceTaskScheduleDefinition =
  {
    frequency: { hours: 6 },
    timeout: { minutes: 30 },
    initialDelay: { minutes: 5 },
  };
export const DEFAULT_PROFILE = 'baseline';
const DEFAULT_RETENTION_DAYS = 90;
const DAY_MS = 24 * 60 * 60_000;

export interface InspectionSetupOptions {
  config: Config;
  logger: LoggerService;
  database: DatabaseService;
  scheduler: SchedulerService;
  catalog: CatalogService;
  /** Service credentials for reading the catalog in scheduled runs. */
  auth: AuthService;
  clusters: ClusterService;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  /** Where ignore/unignore are recorded (the plugin's audit log). */
  audit: AuditTrail;
  /** Rule packs, rule functions, probes and report formats added by backend modules. */
  extensions?: Pick<
    KubemateExtensions,
    'rulePacks' | 'ruleFunctions' | 'probes' | 'reportIngesters'
  >;
}

export interface InspectionSetup {
  router: express.Router;
  store: InspectionStore;
  runner: InspectionRunner;
  engine: InspectionEngine;
  stop(): Promise<void>;
}

export const inspectionTaskId = (cluster: string) =>
  `kubemate-inspection:${cluster}`;

/**
 * Creates the inspection store, engine, runner and router; fails runs left `running` by a
 * previous process; schedules a run per cluster (`kubemate-inspection:<cluster>`, one replica at
 * a time through the scheduler's task lock) and a daily prune.
 */
export async function setupInspection(
  options: InspectionSetupOptions,
): Promise<InspectionSetup> {
  const { config, logger, scheduler } = options;
  const cfg = config.getOptionalConfig('kubemate.inspection');
  const enabled = cfg?.getOptionalBoolean('enabled') ?? true;
  const probeConfigs = new Map<string, ProbeConfig>();
  for (const c of options.clusters.clusters) {
    const probe = readProbeConfig(
      cfg?.getOptionalConfig(`clusters.${c.name}`),
      c.name,
    );
    if (probe) probeConfigs.set(c.name, probe);
  }
  const probes = new ProbeRunner([
    ...builtinProbes(probeConfigs, {
      clientsOf: name => options.clusters.clients(name),
    }),
    ...(options.extensions?.probes ?? []),
  ]);
  const engine = InspectionEngine.load({
    rulePackDirs: cfg?.getOptionalStringArray('rulePacks'),
    profileDirs: cfg?.getOptionalStringArray('profiles'),
    packs: options.extensions?.rulePacks,
    functions: options.extensions?.ruleFunctions,
    probeRules: probes.rules,
  });
  const store = await DatabaseInspectionStore.create({
    database: options.database,
  });

  const clusters: Array<
    InspectedCluster & { schedule: SchedulerServiceTaskScheduleDefinition }
  > = options.clusters.clusters.map(c => {
    const cc = cfg?.getOptionalConfig(`clusters.${c.name}`);
    const profile = cc?.getOptionalString('profile') ?? DEFAULT_PROFILE;
    if (!engine.hasProfile(profile)) {
      throw new Error(
        `kubemate.inspection.clusters.${
          c.name
        }.profile: unknown profile '${profile}' (known: ${[
          ...engine.profiles.keys(),
        ]
          .sort()
          .join(', ')})`,
      );
    }
    const scheduleConfig = cc?.getOptionalConfig('schedule');
    return {
      name: c.name,
      ...(c.title ? { title: c.title } : {}),
      profile,
      schedule: scheduleConfig
        ? readSchedulerServiceTaskScheduleDefinitionFromConfig(scheduleConfig)
        : DEFAULT_INSPECTION_SCHEDULE,
      ...(c.configError ? { configError: c.configError } : {}),
    };
  });

  const runner = new InspectionRunner({
    store,
    engine,
    probes,
    clusters: options.clusters,
    catalog: options.catalog,
    auth: options.auth,
    logger: logger.child({ component: 'inspection' }),
    heartbeatIntervalMs: cfg?.getOptionalNumber('runHeartbeatMs'),
    staleAfterMs: cfg?.getOptionalNumber('staleRunAfterMs'),
    retryDelayMs: options.config.getOptionalNumber(
      'kubemate.inspection.retryDelayMs',
    ),
    tenancy: NamespaceTenancy.fromConfig(options.config),
  });

  // Runs whose heartbeat stopped: their process died (any replica may notice).
  const heartbeatBefore = () => new Date(Date.now() - runner.staleAfterMs);
  const stale = await store.failStaleRuns(heartbeatBefore());
  if (stale) logger.info(`Marked ${stale} unfinished inspection run(s) failed`);
  await scheduler.scheduleTask({
    id: 'kubemate-inspection-stale-runs',
    frequency: { minutes: 1 },
    timeout: { minutes: 1 },
    fn: async () => {
      const failed = await store.failStaleRuns(heartbeatBefore());
      if (failed) {
        logger.warn(
          `Failed ${failed} inspection run(s) whose heartbeat stopped (their backend process died)`,
        );
      }
    },
  });

  if (enabled) {
    for (const c of clusters) {
      if (c.configError) continue;
      await scheduler.scheduleTask({
        id: inspectionTaskId(c.name),
        ...c.schedule,
        fn: async () => {
          try {
            await runner.run({
              cluster: c.name,
              profile: c.profile,
              trigger: 'scheduled',
            });
          } catch (e) {
            if (e instanceof ConflictError) {
              logger.info(
                `Scheduled inspection of '${c.name}' skipped: ${e.message}`,
              );
            } else {
              throw e;
            }
          }
        },
      });
    }
  }
  const retentionDays =
    cfg?.getOptionalNumber('retentionDays') ?? DEFAULT_RETENTION_DAYS;
  await scheduler.scheduleTask({
    id: 'kubemate-inspection-prune',
    frequency: { hours: 24 },
    timeout: { minutes: 15 },
    initialDelay: { minutes: 10 },
    fn: async () => {
      const now = Date.now();
      const failed = await store.failStaleRuns(heartbeatBefore());
      const pruned = await store.pruneRuns(
        new Date(now - retentionDays * DAY_MS),
      );
      logger.info(
        `Inspection housekeeping: ${failed} stale run(s) failed, ${pruned} old run(s) pruned`,
      );
    },
  });

  // Runs triggered by workload changes (kubemate.inspection.clusters.<name>.onChange).
  const changeTriggers = setupChangeTriggers({
    clusters: enabled
      ? clusters.flatMap(c => {
          const onChange = readChangeTriggerConfig(
            cfg?.getOptionalConfig(`clusters.${c.name}`),
            c.name,
          );
          return onChange && !c.configError
            ? [
                {
                  name: c.name,
                  cache: options.clusters.watchCache(c.name),
                  profile: c.profile,
                  config: onChange,
                },
              ]
            : [];
        })
      : [],
    startRun: request => runner.start(request),
    store,
    logger: logger.child({ component: 'inspection-triggers' }),
  });

  const router = createInspectionRouter({
    httpAuth: options.httpAuth,
    permissions: options.permissions,
    store,
    engine,
    runner,
    enabled,
    audit: options.audit,
    ingesters: new ReportIngesters(options.extensions?.reportIngesters),
    maxConcurrentIngests: config.getOptionalNumber(
      'kubemate.inspection.ingest.maxConcurrent',
    ),
    linker: new FindingLinker({
      templates: readLinkTemplates(config),
      clusterTemplates: readClusterLinkTemplates(config),
      catalog: options.catalog,
      logger,
    }),
    clusters: clusters.map(c => ({
      ...c,
      schedule: enabled && !c.configError ? c.schedule : undefined,
    })),
  });

  return {
    router,
    store,
    runner,
    engine,
    stop: () => {
      changeTriggers.stop();
      return runner.stop();
    },
  };
}
