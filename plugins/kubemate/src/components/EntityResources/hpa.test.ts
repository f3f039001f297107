import type { KubeObject } from '@kubemate/plugin-kubemate-common';
import { describeCurrent, describeTarget, hpaMetrics, hpaRow } from './hpa';

describe('HPA metric words', () => {
  it('describes each autoscaling/v2 metric type', () => {
    expect(
      describeTarget({
        type: 'Resource',
        resource: {
          name: 'cpu',
          target: { type: 'Utilization', averageUtilization: 70 },
        },
      }),
    ).toBe('CPU at 70% of requests on average');
    expect(
      describeTarget({
        type: 'Resource',
        resource: {
          name: 'memory',
          target: { type: 'AverageValue', averageValue: '500Mi' },
        },
      }),
    ).toBe('memory at 500Mi on average per pod');
    expect(
      describeTarget({
        type: 'Pods',
        pods: {
          metric: { name: 'http_requests' },
          target: { type: 'AverageValue', averageValue: '100' },
        },
      }),
    ).toBe('http_requests per pod at 100 on average per pod');
    expect(
      describeTarget({
        type: 'Object',
        object: {
          metric: { name: 'requests-per-second' },
          describedObject: { kind: 'Ingress', name: 'main' },
          target: { type: 'Value', value: '2k' },
        },
      }),
    ).toBe('requests-per-second of Ingress main at 2k in total');
    expect(
      describeTarget({
        type: 'External',
        external: {
          metric: { name: 'queue_depth' },
          target: { type: 'AverageValue', averageValue: '30' },
        },
      }),
    ).toBe('external queue_depth at 30 on average per pod');
    expect(
      describeTarget({
        type: 'ContainerResource',
        containerResource: {
          name: 'cpu',
          container: 'app',
          target: { type: 'Utilization', averageUtilization: 60 },
        },
      }),
    ).toBe('CPU of container app at 60% of requests on average');
  });

  it('describes current values, or says they are unknown', () => {
    expect(
      describeCurrent({
        type: 'Resource',
        resource: {
          name: 'cpu',
          current: { averageUtilization: 45, averageValue: '120m' },
        },
      }),
    ).toBe('45% of requests (120m average)');
    expect(
      describeCurrent({
        type: 'External',
        external: { current: { value: '12' } },
      }),
    ).toBe('12 in total');
    expect(describeCurrent(undefined)).toBe('unknown');
  });
});

const hpa: KubeObject = {
  apiVersion: 'autoscaling/v2',
  kind: 'HorizontalPodAutoscaler',
  metadata: { name: 'web', namespace: 'ns', uid: 'h1' },
  spec: {
    scaleTargetRef: { kind: 'Deployment', name: 'web' },
    minReplicas: 2,
    maxReplicas: 10,
    metrics: [
      {
        type: 'Resource',
        resource: {
          name: 'cpu',
          target: { type: 'Utilization', averageUtilization: 70 },
        },
      },
      {
        type: 'Resource',
        resource: {
          name: 'memory',
          target: { type: 'Utilization', averageUtilization: 80 },
        },
      },
    ],
  },
  status: {
    currentReplicas: 3,
    desiredReplicas: 4,
    currentMetrics: [
      {
        type: 'Resource',
        resource: { name: 'memory', current: { averageUtilization: 50 } },
      },
      {
        type: 'Resource',
        resource: { name: 'cpu', current: { averageUtilization: 91 } },
      },
    ],
  },
};

describe('hpaRow', () => {
  it('pairs each target with its current value by metric', () => {
    expect(hpaRow(hpa)).toMatchObject({
      target: 'Deployment/web',
      min: 2,
      max: 10,
      current: 3,
      desired: 4,
      metrics: [
        {
          target: 'CPU at 70% of requests on average',
          current: '91% of requests',
        },
        {
          target: 'memory at 80% of requests on average',
          current: '50% of requests',
        },
      ],
    });
  });

  it('reads autoscaling/v1 CPU fields', () => {
    expect(
      hpaMetrics({
        ...hpa,
        spec: { targetCPUUtilizationPercentage: 50 },
        status: { currentCPUUtilizationPercentage: 20 },
      }),
    ).toEqual([
      {
        target: 'CPU at 50% of requests on average',
        current: '20% of requests',
      },
    ]);
  });
});
