import type { Config } from '@backstage/config';
import type { NodeUsageHistory } from '@kubemate/plugin-kubemate-common';

/** The Prometheus of a cluster (`kubemate.metrics.clusters.<name>.prometheus`). */
export interface NodePrometheus {
  url: string;
  timeoutMs: number;
}

const DEFAULT_TIMEOUT_MS = 5000;
export const NODE_HISTORY_RANGE_SECONDS = 3600;
export const NODE_HISTORY_STEP_SECONDS = 60;
/** The most bytes of one Prometheus answer read. */
const MAX_ANSWER_BYTES = 2 * 1024 * 1024;

/** The Prometheus of each cluster that has one, from the metrics provider's config. */
export function readNodePrometheus(
  config: Config,
): Map<string, NodePrometheus> {
  const out = new Map<string, NodePrometheus>();
  const clusters = config.getOptionalConfig('kubemate.metrics.clusters');
  for (const name of clusters?.keys() ?? []) {
    const prom = clusters!.getOptionalConfig(`${name}.prometheus`);
    if (!prom) continue;
    out.set(name, {
      url: prom.getString('url').replace(/\/+$/, ''),
      timeoutMs: prom.getOptionalNumber('timeoutMs') ?? DEFAULT_TIMEOUT_MS,
    });
  }
  return out;
}

const label = (v: string) => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"');

/**
 * The PromQL of a node's usage, from the kubelet's cAdvisor series (labelled `node` by the
 * usual kubelet scrape configs): cores used over 5 minutes, and the working-set bytes of its
 * containers.
 */
export function nodeUsageQueries(node: string) {
  const sel = `node="${label(node)}",container!="",image!=""`;
  return {
    cpu: `sum(rate(container_cpu_usage_seconds_total{${sel}}[5m]))`,
    memory: `sum(container_memory_working_set_bytes{${sel}})`,
  };
}

class Unavailable extends Error {}

async function queryRange(
  prom: NodePrometheus,
  query: string,
  endSeconds: number,
): Promise<Array<[number, number]>> {
  const params = new URLSearchParams({
    query,
    start: String(endSeconds - NODE_HISTORY_RANGE_SECONDS),
    end: String(endSeconds),
    step: String(NODE_HISTORY_STEP_SECONDS),
  });
  let response: Response;
  try {
    response = await fetch(`${prom.url}/api/v1/query_range?${params}`, {
      signal: AbortSignal.timeout(prom.timeoutMs),
      headers: { Accept: 'application/json' },
    });
  } catch (e) {
    throw new Unavailable(
      (e as Error).name === 'TimeoutError' || (e as Error).name === 'AbortError'
        ? `no answer within ${prom.timeoutMs} ms`
        : (e as Error).message,
    );
  }
  const text = await response.text();
  if (text.length > MAX_ANSWER_BYTES) {
    throw new Unavailable('the answer is too large');
  }
  if (!response.ok) {
    throw new Unavailable(`HTTP ${response.status}`);
  }
  let body: {
    status?: string;
    error?: string;
    data?: { result?: Array<{ values?: Array<[number, string]> }> };
  };
  try {
    body = JSON.parse(text);
  } catch {
    throw new Unavailable('the answer is not JSON');
  }
  if (body.status !== 'success') {
    throw new Unavailable(body.error ?? 'the query failed');
  }
  return (body.data?.result?.[0]?.values ?? [])
    .map(([t, v]) => [Number(t), Number(v)] as [number, number])
    .filter(([t, v]) => Number.isFinite(t) && Number.isFinite(v));
}

/**
 * The node's CPU and memory over the last hour from the cluster's Prometheus; says whether
 * none is configured or it is unavailable (failed, timed out) instead of throwing.
 */
export async function nodeUsageHistory(
  prom: NodePrometheus | undefined,
  node: string,
  now: Date = new Date(),
): Promise<NodeUsageHistory> {
  const empty = {
    cpu: [],
    memory: [],
    rangeSeconds: NODE_HISTORY_RANGE_SECONDS,
    stepSeconds: NODE_HISTORY_STEP_SECONDS,
  };
  if (!prom) {
    return {
      ...empty,
      state: 'not-configured',
      message:
        'Prometheus is not configured for this cluster (kubemate.metrics.clusters.<cluster>.prometheus)',
    };
  }
  const end = Math.floor(now.getTime() / 1000);
  const q = nodeUsageQueries(node);
  try {
    const [cpu, memory] = await Promise.all([
      queryRange(prom, q.cpu, end),
      queryRange(prom, q.memory, end),
    ]);
    return { ...empty, state: 'ok', cpu, memory };
  } catch (e) {
    if (!(e instanceof Unavailable)) throw e;
    return {
      ...empty,
      state: 'unavailable',
      message: `Prometheus at ${prom.url} is unavailable: ${e.message}`,
    };
  }
}
