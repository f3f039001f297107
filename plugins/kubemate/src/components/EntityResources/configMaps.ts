import type { KubeObject } from '@kubemate/plugin-kubemate-common';
import { base64Bytes, utf8Bytes } from './sizes';

export interface DataKey {
  key: string;
  bytes: number;
  /** From `binaryData` (base64 in the API): listed with its size, not shown as text. */
  binary: boolean;
  /** The text of a `data` key; undefined for binary keys. */
  value?: string;
}

type WithData = KubeObject & {
  data?: Record<string, string>;
  binaryData?: Record<string, string>;
};

/** A ConfigMap's keys in name order, text keys with their value, binary ones with their size. */
export function configMapKeys(configMap: KubeObject): DataKey[] {
  const { data = {}, binaryData = {} } = configMap as WithData;
  return [
    ...Object.entries(data).map(([key, value]) => ({
      key,
      value,
      bytes: utf8Bytes(value),
      binary: false,
    })),
    ...Object.entries(binaryData).map(([key, value]) => ({
      key,
      bytes: base64Bytes(value),
      binary: true,
    })),
  ].sort((a, b) => a.key.localeCompare(b.key));
}

export interface SecretKey {
  key: string;
  /** Bytes of the value; undefined when the backend sent neither sizes nor values. */
  bytes?: number;
}

/**
 * A Secret's keys with their sizes: from `dataSizes` (the backend never sends values, only
 * their sizes), else from values when an answer carried them.
 */
export function secretKeys(
  secret: KubeObject,
  valuesHidden = true,
): SecretKey[] {
  const { data = {} } = secret as WithData;
  const sizes = (secret as { dataSizes?: Record<string, number> }).dataSizes;
  return Object.entries(data)
    .map(([key, value]) => ({
      key,
      bytes: sizes?.[key] ?? (valuesHidden ? undefined : base64Bytes(value)),
    }))
    .sort((a, b) => a.key.localeCompare(b.key));
}
