import { discoveryApiRef, fetchApiRef } from '@backstage/core-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  MockPermissionApi,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import type { NamespaceListResponse } from '@kubemate/plugin-kubemate-common';
import { kubemateApiRef, type AuditEntry } from '../../../api';
import {
  inMemoryKubemateApi,
  newTestCluster,
  newTestEvent,
  newTestNode,
} from '../../../__testUtils__/clusterFixtures';
import { AdminConsolePage } from '../AdminConsolePage';

const jsonResponse = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });

const GiB = 1024 ** 3;

const namespaces: NamespaceListResponse = {
  onboardingConfigured: false,
  sizes: [],
  items: [
    {
      cluster: 'sim',
      name: 'bank-payments',
      owner: 'group:default/team-banking',
      ownerSource: 'namespace',
      onboarded: false,
      meshInjection: true,
    },
    {
      cluster: 'sim',
      name: 'erp-finance',
      owner: 'group:default/team-erp',
      ownerSource: 'app-config',
      onboarded: false,
      meshInjection: false,
    },
  ],
};

const audit: AuditEntry[] = [
  {
    id: '2',
    at: new Date().toISOString(),
    actor: 'user:default/carol',
    cluster: 'sim',
    namespace: 'bank-payments',
    kind: 'ConfigMap',
    name: 'settings',
    operation: 'admin-yaml-apply',
    result: 'succeeded',
  },
  {
    id: '1',
    at: new Date(Date.now() - 60_000).toISOString(),
    actor: 'user:default/bob',
    cluster: 'sim',
    namespace: 'erp-finance',
    operation: 'admin-yaml-apply',
    result: 'denied',
    error: "Missing permission 'kubemate.admin.apply'",
  },
];

/** Test-only: the admin console page over the in-memory API, admin or not. */
export function renderAdminConsole(
  allowed: boolean,
  /** Answers of the admin client's own calls (`/api/kubemate/...`), by method and path. */
  backend?: (method: string, path: string, body?: unknown) => unknown,
) {
  const api = inMemoryKubemateApi([newTestCluster()], [], {
    namespaces,
    audit,
    nodes: {
      sim: [
        newTestNode({
          taints: [
            { key: 'dedicated', value: 'payments', effect: 'NoSchedule' },
          ],
          usage: { cpu: 0.8, memory: 4 * GiB },
        }),
        newTestNode({
          name: 'sim-worker-2',
          labels: { 'kubernetes.io/hostname': 'sim-worker-2' },
          conditions: [
            { type: 'Ready', status: 'True' },
            {
              type: 'MemoryPressure',
              status: 'True',
              reason: 'KubeletHasInsufficientMemory',
            },
          ],
          podCount: 100,
        }),
      ],
    },
    events: {
      sim: [
        newTestEvent(),
        newTestEvent({
          name: 'ledger.1',
          namespace: 'erp-finance',
          reason: 'FailedScheduling',
          message: '0/2 nodes are available',
          involvedObject: { kind: 'Pod', name: 'ledger-0' },
        }),
        newTestEvent({ name: 'normal.1', type: 'Normal', reason: 'Pulled' }),
      ],
    },
  });
  return {
    api,
    rendered: renderInTestApp(
      <TestApiProvider
        apis={[
          [kubemateApiRef, api],
          [
            discoveryApiRef,
            { getBaseUrl: async () => 'http://backend/api/kubemate' },
          ],
          [
            fetchApiRef,
            {
              fetch: async (input: RequestInfo | URL, init?: RequestInit) => {
                const path = String(input).replace(
                  'http://backend/api/kubemate',
                  '',
                );
                const method = init?.method ?? 'GET';
                try {
                  const answer = backend?.(
                    method,
                    path,
                    init?.body ? JSON.parse(String(init.body)) : undefined,
                  );
                  if (answer === undefined) {
                    return jsonResponse(404, {
                      error: { name: 'NotFoundError', message: path },
                    });
                  }
                  return jsonResponse(200, answer);
                } catch (e) {
                  const status = (e as { status?: number }).status ?? 500;
                  return jsonResponse(status, {
                    error: { name: 'Error', message: (e as Error).message },
                    response: { statusCode: status },
                  });
                }
              },
            },
          ],
          [
            permissionApiRef,
            new MockPermissionApi(() =>
              allowed ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
            ),
          ],
        ]}
      >
        <AdminConsolePage />
      </TestApiProvider>,
    ),
  };
}
