import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type {
  CrdSummary,
  NodeDetailResponse,
} from '@kubemate/plugin-kubemate-common';
import { renderAdminConsole } from './__testUtils__/renderAdminConsole';

jest.setTimeout(30_000);

const crd: CrdSummary = {
  name: 'httproutes.gateway.networking.k8s.io',
  group: 'gateway.networking.k8s.io',
  kind: 'HTTPRoute',
  plural: 'httproutes',
  scope: 'Namespaced',
  versions: [{ name: 'v1', served: true, storage: true }],
  version: 'v1',
  count: 1,
};

const yamlAt = (rv: string, label: string) =>
  `apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata:\n  name: payments-api\n  namespace: bank-payments\n  resourceVersion: "${rv}"\n  labels:\n    tier: ${label}\n`;

/** A backend holding one HTTPRoute whose resourceVersion moves on each apply. */
function crdBackend() {
  let rv = '7';
  const posts: Array<{ path: string; body: any }> = [];
  const handler = (method: string, path: string, body?: any) => {
    const base = `/clusters/sim/crds/${crd.name}`;
    if (method === 'GET' && path === '/clusters/sim/crds') {
      return { cluster: 'sim', items: [crd] };
    }
    if (method === 'GET' && path.startsWith(`${base}/resources`)) {
      return {
        cluster: 'sim',
        crd,
        items: [{ name: 'payments-api', namespace: 'bank-payments' }],
      };
    }
    if (method === 'GET' && path.startsWith(`${base}/resource?`)) {
      return { yaml: yamlAt(rv, 'web'), resourceVersion: rv };
    }
    if (method === 'POST' && path.startsWith(`${base}/resource/`)) {
      posts.push({ path, body });
      if (!body.yaml.includes(`resourceVersion: "${rv}"`)) {
        throw Object.assign(
          new Error(
            'HTTPRoute bank-payments/payments-api: the object has been modified',
          ),
          { status: 409 },
        );
      }
      const dryRun = path.endsWith('/preview');
      if (!dryRun) rv = String(Number(rv) + 1);
      return {
        dryRun,
        diff: '--- before\n+++ after\n@@ -1 +1 @@\n-    tier: web\n+    tier: api\n',
        resourceVersion: rv,
      };
    }
    return undefined;
  };
  return { handler, posts };
}

describe('AdminConsolePage: custom resources and node detail', () => {
  it('lists CRDs and their objects, previews an edit as a diff, applies it, and shows a stale edit as 409', async () => {
    const backend = crdBackend();
    const { rendered } = renderAdminConsole(true, backend.handler);
    await rendered;
    const user = userEvent.setup();
    await user.click(
      await screen.findByRole('tab', { name: 'Custom resources' }),
    );
    const crds = await screen.findByRole('table', {
      name: 'Custom resource definitions of sim',
    });
    expect(
      within(crds).getByText('gateway.networking.k8s.io'),
    ).toBeInTheDocument();
    expect(within(crds).getByText('v1 (storage)')).toBeInTheDocument();
    await user.click(within(crds).getByRole('button', { name: 'HTTPRoute' }));
    await user.click(
      await screen.findByRole('button', {
        name: 'Edit HTTPRoute bank-payments/payments-api',
      }),
    );
    const editor = (await screen.findByLabelText(
      'YAML of HTTPRoute bank-payments/payments-api',
    )) as HTMLTextAreaElement;
    await waitFor(() => expect(editor.value).toContain('tier: web'));
    // Apply waits for a preview.
    expect(
      screen.getByRole('button', { name: 'Apply changes' }),
    ).toBeDisabled();
    await user.clear(editor);
    await user.click(editor);
    await user.paste(yamlAt('7', 'api'));
    await user.click(screen.getByRole('button', { name: 'Preview changes' }));
    expect(
      await screen.findByText(/Dry run: changes below/),
    ).toBeInTheDocument();
    expect(backend.posts[0].path).toMatch(/\/resource\/preview$/);
    expect(backend.posts[0].body).toMatchObject({
      name: 'payments-api',
      namespace: 'bank-payments',
    });
    await user.click(screen.getByRole('button', { name: 'Apply changes' }));
    expect(
      await screen.findByText(/Applied: changes below \(resourceVersion 8\)/),
    ).toBeInTheDocument();

    // The same text again carries resourceVersion 7: the server refuses it as stale.
    await user.clear(editor);
    await user.click(editor);
    await user.paste(yamlAt('7', 'db'));
    await user.click(screen.getByRole('button', { name: 'Preview changes' }));
    expect(
      await screen.findByText(/the object has been modified/),
    ).toBeInTheDocument();
  });

  it('node detail: pods, events, usage history; Prometheus not configured is said as such', async () => {
    const detail = (state: 'ok' | 'not-configured'): NodeDetailResponse =>
      ({
        cluster: 'sim',
        node: {} as never,
        pods: [
          {
            namespace: 'bank-payments',
            name: 'payments-api-0',
            phase: 'Running',
            requested: { cpu: 0.25, memory: 256 * 1024 * 1024 },
            limited: { cpu: 0.5, memory: 512 * 1024 * 1024 },
            restarts: 3,
          },
        ],
        events: [
          {
            namespace: 'default',
            name: 'n.1',
            type: 'Warning',
            reason: 'DiskSlow',
            message: 'disk is slow',
            count: 1,
            involvedObject: { kind: 'Node', name: 'sim-worker-1' },
          },
        ],
        history: {
          state,
          ...(state === 'ok'
            ? {}
            : { message: 'kubemate.metrics.clusters.sim.prometheus unset' }),
          cpu:
            state === 'ok'
              ? [
                  [1000, 0.5],
                  [1060, 1.5],
                ]
              : [],
          memory: state === 'ok' ? [[1000, 1024 ** 3]] : [],
          rangeSeconds: 3600,
          stepSeconds: 60,
        },
      } as NodeDetailResponse);
    // sim-worker-2's answer says the cluster has no Prometheus configured.
    const { rendered } = renderAdminConsole(true, (method, path) => {
      if (method !== 'GET') return undefined;
      if (path === '/clusters/sim/nodes/sim-worker-1') return detail('ok');
      if (path === '/clusters/sim/nodes/sim-worker-2') {
        return detail('not-configured');
      }
      return undefined;
    });
    await rendered;
    const user = userEvent.setup();
    const table = await screen.findByRole('table', { name: 'Nodes of sim' });
    await user.click(
      within(table).getByRole('button', { name: 'sim-worker-1' }),
    );
    const dialog = await screen.findByRole('dialog');
    const pods = await within(dialog).findByRole('table', {
      name: 'Pods of the node',
    });
    expect(
      within(pods).getByText('bank-payments/payments-api-0'),
    ).toBeInTheDocument();
    expect(within(pods).getByText('250m / 500m')).toBeInTheDocument();
    expect(
      within(
        within(dialog).getByRole('table', { name: 'Events of the node' }),
      ).getByText('disk is slow'),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByRole('img', { name: 'CPU used over the last hour' }),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByText('CPU used: now 1.5, peak 1.5 (last hour)'),
    ).toBeInTheDocument();
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await user.click(
      within(table).getByRole('button', { name: 'sim-worker-2' }),
    );
    expect(
      await screen.findByText(/Prometheus not configured/),
    ).toBeInTheDocument();
  });

  it('namespaces: quota usage as bars and limit ranges in words', async () => {
    const { rendered } = renderAdminConsole(true, (method, path) =>
      method === 'GET' && path === '/clusters/sim/quotas'
        ? {
            cluster: 'sim',
            items: [
              {
                namespace: 'bank-payments',
                quotas: [
                  {
                    name: 'bank-payments-quota',
                    resources: [
                      { resource: 'pods', hard: '50', used: '10' },
                      {
                        resource: 'requests.memory',
                        hard: '16Gi',
                        used: '4Gi',
                      },
                    ],
                  },
                ],
                limitRanges: [
                  {
                    name: 'bank-payments-limits',
                    limits: [
                      {
                        type: 'Container',
                        defaultRequest: { cpu: '100m' },
                        max: { cpu: '2' },
                      },
                    ],
                  },
                ],
              },
            ],
          }
        : undefined,
    );
    await rendered;
    const user = userEvent.setup();
    await user.click(await screen.findByRole('tab', { name: 'Namespaces' }));
    const table = await screen.findByRole('table', {
      name: 'Quotas and limit ranges of sim',
    });
    expect(
      within(table).getByLabelText('bank-payments pods used 20%'),
    ).toBeInTheDocument();
    expect(within(table).getByText('4 GiB / 16 GiB (25%)')).toBeInTheDocument();
    expect(
      within(table).getByText('Container: default request cpu 100m; max cpu 2'),
    ).toBeInTheDocument();
  });
});
