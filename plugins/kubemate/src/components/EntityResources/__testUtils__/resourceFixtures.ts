import type {
  ClusterWorkloads,
  EntityWorkloadsResponse,
  KubeObject,
} from '@kubemate/plugin-kubemate-common';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createElement, useState, type ReactNode } from 'react';

/**
 * A query provider with a fresh cache per rendered tree, for `jest.mock` of the plugin's
 * shared one (whose cache would otherwise carry one test's answer into the next).
 */
export function FreshQueryProvider(props: { children: ReactNode }) {
  const [client] = useState(
    () =>
      new QueryClient({
        defaultOptions: { queries: { retry: false, staleTime: 0 } },
      }),
  );
  return createElement(QueryClientProvider, { client }, props.children);
}

const NS = 'bank-payments';
const ago = (minutes: number) =>
  new Date(Date.now() - minutes * 60_000).toISOString();

const meta = (
  name: string,
  uid: string,
  extra: Partial<KubeObject['metadata']> = {},
) => ({
  name,
  namespace: NS,
  uid,
  creationTimestamp: ago(180),
  ...extra,
});

export const emptyResources = (): ClusterWorkloads['resources'] => ({
  deployments: [],
  statefulsets: [],
  daemonsets: [],
  replicasets: [],
  pods: [],
  jobs: [],
  cronjobs: [],
  services: [],
  endpoints: [],
  configmaps: [],
  secrets: [],
  persistentvolumeclaims: [],
  horizontalpodautoscalers: [],
  events: [],
});

const webPod = (
  name: string,
  status: Record<string, unknown>,
  volumes: unknown[] = [],
): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: meta(name, `uid-${name}`, {
    labels: { app: 'payments-web', 'pod-template-hash': 'abc' },
    ownerReferences: [
      { kind: 'ReplicaSet', name: 'payments-web-abc', uid: 'rs-web' },
    ],
  }),
  spec: {
    nodeName: 'node-1',
    serviceAccountName: 'payments',
    initContainers: [{ name: 'migrate', image: 'payments-migrate:1.4' }],
    containers: [
      {
        name: 'app',
        image: 'payments-web:1.4',
        resources: {
          requests: { cpu: '250m', memory: '256Mi' },
          limits: { memory: '512Mi' },
        },
      },
    ],
    volumes,
  },
  status,
});

/** A payments app with one of each resource kind, as the backend serves them. */
export function paymentsResources(
  options: { secretValuesHidden?: boolean } = {},
): ClusterWorkloads['resources'] {
  const hidden = options.secretValuesHidden ?? true;
  return {
    ...emptyResources(),
    pods: [
      webPod(
        'payments-web-abc-1',
        {
          phase: 'Running',
          podIP: '10.0.0.11',
          qosClass: 'Burstable',
          initContainerStatuses: [
            {
              name: 'migrate',
              ready: false,
              restartCount: 0,
              state: { terminated: { reason: 'Completed', exitCode: 0 } },
            },
          ],
          containerStatuses: [
            {
              name: 'app',
              ready: true,
              restartCount: 0,
              state: { running: { startedAt: ago(170) } },
            },
          ],
        },
        [
          {
            name: 'data',
            persistentVolumeClaim: { claimName: 'payments-data' },
          },
        ],
      ),
      webPod('payments-web-abc-2', {
        phase: 'Running',
        podIP: '10.0.0.12',
        containerStatuses: [
          {
            name: 'app',
            ready: false,
            restartCount: 4,
            state: {
              waiting: {
                reason: 'CrashLoopBackOff',
                message: 'back-off 1m20s restarting failed container',
              },
            },
            lastState: {
              terminated: {
                reason: 'OOMKilled',
                exitCode: 137,
                finishedAt: '2024-02-01T10:15:00Z',
              },
            },
          },
        ],
      }),
      {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: meta('payments-report-28000-x7', 'uid-report-pod', {
          labels: { 'job-name': 'payments-report-28000' },
          ownerReferences: [
            { kind: 'Job', name: 'payments-report-28000', uid: 'job-report' },
          ],
        }),
        spec: { containers: [{ name: 'report', image: 'report:2' }] },
        status: { phase: 'Succeeded' },
      },
    ],
    services: [
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: meta('payments-web', 'svc-web'),
        spec: {
          type: 'NodePort',
          clusterIP: '10.96.12.7',
          selector: { app: 'payments-web' },
          ports: [
            {
              name: 'http',
              port: 80,
              targetPort: 8080,
              protocol: 'TCP',
              nodePort: 30080,
            },
            { name: 'metrics', port: 9090, targetPort: 9090, protocol: 'TCP' },
          ],
        },
      },
    ],
    endpoints: [
      {
        apiVersion: 'v1',
        kind: 'Endpoints',
        metadata: meta('payments-web', 'ep-web'),
        subsets: [
          {
            addresses: [
              {
                ip: '10.0.0.11',
                targetRef: { kind: 'Pod', name: 'payments-web-abc-1' },
              },
            ],
            notReadyAddresses: [
              {
                ip: '10.0.0.12',
                targetRef: { kind: 'Pod', name: 'payments-web-abc-2' },
              },
            ],
          },
        ],
      },
    ],
    configmaps: [
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: meta('payments-config', 'cm-1'),
        data: {
          'application.yaml':
            'server:\n  port: 8080\nspring:\n  datasource:\n    url: jdbc:postgresql://db:5432/payments\n',
          'logback.xml': '<configuration><root level="INFO"/></configuration>',
        },
        binaryData: { 'truststore.p12': 'AAECAwQFBgcICQ==' },
      },
    ],
    secrets: [
      {
        apiVersion: 'v1',
        kind: 'Secret',
        type: 'kubernetes.io/basic-auth',
        metadata: meta('payments-db', 'sec-1'),
        // "admin" and "s3cr3t-pw"; the backend empties values the user may not read.
        data: hidden
          ? { username: '', password: '' }
          : { username: 'YWRtaW4=', password: 'czNjcjN0LXB3' },
      },
    ],
    persistentvolumeclaims: [
      {
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        metadata: meta('payments-data', 'pvc-1'),
        spec: {
          accessModes: ['ReadWriteOnce'],
          storageClassName: 'fast-ssd',
          volumeName: 'pvc-4f1c2a',
          resources: { requests: { storage: '20Gi' } },
        },
        status: { phase: 'Bound', capacity: { storage: '20Gi' } },
      },
    ],
    horizontalpodautoscalers: [
      {
        apiVersion: 'autoscaling/v2',
        kind: 'HorizontalPodAutoscaler',
        metadata: meta('payments-web', 'hpa-web'),
        spec: {
          scaleTargetRef: {
            apiVersion: 'apps/v1',
            kind: 'Deployment',
            name: 'payments-web',
          },
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
              type: 'Pods',
              pods: {
                metric: { name: 'http_requests_per_second' },
                target: { type: 'AverageValue', averageValue: '100' },
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
              resource: {
                name: 'cpu',
                current: { averageUtilization: 91, averageValue: '228m' },
              },
            },
          ],
          conditions: [
            {
              type: 'AbleToScale',
              status: 'True',
              reason: 'SucceededRescale',
              message:
                'the HPA controller was able to update the target scale to 4',
            },
            {
              type: 'ScalingActive',
              status: 'True',
              reason: 'ValidMetricFound',
            },
            {
              type: 'ScalingLimited',
              status: 'False',
              reason: 'DesiredWithinRange',
            },
          ],
        },
      },
    ],
    cronjobs: [
      {
        apiVersion: 'batch/v1',
        kind: 'CronJob',
        metadata: meta('payments-report', 'cron-report'),
        spec: {
          schedule: '30 2 * * 1-5',
          timeZone: 'Etc/UTC',
          suspend: false,
          jobTemplate: { spec: { template: { spec: { containers: [] } } } },
        },
        status: {
          lastScheduleTime: '2024-02-01T02:30:00Z',
          lastSuccessfulTime: '2024-02-01T02:34:10Z',
        },
      },
    ],
    jobs: [
      {
        apiVersion: 'batch/v1',
        kind: 'Job',
        metadata: meta('payments-report-28000', 'job-report', {
          ownerReferences: [
            {
              kind: 'CronJob',
              name: 'payments-report',
              uid: 'cron-report',
              controller: true,
            },
          ],
        }),
        spec: { completions: 1 },
        status: {
          succeeded: 1,
          startTime: '2024-02-01T02:30:00Z',
          completionTime: '2024-02-01T02:34:10Z',
          conditions: [{ type: 'Complete', status: 'True' }],
        },
      },
    ],
    events: [
      {
        apiVersion: 'v1',
        kind: 'Event',
        metadata: meta('payments-web.17a', 'ev-hpa'),
        type: 'Normal',
        reason: 'SuccessfulRescale',
        message:
          'New size: 4; reason: cpu resource utilization (percentage of request) above target',
        count: 1,
        lastTimestamp: ago(5),
        involvedObject: {
          kind: 'HorizontalPodAutoscaler',
          name: 'payments-web',
          uid: 'hpa-web',
        },
      },
    ],
  };
}

/** The entity's answer with one readable cluster holding `resources`. */
export function resourcesResponse(
  resources: ClusterWorkloads['resources'],
  secretValuesHidden = true,
): EntityWorkloadsResponse {
  return {
    entityRef: 'component:default/payments-api',
    mappings: [
      {
        labelSelector: 'backstage.io/kubernetes-id=payments-api',
        namespaces: [],
        clusters: [],
        workloads: [],
      },
    ],
    secretValuesHidden,
    clusters: [
      { cluster: 'sim', title: 'Demo cluster', status: 'ok', resources },
    ],
  };
}
