import type {
  KubernetesListObject,
  KubernetesObject,
} from '@kubernetes/client-node';
import type { RawObjectApi } from './RawObjectApi';

/**
 * Lists every object of a kind page by page (`limit` / `continue`), so neither the API server
 * nor this process holds one response of the whole collection at once. The pages are one
 * consistent snapshot: the answer carries the resourceVersion a watch resumes from.
 */
export async function listPaged<T extends KubernetesObject = KubernetesObject>(
  client: RawObjectApi,
  apiVersion: string,
  kind: string,
  pageSize: number,
  signal?: AbortSignal,
): Promise<KubernetesListObject<T>> {
  const items: T[] = [];
  let token: string | undefined;
  let metadata: KubernetesListObject<T>['metadata'];
  do {
    signal?.throwIfAborted();
    const page = await client.list<T>(
      apiVersion,
      kind,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      pageSize,
      token,
    );
    for (const item of page.items ?? []) items.push(item);
    metadata = page.metadata;
    token = (page.metadata as { continue?: string } | undefined)?.continue;
  } while (token);
  return {
    apiVersion: 'v1',
    kind: `${kind}List`,
    metadata: { resourceVersion: metadata?.resourceVersion },
    items,
  };
}
