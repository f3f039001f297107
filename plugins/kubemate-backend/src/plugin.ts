import {
  coreServices,
  createBackendPlugin,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import {
  kubematePermissions,
  readImageSources,
} from '@kubemate/plugin-kubemate-common';
import { readClusters } from '@kubemate/plugin-kubemate-node';
import { assertSecureConfig } from './security/insecureSettings';
import { ClusterService } from './clusters/ClusterService';
import { DatabaseClusterStatusStore } from './database/DatabaseClusterStatusStore';
import { migrateKubemateDatabase } from './database/migrations';
import { setupInspection } from './inspection/setupInspection';
import { createRouter } from './service/router';
import { AuditTrail } from './audit/AuditTrail';
import { DatabaseAuditLogStore } from './audit/DatabaseAuditLogStore';
import { EntityWorkloadsService } from './workloads/EntityWorkloadsService';
import { LiveEntities } from './live/LiveEntities';
import { NamespaceTenancy } from './tenancy/NamespaceTenancy';
import { WorkloadOperations } from './workloads/operations/WorkloadOperations';
import { YamlOperations } from './workloads/yaml/YamlOperations';
import { KubemateExtensions } from './extensions/KubemateExtensions';
import {
  BUILTIN_WORKLOAD_ACTIONS,
  WorkloadActions,
} from './workloads/operations/actions';
import { TrafficRouters } from './traffic/TrafficRouters';
import { EntityMesh } from './mesh/EntityMesh';
import { createRouteServices } from './routes/routeServices';
import { GatewayPortStore } from './namespaces/GatewayPortStore';
import { NamespaceOnboarding } from './namespaces/NamespaceOnboarding';
import { readOnboardingConfig } from './namespaces/onboardingConfig';
import { MetricsProviders } from './metrics/MetricsProviders';
import { timedCatalog } from './catalog/timedCatalog';
import { LogFollowLimits } from './workloads/podLogs/LogFollowLimits';
import { AdminConsole } from './admin/AdminConsole';
import { readNodePrometheus } from './admin/nodeHistory';
import {
  EntityLinks,
  readClusterLinkTemplates,
  readLinkTemplates,
} from './observability';
import { PodMetrics } from './workloads/operations/PodMetrics';
import { setupReleases } from './releases/setupReleases';
import { setupProbes } from './probes/setupProbes';
import { ServiceProfiles } from './mesh/ServiceProfiles';
import { ManifestApply } from './scaffolding/ManifestApply';
import { CreatedEntities } from './scaffolding/CreatedEntities';

const DEFAULT_PROBE_SCHEDULE = {
  frequency: { minutes: 1 },
  timeout: { seconds: 30 },
  initialDelay: { seconds: 5 },
};

/** Kubemate backend plugin: resolves services, creates stores, mounts the router. */
export const kubematePlugin = createBackendPlugin({
  pluginId: 'kubemate',
  register(env) {
    // What modules add (rules, probes, ingesters, actions, routers, metrics) beside the built-ins.
    const extensions = new KubemateExtensions();
    extensions.register(env);
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        lifecycle: coreServices.lifecycle,
        auditor: coreServices.auditor,
        auth: coreServices.auth,
        userInfo: coreServices.userInfo,
        catalog: catalogServiceRef,
        signals: signalsServiceRef,
        notifications: notificationService,
      },
      async init({
        config,
        logger,
        database,
        scheduler,
        httpRouter,
        httpAuth,
        permissions,
        permissionsRegistry,
        lifecycle,
        auditor,
        auth,
        userInfo,
        catalog: untimedCatalog,
        signals,
        notifications,
      }) {
        assertSecureConfig(config);
        // The only place the plugin migrates: every store below expects the latest schema.
        await migrateKubemateDatabase(database);
        permissionsRegistry.addPermissions(kubematePermissions);
        // Every catalog call of the plugin has a deadline (504 naming the catalog after it).
        const catalog = timedCatalog(
          untimedCatalog,
          config.getOptionalNumber('kubemate.catalog.timeoutMs'),
        );

        // The one cluster layer: lookup, clients and shared informers for every feature.
        const clusterService = new ClusterService({
          clusters: readClusters(config),
          probeTimeoutMs: config.getOptionalNumber(
            'kubemate.clusterStatus.probeTimeoutMs',
          ),
          requestTimeoutMs: config.getOptionalNumber(
            'kubemate.kubernetes.requestTimeoutMs',
          ),
          store: await DatabaseClusterStatusStore.create({ database }),
          logger,
          watch: {
            resyncIntervalMs: config.getOptionalNumber(
              'kubemate.workloads.resyncIntervalMs',
            ),
          },
        });
        lifecycle.addShutdownHook(() => clusterService.stop());
        logger.info(
          `Kubemate knows ${clusterService.clusters.length} cluster(s): ${
            clusterService.clusters.map(c => c.name).join(', ') || 'none'
          }`,
        );

        const scheduleConfig = config.getOptionalConfig(
          'kubemate.clusterStatus.schedule',
        );
        await scheduler.scheduleTask({
          id: 'kubemate-cluster-status',
          ...(scheduleConfig
            ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
                scheduleConfig,
              )
            : DEFAULT_PROBE_SCHEDULE),
          fn: () => clusterService.refresh(),
        });

        const tenancy = NamespaceTenancy.fromConfig(config);
        // How long a first request waits for a cluster's watch caches to fill.
        const syncTimeoutMs =
          config.getOptionalNumber('kubemate.workloads.syncTimeoutMs') ??
          10_000;
        const workloads = new EntityWorkloadsService({
          clusters: clusterService,
          catalog,
          logger,
          tenancy,
          syncTimeoutMs,
          live: new LiveEntities({ logger, signals }),
        });
        lifecycle.addShutdownHook(() => workloads.stop());
        const auditLog = await DatabaseAuditLogStore.create({ database });
        const audit = new AuditTrail({ store: auditLog, auditor });
        const operations = new WorkloadOperations({
          clusters: clusterService,
          workloads,
          permissions,
          audit,
          actions: new WorkloadActions([
            ...BUILTIN_WORKLOAD_ACTIONS,
            ...extensions.workloadActions,
          ]),
        });
        const yamlOperations = new YamlOperations({
          clusters: clusterService,
          workloads,
          permissions,
          audit,
          syncTimeoutMs,
        });

        const inspection = await setupInspection({
          config,
          logger,
          database,
          scheduler,
          catalog,
          auth,
          httpAuth,
          permissions,
          clusters: clusterService,
          audit,
          extensions,
        });
        lifecycle.addShutdownHook(() => inspection.stop());
        // A traffic router per cluster's route kind and the golden-metrics source: read by the
        // mesh view, driven by releases.
        const mesh = {
          traffic: TrafficRouters.fromConfig(
            config,
            cluster => clusterService.clients(cluster.name).custom,
            extensions.trafficRouters,
          ),
          metrics: await MetricsProviders.create({
            config,
            registered: extensions.metricsProvider,
          }),
        };
        logger.info(
          `Kubemate traffic routers: ${mesh.traffic.kinds().join(', ')}`,
        );
        // Before releases: their steps pass through its gate and trigger its probes.
        const probes = await setupProbes({
          config,
          logger,
          db: await database.getClient(),
          scheduler,
          lifecycle,
          clusters: clusterService,
          permissions,
          audit,
          httpAuth,
          notifications,
          signals,
        });
        const releases = await setupReleases({
          config,
          logger,
          db: await database.getClient(),
          scheduler,
          lifecycle,
          clusters: clusterService,
          workloads,
          traffic: mesh.traffic,
          metrics: mesh.metrics,
          permissions,
          audit,
          notifications,
          probes: probes.releases,
        });
        // Mounted first: its ingestion routes accept larger bodies than the main router's parser.
        httpRouter.use(inspection.router);
        httpRouter.use(probes.router);

        httpRouter.use(
          await createRouter({
            httpAuth,
            permissions,
            clusters: clusterService,
            workloads,
            operations,
            yamlOperations,
            logLimits: LogFollowLimits.fromConfig(config),
            audit: auditLog,
            auditTrail: audit,
            mesh: new EntityMesh({
              clusters: clusterService,
              workloads,
              ...mesh,
            }),
            onboarding: new NamespaceOnboarding({
              clusters: clusterService,
              permissions,
              audit,
              ports: new GatewayPortStore(await database.getClient()),
              tenancy,
              config: readOnboardingConfig(config),
              gate: probes.gateFor('onboarding'),
            }),
            admin: new AdminConsole({
              clusters: clusterService,
              permissions,
              audit,
              logger,
              syncTimeoutMs,
              requestTimeoutMs:
                config.getOptionalNumber(
                  'kubemate.kubernetes.requestTimeoutMs',
                ) ?? 30_000,
              prometheus: readNodePrometheus(config),
              signals,
            }),
            links: new EntityLinks({
              templates: readLinkTemplates(config),
              clusterTemplates: readClusterLinkTemplates(config),
              workloads,
              catalog,
              permissions,
              logger,
            }),
            podMetrics: new PodMetrics({
              clusters: clusterService,
              workloads,
              permissions,
            }),
            releases,
            serviceProfiles: new ServiceProfiles({
              clusters: clusterService,
              workloads,
              permissions,
              audit,
              syncTimeoutMs,
            }),
            manifestApply: new ManifestApply({
              clusters: clusterService,
              permissions,
              userInfo,
              audit,
              tenancy,
              images: readImageSources(config.getOptional('kubemate.images')),
              gate: probes.gateFor('apply'),
            }),
            createdEntities: new CreatedEntities({
              knex: await database.getClient(),
              permissions,
              userInfo,
              audit,
            }),
            routes: createRouteServices({
              clusters: clusterService,
              workloads,
              permissions,
              audit,
              syncTimeoutMs,
            }),
          }),
        );
      },
    });
  },
});
