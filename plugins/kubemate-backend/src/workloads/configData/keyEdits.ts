import { InputError } from '@backstage/errors';
import {
  MAX_CONFIG_DATA_BYTES,
  type ConfigDataChange,
  type ConfigDataKeyChanges,
  type ConfigDataKind,
} from '@kubemate/plugin-kubemate-common';
import { stringify } from 'yaml';

/** The keys of a ConfigMap or Secret as the API stores them. */
export interface DataMaps {
  /** ConfigMap: text values; Secret: base64 values. */
  data: Record<string, string>;
  /** ConfigMap only: base64 values. */
  binaryData: Record<string, string>;
}

type WithData = {
  data?: Record<string, string> | null;
  binaryData?: Record<string, string> | null;
};

export function dataMapsOf(object: unknown): DataMaps {
  const o = (object ?? {}) as WithData;
  return {
    data: { ...(o.data ?? {}) },
    binaryData: { ...(o.binaryData ?? {}) },
  };
}

const base64Of = (text: string) => Buffer.from(text, 'utf8').toString('base64');

/**
 * The keys after `changes`, applied in order. A set replaces a binary key by text; rename and
 * remove need the key to exist, rename a free name. 400 naming the key otherwise.
 */
export function applyChanges(
  kind: ConfigDataKind,
  before: DataMaps,
  changes: ConfigDataChange[],
): DataMaps {
  const data = { ...before.data };
  const binaryData = { ...before.binaryData };
  const has = (key: string) => key in data || key in binaryData;
  for (const change of changes) {
    if (change.op === 'set') {
      delete binaryData[change.key];
      data[change.key] =
        kind === 'Secret' ? base64Of(change.value) : change.value;
    } else if (!has(change.key)) {
      throw new InputError(
        `Cannot ${change.op} key '${change.key}': the ${kind} has no such key`,
      );
    } else if (change.op === 'remove') {
      delete data[change.key];
      delete binaryData[change.key];
    } else if (change.to !== change.key) {
      if (has(change.to)) {
        throw new InputError(
          `Cannot rename key '${change.key}' to '${change.to}': that key exists`,
        );
      }
      const from = change.key in data ? data : binaryData;
      from[change.to] = from[change.key];
      delete from[change.key];
    }
  }
  const bytes = [...Object.entries(data), ...Object.entries(binaryData)].reduce(
    (sum, [k, v]) => sum + Buffer.byteLength(k) + Buffer.byteLength(v),
    0,
  );
  if (bytes > MAX_CONFIG_DATA_BYTES) {
    throw new InputError(
      `The ${kind} would hold ${bytes} bytes; Kubernetes allows at most ${MAX_CONFIG_DATA_BYTES}`,
    );
  }
  return { data, binaryData };
}

/** Every key with its stored value, binary ones marked so a text key of the same value differs. */
const flat = (m: DataMaps) =>
  new Map<string, string>([
    ...Object.entries(m.data),
    ...Object.entries(m.binaryData).map(
      ([k, v]) => [k, `\u0000binary:${v}`] as [string, string],
    ),
  ]);

/** Which keys an edit adds, removes, changes and renames (names only). */
export function keyChanges(
  before: DataMaps,
  after: DataMaps,
  changes: ConfigDataChange[] = [],
): ConfigDataKeyChanges {
  const a = flat(before);
  const b = flat(after);
  // A rename is reported as such when the old key is gone and the new one is new.
  const renamed = changes
    .filter(
      (c): c is Extract<ConfigDataChange, { op: 'rename' }> =>
        c.op === 'rename' && c.to !== c.key,
    )
    .filter(c => a.has(c.key) && !b.has(c.key) && !a.has(c.to) && b.has(c.to))
    .map(c => ({ from: c.key, to: c.to }));
  const from = new Set(renamed.map(r => r.from));
  const to = new Set(renamed.map(r => r.to));
  const sorted = (keys: Iterable<string>) => [...keys].sort();
  return {
    added: sorted([...b.keys()].filter(k => !a.has(k) && !to.has(k))),
    removed: sorted([...a.keys()].filter(k => !b.has(k) && !from.has(k))),
    changed: sorted(
      [...b.keys()].filter(k => a.has(k) && a.get(k) !== b.get(k)),
    ),
    renamed,
  };
}

const sortedEntries = (r: Record<string, string>) =>
  Object.entries(r).sort(([x], [y]) => x.localeCompare(y));

const decodedBytes = (base64: string) => Buffer.from(base64, 'base64').length;

/**
 * The keys as people compare them in a diff. A ConfigMap: its text values as YAML, binary
 * keys by size. A Secret: each key with its size only, `(new value)` after a key whose value
 * the edit changes — a Secret's values never appear in a preview.
 */
export function dataView(
  kind: ConfigDataKind,
  maps: DataMaps,
  changedValues: ReadonlySet<string> = new Set(),
): string {
  if (kind === 'Secret') {
    return sortedEntries(maps.data)
      .map(
        ([k, v]) =>
          `${k}: ${decodedBytes(v)} bytes${
            changedValues.has(k) ? ' (new value)' : ''
          }\n`,
      )
      .join('');
  }
  const view: Record<string, unknown> = {};
  if (Object.keys(maps.data).length) {
    view.data = Object.fromEntries(sortedEntries(maps.data));
  }
  if (Object.keys(maps.binaryData).length) {
    view.binaryData = Object.fromEntries(
      sortedEntries(maps.binaryData).map(([k, v]) => [
        k,
        `(binary, ${decodedBytes(v)} bytes)`,
      ]),
    );
  }
  return Object.keys(view).length ? stringify(view, { lineWidth: 0 }) : '';
}

/** The object with its keys replaced (a Secret's `stringData` dropped: `data` says it all). */
export function withDataMaps<T extends object>(object: T, maps: DataMaps): T {
  const copy = { ...object } as T & WithData & { stringData?: unknown };
  delete copy.stringData;
  copy.data = maps.data;
  if (Object.keys(maps.binaryData).length) copy.binaryData = maps.binaryData;
  else delete copy.binaryData;
  return copy;
}
