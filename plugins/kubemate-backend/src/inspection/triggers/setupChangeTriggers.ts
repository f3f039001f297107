import type { LoggerService } from '@backstage/backend-plugin-api';
import { readDurationFromConfig, type Config } from '@backstage/config';
import type { ClusterWatchCache } from '../../clusters/ClusterWatchCache';
import type { InspectionStore } from '../InspectionStore';
import { ChangeTrigger, type StartRun } from './ChangeTrigger';
import {
  WATCHABLE_KINDS,
  WorkloadChangeWatcher,
  type WatchableKind,
} from './WorkloadChangeWatcher';

export const DEFAULT_QUIET_PERIOD_MS = 30_000;
export const DEFAULT_WATCHED_KINDS: WatchableKind[] = [
  'Deployment',
  'StatefulSet',
  'DaemonSet',
];

const UNIT_MS: Record<string, number> = {
  milliseconds: 1,
  seconds: 1000,
  minutes: 60_000,
  hours: 3_600_000,
  days: 86_400_000,
  weeks: 604_800_000,
};

function toMs(d: Record<string, number | undefined>, key: string): number {
  let ms = 0;
  for (const [unit, n] of Object.entries(d)) {
    if (n === undefined) continue;
    if (!(unit in UNIT_MS)) {
      throw new Error(`${key}: unsupported unit '${unit}' for a quiet period`);
    }
    ms += n * UNIT_MS[unit];
  }
  return ms;
}

export interface ChangeTriggerConfig {
  quietPeriodMs: number;
  kinds: WatchableKind[];
  namespaces?: string[];
}

/**
 * Reads `kubemate.inspection.clusters.<name>.onChange`; undefined when change-triggered runs are
 * off for the cluster (no `onChange` block, or `enabled: false`).
 */
export function readChangeTriggerConfig(
  clusterConfig: Config | undefined,
  clusterName: string,
): ChangeTriggerConfig | undefined {
  const c = clusterConfig?.getOptionalConfig('onChange');
  if (!c || c.getOptionalBoolean('enabled') === false) return undefined;
  const key = `kubemate.inspection.clusters.${clusterName}.onChange`;
  const kinds = c.getOptionalStringArray('kinds') ?? DEFAULT_WATCHED_KINDS;
  const unknown = kinds.filter(
    k => !(WATCHABLE_KINDS as readonly string[]).includes(k),
  );
  if (unknown.length) {
    throw new Error(
      `${key}.kinds: unknown kind(s) ${unknown.join(
        ', ',
      )} (known: ${WATCHABLE_KINDS.join(', ')})`,
    );
  }
  const quietPeriodMs = c.has('quietPeriod')
    ? toMs(
        readDurationFromConfig(c, { key: 'quietPeriod' }) as Record<
          string,
          number | undefined
        >,
        `${key}.quietPeriod`,
      )
    : DEFAULT_QUIET_PERIOD_MS;
  const namespaces = c.getOptionalStringArray('namespaces');
  return {
    quietPeriodMs,
    kinds: kinds as WatchableKind[],
    ...(namespaces ? { namespaces } : {}),
  };
}

/**
 * Starts a change watcher and a debounced trigger per cluster configured with `onChange`. The
 * watchers read the cluster's shared informers (`cache`) and start them in the background (a
 * cluster that is down must not hold up the backend).
 */
export function setupChangeTriggers(options: {
  clusters: Array<{
    name: string;
    cache: ClusterWatchCache;
    profile: string;
    config: ChangeTriggerConfig;
  }>;
  startRun: StartRun;
  store: Pick<InspectionStore, 'listRuns'>;
  logger: LoggerService;
}): { triggers: Map<string, ChangeTrigger>; stop(): void } {
  const triggers = new Map<string, ChangeTrigger>();
  const watchers: WorkloadChangeWatcher[] = [];
  for (const { name, cache, profile, config } of options.clusters) {
    const logger = options.logger.child({ cluster: name });
    const trigger = new ChangeTrigger({
      cluster: name,
      profile,
      quietPeriodMs: config.quietPeriodMs,
      startRun: options.startRun,
      store: options.store,
      logger,
    });
    const watcher = new WorkloadChangeWatcher({
      cache,
      kinds: config.kinds,
      namespaces: config.namespaces,
      logger,
      onChange: change => trigger.notify(change),
    });
    watcher.start().catch(() => {});
    triggers.set(name, trigger);
    watchers.push(watcher);
    logger.info(
      `Inspection runs of '${name}' follow changes of ${config.kinds.join(
        ', ',
      )} (quiet period ${config.quietPeriodMs} ms)`,
    );
  }
  return {
    triggers,
    stop() {
      for (const w of watchers) w.stop();
      for (const t of triggers.values()) t.stop();
    },
  };
}
