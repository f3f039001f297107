import type { KubernetesObject } from '@kubernetes/client-node';
import type { KubeObject } from '@kubemate/plugin-kubemate-common';
import { toBackstageError } from '../workloads/operations/kubeErrors';
import type { RawObjectApi } from './RawObjectApi';

/** The object as the API server has it now, or undefined when it does not exist. */
export async function readOrUndefined(
  raw: RawObjectApi,
  o: KubeObject,
): Promise<KubernetesObject | undefined> {
  try {
    return await raw.read({
      apiVersion: o.apiVersion,
      kind: o.kind,
      metadata: {
        name: o.metadata.name,
        ...(o.metadata.namespace ? { namespace: o.metadata.namespace } : {}),
      },
    });
  } catch (e) {
    if ((e as { code?: number }).code === 404) return undefined;
    throw toBackstageError(e, `${o.kind} ${o.metadata.name}`);
  }
}
