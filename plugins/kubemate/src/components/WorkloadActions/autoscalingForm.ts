import {
  autoscalingParamsSchema,
  type AutoscalingParams,
  type KubeObject,
} from '@kubemate/plugin-kubemate-common';

/** The form's fields as typed (text), one per parameter. */
export interface AutoscalingFields {
  minReplicas: string;
  maxReplicas: string;
  cpuUtilization: string;
  memoryUtilization: string;
}

type Metric = {
  type?: string;
  resource?: {
    name?: string;
    target?: { type?: string; averageUtilization?: number };
  };
};

/** The utilisation target of a resource (`cpu`, `memory`) of an HPA, if it has one. */
export function utilisationTarget(
  hpa: KubeObject | undefined,
  resource: string,
): number | undefined {
  const metrics =
    (hpa?.spec as { metrics?: Metric[] } | undefined)?.metrics ?? [];
  const metric = metrics.find(
    m =>
      m.type === 'Resource' &&
      m.resource?.name === resource &&
      m.resource.target?.type === 'Utilization',
  );
  return metric?.resource?.target?.averageUtilization;
}

/** What the form starts from: the HPA's values, or suggestions for a new one. */
export function initialFields(
  hpa: KubeObject | undefined,
  replicas: number | undefined,
): AutoscalingFields {
  const spec = (hpa?.spec ?? {}) as {
    minReplicas?: number;
    maxReplicas?: number;
  };
  const min = hpa ? spec.minReplicas ?? 1 : Math.max(1, replicas ?? 1);
  const text = (n: number | undefined) => (n === undefined ? '' : String(n));
  return {
    minReplicas: String(min),
    maxReplicas: text(hpa ? spec.maxReplicas : Math.max(min * 2, 2)),
    cpuUtilization: text(hpa ? utilisationTarget(hpa, 'cpu') : 80),
    memoryUtilization: text(hpa ? utilisationTarget(hpa, 'memory') : undefined),
  };
}

const number = (text: string) =>
  text.trim() === '' ? Number.NaN : Number(text.trim());

/**
 * The fields checked by the contract's schema (the backend checks the same): the parameters to
 * send, or an error per field. An empty target means none (sent as null, removing it).
 */
export function readFields(fields: AutoscalingFields):
  | { params: AutoscalingParams; errors?: undefined }
  | {
      params?: undefined;
      errors: Partial<Record<keyof AutoscalingFields, string>>;
    } {
  const target = (text: string) => (text.trim() === '' ? null : number(text));
  const parsed = autoscalingParamsSchema.safeParse({
    minReplicas: number(fields.minReplicas),
    maxReplicas: number(fields.maxReplicas),
    cpuUtilization: target(fields.cpuUtilization),
    memoryUtilization: target(fields.memoryUtilization),
  });
  if (parsed.success) return { params: parsed.data };
  const errors: Partial<Record<keyof AutoscalingFields, string>> = {};
  for (const issue of parsed.error.issues) {
    const key = issue.path[0] as keyof AutoscalingFields;
    const message =
      issue.code === 'invalid_type' ? 'enter a whole number' : issue.message;
    errors[key] ??= message.charAt(0).toUpperCase() + message.slice(1);
  }
  return { errors };
}
