import type {
  LifecycleService,
  LoggerService,
  PermissionsService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import type { SignalsService } from '@backstage/plugin-signals-node';
import type { Request } from 'express';
import type { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import type { AuditTrail } from '../audit/AuditTrail';
import type { ClusterService } from '../clusters/ClusterService';
import type { ReleaseProbes } from '../releases/ReleaseProbes';
import { loadProbeDirectory, type LoadedProbe } from './definitions';
import { ProbeChangeTriggers } from './ProbeChangeTriggers';
import { ProbeEngine } from './ProbeEngine';
import { ProbeGate } from './ProbeGate';
import { ProbeJanitor } from './ProbeJanitor';
import { LiveProbes } from './LiveProbes';
import { notifyProbeOwners } from './probeNotifications';
import { createProbeRouter } from './probeRoutes';
import { ProbeRunner } from './ProbeRunner';
import { Probes } from './Probes';
import { ProbeStore } from './ProbeStore';

/**
 * The probe feature: definitions read from `kubemate.probes.directory` (validated, file:line
 * errors stop the backend), the engine ticking on Backstage's scheduler on every replica (the
 * store's claims run each probe once), change triggers on the shared informers, and the API.
 */
export async function setupProbes(deps: {
  config: Config;
  logger: LoggerService;
  db: Knex;
  scheduler: SchedulerService;
  lifecycle: LifecycleService;
  clusters: ClusterService;
  permissions: PermissionsService;
  audit: AuditTrail;
  httpAuth: Parameters<typeof createProbeRouter>[0]['httpAuth'];
  notifications?: NotificationService;
  signals?: SignalsService;
}) {
  const logger = deps.logger.child({ feature: 'probes' });
  const store = new ProbeStore(deps.db);
  const live = new LiveProbes({
    signals: deps.signals,
    warn: m => logger.warn(m),
  });
  const directory = deps.config.getOptionalString('kubemate.probes.directory');
  const probes: LoadedProbe[] = directory
    ? loadProbeDirectory(
        path.resolve(directory),
        deps.clusters.clusters.map(c => c.name),
      )
    : [];
  const engine = new ProbeEngine({
    store,
    runner: new ProbeRunner({
      clusters: deps.clusters,
      store,
      logger,
      reportBaseUrl: deps.config.getOptionalString(
        'kubemate.probes.reportBaseUrl',
      ),
    }),
    owner: `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
    logger,
    ...(deps.notifications
      ? { onOutcome: notifyProbeOwners(deps.notifications) }
      : {}),
    onRun: probeId => void live.changed(probeId),
  });
  await engine.setProbes(probes);
  logger.info(
    `Kubemate probes: ${probes.length} defined${
      directory ? ` in ${directory}` : ''
    }`,
  );
  const triggers = new ProbeChangeTriggers({
    clusters: deps.clusters,
    store,
    logger,
  });
  // Informers may take a while on a large cluster: not awaited, the backend starts meanwhile.
  triggers.start(probes).catch(e => logger.warn(String(e)));
  deps.lifecycle.addShutdownHook(async () => {
    triggers.stop();
    await engine.drain();
  });

  if (probes.length) {
    const tickSeconds =
      deps.config.getOptionalNumber('kubemate.probes.tickSeconds') ?? 5;
    await deps.scheduler.scheduleTask({
      id: 'kubemate-probes',
      scope: 'local',
      frequency: { seconds: tickSeconds },
      timeout: { minutes: 1 },
      fn: async () => {
        await engine.tick();
      },
    });
    // What a replica that died mid-run left behind: its runs are closed as errors, its objects
    // removed once their deadline passed.
    const janitor = new ProbeJanitor({ clusters: deps.clusters, logger });
    await deps.scheduler.scheduleTask({
      id: 'kubemate-probes-cleanup',
      scope: 'global',
      frequency: { minutes: 1 },
      timeout: { minutes: 1 },
      fn: async () => {
        await janitor.sweep(probes);
        const longest = Math.max(
          ...probes.map(p => p.definition.timeoutSeconds),
        );
        await store.failAbandoned(
          new Date(Date.now() - (2 * longest + 60) * 1000),
        );
      },
    });
  }

  const gate = new ProbeGate({ engine, store, audit: deps.audit });
  const api = new Probes({
    engine,
    store,
    permissions: deps.permissions,
    audit: deps.audit,
    gate,
    live,
  });
  const gates = readGates(deps.config, probes);
  return {
    engine,
    store,
    gate,
    /**
     * The gate of a kind of change configured in `kubemate.probes.gates`, or undefined: throws
     * a 409 naming the probes that did not pass (audited as a refusal of the change).
     */
    gateFor: (change: 'onboarding' | 'apply') => {
      const ids = gates[change];
      return ids.length
        ? (event: Parameters<ProbeGate['enforce']>[1], request?: Request) =>
            gate.enforce(ids, event, request, gates.maxAgeSeconds)
        : undefined;
    },
    /** The gate and change triggers of releases. */
    releases: {
      always: gates.release,
      unknown: ids => ids.filter(id => !engine.get(id)),
      enforce: (ids, event, request) =>
        gate.enforce(ids, event, request, gates.maxAgeSeconds),
      changed: (cluster, namespace, reason) =>
        triggers.changed(cluster, namespace, reason),
    } satisfies ReleaseProbes,
    probes: api,
    router: createProbeRouter({ httpAuth: deps.httpAuth, probes: api }),
  };
}

/** `kubemate.probes.gates`: the probes each kind of change needs to pass. */
function readGates(config: Config, probes: LoadedProbe[]) {
  const c = config.getOptionalConfig('kubemate.probes.gates');
  const known = new Set(probes.map(p => p.definition.id));
  const ids = (key: string) => {
    const list = c?.getOptionalStringArray(key) ?? [];
    const unknown = list.filter(id => !known.has(id));
    if (unknown.length) {
      throw new Error(
        `kubemate.probes.gates.${key}: unknown probe(s) ${unknown.join(', ')}`,
      );
    }
    return list;
  };
  return {
    onboarding: ids('onboarding'),
    apply: ids('apply'),
    release: ids('release'),
    maxAgeSeconds: c?.getOptionalNumber('maxAgeSeconds'),
  };
}
