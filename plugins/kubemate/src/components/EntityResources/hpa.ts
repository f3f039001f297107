import type { KubeObject } from '@kubemate/plugin-kubemate-common';

type Target = {
  type?: string;
  averageUtilization?: number;
  averageValue?: string;
  value?: string;
};
type Current = {
  averageUtilization?: number;
  averageValue?: string;
  value?: string;
};
type MetricIdentifier = { name?: string; selector?: unknown };

/** One autoscaling/v2 metric, as written in `spec.metrics` (target) or `status.currentMetrics` (current). */
export interface HpaMetric {
  type: string;
  resource?: { name?: string; target?: Target; current?: Current };
  containerResource?: {
    name?: string;
    container?: string;
    target?: Target;
    current?: Current;
  };
  pods?: { metric?: MetricIdentifier; target?: Target; current?: Current };
  object?: {
    metric?: MetricIdentifier;
    describedObject?: { kind?: string; name?: string };
    target?: Target;
    current?: Current;
  };
  external?: { metric?: MetricIdentifier; target?: Target; current?: Current };
}

type Hpa = KubeObject & {
  spec?: {
    scaleTargetRef?: { kind?: string; name?: string };
    minReplicas?: number;
    maxReplicas?: number;
    metrics?: HpaMetric[];
    /** autoscaling/v1 */
    targetCPUUtilizationPercentage?: number;
  };
  status?: {
    currentReplicas?: number;
    desiredReplicas?: number;
    currentMetrics?: HpaMetric[];
    conditions?: HpaCondition[];
    /** autoscaling/v1 */
    currentCPUUtilizationPercentage?: number;
  };
};

export interface HpaCondition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
}

const RESOURCE_WORDS: Record<string, string> = { cpu: 'CPU', memory: 'memory' };

/** What a metric measures: "CPU", "memory of container app", "pods' http_requests". */
export function metricSubject(m: HpaMetric): string {
  switch (m.type) {
    case 'Resource':
      return RESOURCE_WORDS[m.resource?.name ?? ''] ?? m.resource?.name ?? '?';
    case 'ContainerResource': {
      const r = m.containerResource;
      const name = RESOURCE_WORDS[r?.name ?? ''] ?? r?.name ?? '?';
      return `${name} of container ${r?.container ?? '?'}`;
    }
    case 'Pods':
      return `${m.pods?.metric?.name ?? '?'} per pod`;
    case 'Object': {
      const o = m.object;
      return `${o?.metric?.name ?? '?'} of ${o?.describedObject?.kind ?? '?'} ${
        o?.describedObject?.name ?? '?'
      }`;
    }
    case 'External':
      return `external ${m.external?.metric?.name ?? '?'}`;
    default:
      return m.type;
  }
}

function source(m: HpaMetric) {
  switch (m.type) {
    case 'Resource':
      return m.resource;
    case 'ContainerResource':
      return m.containerResource;
    case 'Pods':
      return m.pods;
    case 'Object':
      return m.object;
    case 'External':
      return m.external;
    default:
      return undefined;
  }
}

function targetWords(t: Target | undefined): string {
  if (!t) return 'no target';
  if (t.averageUtilization !== undefined || t.type === 'Utilization')
    return `${t.averageUtilization ?? '?'}% of requests on average`;
  if (t.averageValue !== undefined || t.type === 'AverageValue')
    return `${t.averageValue ?? '?'} on average per pod`;
  return `${t.value ?? '?'} in total`;
}

/** A target in plain words: "CPU at 70% of requests on average". */
export function describeTarget(m: HpaMetric): string {
  return `${metricSubject(m)} at ${targetWords(source(m)?.target)}`;
}

/** A current value in plain words: "45% of requests (120m average)". */
export function describeCurrent(m: HpaMetric | undefined): string {
  const c = m && source(m)?.current;
  if (!c) return 'unknown';
  const parts: string[] = [];
  if (c.averageUtilization !== undefined)
    parts.push(`${c.averageUtilization}% of requests`);
  if (c.averageValue !== undefined)
    parts.push(
      parts.length
        ? `(${c.averageValue} average)`
        : `${c.averageValue} on average per pod`,
    );
  if (c.value !== undefined) parts.push(`${c.value} in total`);
  return parts.join(' ') || 'unknown';
}

/** The status entry for a spec metric: same type and the same subject. */
function currentFor(m: HpaMetric, current: HpaMetric[]): HpaMetric | undefined {
  const subject = metricSubject(m);
  return current.find(c => c.type === m.type && metricSubject(c) === subject);
}

export interface HpaMetricRow {
  target: string;
  current: string;
}

/** Each metric's target beside its current value; autoscaling/v1's CPU field as a Resource metric. */
export function hpaMetrics(hpa: KubeObject): HpaMetricRow[] {
  const { spec = {}, status = {} } = hpa as Hpa;
  let metrics = spec.metrics ?? [];
  let current = status.currentMetrics ?? [];
  if (!spec.metrics && spec.targetCPUUtilizationPercentage !== undefined) {
    metrics = [
      {
        type: 'Resource',
        resource: {
          name: 'cpu',
          target: {
            type: 'Utilization',
            averageUtilization: spec.targetCPUUtilizationPercentage,
          },
        },
      },
    ];
    current =
      status.currentCPUUtilizationPercentage !== undefined
        ? [
            {
              type: 'Resource',
              resource: {
                name: 'cpu',
                current: {
                  averageUtilization: status.currentCPUUtilizationPercentage,
                },
              },
            },
          ]
        : [];
  }
  return metrics.map(m => ({
    target: describeTarget(m),
    current: describeCurrent(currentFor(m, current)),
  }));
}

export interface HpaRow {
  id: string;
  name: string;
  namespace: string;
  target: string;
  min: number;
  max: number;
  current: number | string;
  desired: number | string;
  metrics: HpaMetricRow[];
  conditions: HpaCondition[];
  object: KubeObject;
}

export function hpaRow(hpa: KubeObject): HpaRow {
  const { spec = {}, status = {} } = hpa as Hpa;
  return {
    id: hpa.metadata.uid ?? hpa.metadata.name,
    name: hpa.metadata.name,
    namespace: hpa.metadata.namespace ?? '',
    target: `${spec.scaleTargetRef?.kind ?? '?'}/${
      spec.scaleTargetRef?.name ?? '?'
    }`,
    // minReplicas defaults to 1 in the API.
    min: spec.minReplicas ?? 1,
    max: spec.maxReplicas ?? 0,
    current: status.currentReplicas ?? '—',
    desired: status.desiredReplicas ?? '—',
    metrics: hpaMetrics(hpa),
    conditions: status.conditions ?? [],
    object: hpa,
  };
}
