import type { KubernetesObject } from '@kubernetes/client-node';
import type { RawObjectApi } from '../kube/RawObjectApi';

const notFound = (e: unknown) => (e as { code?: unknown }).code === 404;

/** The discovery path of a group version: `/api/v1` or `/apis/<group>/<version>`. */
export function discoveryPath(apiVersion: string): string {
  return apiVersion.includes('/')
    ? `/apis/${apiVersion}`
    : `/api/${apiVersion}`;
}

/**
 * Whether the API server serves the kind at that version, and whether it is namespaced, by its
 * discovery document; undefined when the group version or the kind is absent.
 */
export async function kindOf(
  api: RawObjectApi,
  apiVersion: string,
  kind: string,
): Promise<{ namespaced: boolean; plural: string } | undefined> {
  let doc: {
    resources?: Array<{ name: string; kind: string; namespaced: boolean }>;
  };
  try {
    doc = await api.getJson(discoveryPath(apiVersion));
  } catch (e) {
    if (notFound(e)) return undefined;
    throw e;
  }
  const found = doc.resources?.find(
    r => r.kind === kind && !r.name.includes('/'),
  );
  return found
    ? { namespaced: found.namespaced, plural: found.name }
    : undefined;
}

/** Reads the object as the API server has it; undefined when it does not exist. */
export async function readIfExists(
  api: RawObjectApi,
  spec: KubernetesObject,
): Promise<KubernetesObject | undefined> {
  try {
    return await api.read({
      apiVersion: spec.apiVersion!,
      kind: spec.kind!,
      metadata: {
        name: spec.metadata!.name!,
        ...(spec.metadata?.namespace
          ? { namespace: spec.metadata.namespace }
          : {}),
      },
    });
  } catch (e) {
    if (notFound(e)) return undefined;
    throw e;
  }
}
