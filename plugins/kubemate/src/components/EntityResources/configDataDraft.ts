import {
  configDataKeySchema,
  type ConfigDataChange,
  type ConfigDataKind,
  type KubeObject,
} from '@kubemate/plugin-kubemate-common';
import { configMapKeys, secretKeys } from './configMaps';

/** One key being edited. */
export interface DraftKey {
  /** Stable while the key is renamed. */
  id: string;
  key: string;
  /** The key's name when editing began; undefined for an added key. */
  original?: string;
  /**
   * The text value: a ConfigMap's current one to start with; for a Secret undefined until a
   * new value is typed (its value is never loaded into the editor).
   */
  value?: string;
  /** The value when editing began (ConfigMap text keys). */
  originalValue?: string;
  /** A ConfigMap `binaryData` key: renamed or removed, not edited as text. */
  binary: boolean;
  bytes?: number;
}

/** The object's keys, ready to edit. */
export function draftOf(kind: ConfigDataKind, object: KubeObject): DraftKey[] {
  if (kind === 'Secret') {
    return secretKeys(object).map(k => ({
      id: k.key,
      key: k.key,
      original: k.key,
      binary: false,
      bytes: k.bytes,
    }));
  }
  return configMapKeys(object).map(k => ({
    id: k.key,
    key: k.key,
    original: k.key,
    value: k.value,
    originalValue: k.value,
    binary: k.binary,
    bytes: k.bytes,
  }));
}

/**
 * What the draft changes, as the backend applies it (in order): removals, renames, then the
 * values set. Keys are names only until a value is set.
 */
export function changesOf(
  originals: string[],
  draft: DraftKey[],
): ConfigDataChange[] {
  const kept = new Set(draft.map(d => d.original));
  return [
    ...originals
      .filter(k => !kept.has(k))
      .map(key => ({ op: 'remove' as const, key })),
    ...draft
      .filter(d => d.original !== undefined && d.original !== d.key)
      .map(d => ({ op: 'rename' as const, key: d.original!, to: d.key })),
    ...draft
      .filter(
        d =>
          d.value !== undefined &&
          (d.original === undefined || d.value !== d.originalValue),
      )
      .map(d => ({ op: 'set' as const, key: d.key, value: d.value! })),
  ];
}

/** Why the draft cannot be saved: a bad or repeated key name. */
export function draftProblems(draft: DraftKey[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const d of draft) {
    const parsed = configDataKeySchema.safeParse(d.key);
    if (!parsed.success) {
      problems.push(
        `Key '${d.key}': ${parsed.error.issues[0]?.message ?? 'invalid'}`,
      );
    }
    if (seen.has(d.key)) problems.push(`Key '${d.key}' appears twice`);
    seen.add(d.key);
  }
  return problems;
}
