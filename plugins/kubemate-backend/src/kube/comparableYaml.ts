import type { KubeObject } from '@kubemate/plugin-kubemate-common';
import { stringify } from 'yaml';

/**
 * An object as people compare its before and after: YAML without the server's bookkeeping
 * (managedFields, resourceVersion, uid, creationTimestamp, generation, status). '' for none.
 */
export function comparableYaml(o: object | undefined): string {
  if (!o) return '';
  const copy = structuredClone(o) as KubeObject;
  if (!copy.metadata) return '';
  for (const key of [
    'managedFields',
    'resourceVersion',
    'uid',
    'creationTimestamp',
    'generation',
  ]) {
    delete copy.metadata[key];
  }
  delete copy.status;
  return stringify(copy);
}
