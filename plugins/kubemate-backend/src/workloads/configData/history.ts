import type {
  ConfigDataHistoryEntry,
  ConfigDataKeyChanges,
  ConfigDataKind,
} from '@kubemate/plugin-kubemate-common';
import { parse } from 'yaml';
import type { AuditRecord } from '../../audit/AuditLogStore';
import { dataMapsOf, keyChanges, type DataMaps } from './keyEdits';

/** The history shows (and restores from) at most this many audited changes. */
export const HISTORY_LIMIT = 100;

const REDACTED = '<redacted>';

/** An audited object's keys as its YAML recorded them, when it did. */
function mapsOf(text: string | undefined): DataMaps | undefined {
  if (!text) return undefined;
  try {
    const value = parse(text, { maxAliasCount: 100 }) as unknown;
    if (!value || typeof value !== 'object') return undefined;
    return dataMapsOf(value);
  } catch {
    return undefined;
  }
}

/** The keys before and after an audited change, as far as its record holds them. */
export function versionsOf(record: AuditRecord): {
  before?: DataMaps;
  after?: DataMaps;
} {
  // A Secret's values are redacted in the log: never a version to put back.
  if (record.kind !== 'ConfigMap') return {};
  return { before: mapsOf(record.beforeYaml), after: mapsOf(record.afterYaml) };
}

const isKeyChanges = (v: unknown): v is ConfigDataKeyChanges =>
  !!v &&
  typeof v === 'object' &&
  ['added', 'removed', 'changed', 'renamed'].every(k =>
    Array.isArray((v as Record<string, unknown>)[k]),
  );

/**
 * One audited change as the history lists it: the keys its record names (edits made here),
 * else those its YAML before and after tell apart (YAML applies). A Secret's YAML has its
 * values redacted, so only added and removed keys show for those.
 */
export function historyEntryOf(
  kind: ConfigDataKind,
  record: AuditRecord,
): ConfigDataHistoryEntry | undefined {
  if (record.operation === 'secret-read' || record.parameters?.preview) {
    return undefined;
  }
  const recorded = record.parameters?.keys;
  const before = mapsOf(record.beforeYaml);
  const after = mapsOf(record.afterYaml);
  let keys: ConfigDataKeyChanges;
  if (isKeyChanges(recorded)) keys = recorded;
  else if (before && after) {
    keys = keyChanges(before, after);
    if (kind === 'Secret') {
      keys = {
        ...keys,
        changed: keys.changed.filter(
          k => before.data[k] !== REDACTED || after.data[k] !== REDACTED,
        ),
      };
    }
  } else return undefined;
  const versions = versionsOf(record);
  return {
    id: record.id,
    at: record.at.toISOString(),
    actor: record.actor,
    operation: record.operation,
    keys,
    restorable: (['before', 'after'] as const).filter(v => versions[v]),
  };
}
