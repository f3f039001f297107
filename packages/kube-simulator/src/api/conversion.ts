import { KObject } from '../util/types';
import { ResourceDef, gv } from './registry';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

/**
 * Conversions between the stored version and the requested one. Only the multi-version
 * resources need it: events (core v1 ⇄ events.k8s.io/v1) and HPAs (autoscaling v2 ⇄ v1).
 */
export function toExternal(def: ResourceDef, obj: KObject): KObject {
  if (def.storageKey === 'events' && def.group === 'events.k8s.io') {
    const e = obj as Any;
    const out: Any = {
      kind: 'Event',
      apiVersion: 'events.k8s.io/v1',
      metadata: e.metadata,
      eventTime: e.eventTime ?? null,
      reportingController: e.reportingComponent || undefined,
      reportingInstance: e.reportingInstance || undefined,
      action: e.action,
      reason: e.reason,
      regarding: e.involvedObject,
      related: e.related,
      note: e.message,
      type: e.type,
      deprecatedSource: e.source,
      deprecatedFirstTimestamp: e.firstTimestamp,
      deprecatedLastTimestamp: e.lastTimestamp,
      deprecatedCount: e.count,
    };
    return out;
  }
  if (
    def.storageKey === 'autoscaling/horizontalpodautoscalers' &&
    def.version === 'v1'
  ) {
    const h = obj as Any;
    const cpu = (h.spec?.metrics ?? []).find(
      (m: Any) => m.type === 'Resource' && m.resource?.name === 'cpu',
    );
    const cur = (h.status?.currentMetrics ?? []).find(
      (m: Any) => m.type === 'Resource' && m.resource?.name === 'cpu',
    );
    return {
      kind: 'HorizontalPodAutoscaler',
      apiVersion: 'autoscaling/v1',
      metadata: h.metadata,
      spec: {
        scaleTargetRef: h.spec?.scaleTargetRef,
        minReplicas: h.spec?.minReplicas,
        maxReplicas: h.spec?.maxReplicas,
        targetCPUUtilizationPercentage:
          cpu?.resource?.target?.averageUtilization,
      },
      status: {
        observedGeneration: h.status?.observedGeneration,
        lastScaleTime: h.status?.lastScaleTime,
        currentReplicas: h.status?.currentReplicas ?? 0,
        desiredReplicas: h.status?.desiredReplicas ?? 0,
        currentCPUUtilizationPercentage:
          cur?.resource?.current?.averageUtilization,
      },
    };
  }
  obj.apiVersion = gv(def);
  return obj;
}

export function fromExternal(def: ResourceDef, obj: KObject): KObject {
  if (def.storageKey === 'events' && def.group === 'events.k8s.io') {
    const e = obj as Any;
    return {
      kind: 'Event',
      apiVersion: 'v1',
      metadata: e.metadata,
      involvedObject: e.regarding ?? {},
      reason: e.reason,
      message: e.note,
      source: e.deprecatedSource ?? {},
      firstTimestamp: e.deprecatedFirstTimestamp ?? null,
      lastTimestamp: e.deprecatedLastTimestamp ?? null,
      count: e.deprecatedCount,
      type: e.type,
      eventTime: e.eventTime ?? null,
      action: e.action,
      related: e.related,
      reportingComponent: e.reportingController ?? '',
      reportingInstance: e.reportingInstance ?? '',
    };
  }
  if (
    def.storageKey === 'autoscaling/horizontalpodautoscalers' &&
    def.version === 'v1'
  ) {
    const h = obj as Any;
    const metrics = h.spec?.targetCPUUtilizationPercentage
      ? [
          {
            type: 'Resource',
            resource: {
              name: 'cpu',
              target: {
                type: 'Utilization',
                averageUtilization: h.spec.targetCPUUtilizationPercentage,
              },
            },
          },
        ]
      : undefined;
    return {
      kind: 'HorizontalPodAutoscaler',
      apiVersion: 'autoscaling/v2',
      metadata: h.metadata ?? {},
      spec: {
        scaleTargetRef: h.spec?.scaleTargetRef,
        minReplicas: h.spec?.minReplicas ?? 1,
        maxReplicas: h.spec?.maxReplicas,
        metrics,
      },
      status: h.status,
    };
  }
  return obj;
}
