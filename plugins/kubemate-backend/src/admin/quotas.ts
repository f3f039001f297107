import type {
  ClusterQuotasResponse,
  NamespaceQuotas,
} from '@kubemate/plugin-kubemate-common';
import type { RawObjectApi } from '../kube/RawObjectApi';
import { toBackstageError } from '../workloads/operations/kubeErrors';

type Quantities = Record<string, unknown> | undefined;

interface QuotaObject {
  metadata?: { name?: string; namespace?: string };
  spec?: { hard?: Quantities };
  status?: { hard?: Quantities; used?: Quantities };
}
interface LimitRangeObject {
  metadata?: { name?: string; namespace?: string };
  spec?: {
    limits?: Array<{
      type?: string;
      default?: Quantities;
      defaultRequest?: Quantities;
      min?: Quantities;
      max?: Quantities;
    }>;
  };
}

const strings = (q: Quantities): Record<string, string> | undefined =>
  q
    ? Object.fromEntries(Object.entries(q).map(([k, v]) => [k, String(v)]))
    : undefined;

/** The quotas (hard vs used) and limit ranges of each namespace, from two cluster-wide lists. */
export function quotasByNamespace(
  quotas: QuotaObject[],
  limitRanges: LimitRangeObject[],
): NamespaceQuotas[] {
  const out = new Map<string, NamespaceQuotas>();
  const of = (ns: string) => {
    let entry = out.get(ns);
    if (!entry) {
      entry = { namespace: ns, quotas: [], limitRanges: [] };
      out.set(ns, entry);
    }
    return entry;
  };
  for (const q of quotas) {
    const hard = q.status?.hard ?? q.spec?.hard ?? {};
    of(q.metadata?.namespace ?? '').quotas.push({
      name: q.metadata?.name ?? '',
      resources: Object.keys(hard)
        .sort()
        .map(resource => ({
          resource,
          hard: String(hard[resource]),
          ...(q.status?.used?.[resource] !== undefined
            ? { used: String(q.status.used[resource]) }
            : {}),
        })),
    });
  }
  for (const lr of limitRanges) {
    of(lr.metadata?.namespace ?? '').limitRanges.push({
      name: lr.metadata?.name ?? '',
      limits: (lr.spec?.limits ?? []).map(l => ({
        type: l.type ?? '',
        ...(l.default ? { default: strings(l.default) } : {}),
        ...(l.defaultRequest
          ? { defaultRequest: strings(l.defaultRequest) }
          : {}),
        ...(l.min ? { min: strings(l.min) } : {}),
        ...(l.max ? { max: strings(l.max) } : {}),
      })),
    });
  }
  return [...out.values()].sort((a, b) =>
    a.namespace.localeCompare(b.namespace),
  );
}

/** Lists the cluster's ResourceQuotas and LimitRanges (with the cluster layer's deadline). */
export async function clusterQuotas(
  api: RawObjectApi,
  cluster: string,
): Promise<ClusterQuotasResponse> {
  const [quotas, limitRanges] = await Promise.all([
    api.getJson<{ items?: QuotaObject[] }>('/api/v1/resourcequotas'),
    api.getJson<{ items?: LimitRangeObject[] }>('/api/v1/limitranges'),
  ]).catch(e => {
    throw toBackstageError(e, `quotas and limit ranges of ${cluster}`);
  });
  return {
    cluster,
    items: quotasByNamespace(quotas.items ?? [], limitRanges.items ?? []),
  };
}
