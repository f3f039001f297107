import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  MockPermissionApi,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import type {
  Release,
  ReleaseAction,
  ReleaseMetricsResponse,
} from '@kubemate/plugin-kubemate-common';
import { QueryClient } from '@tanstack/react-query';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import { kubemateApiRef, serviceProfilesApiRef } from '../../api';
import type { ServiceProfilesApi } from '../../api/ServiceProfilesApi';
import { noServiceProfilesApi } from '../ServiceProfiles/__testUtils__/noServiceProfiles';
import { KubemateQueryProvider } from '../../queries';
import { inMemoryKubemateApi } from '../../__testUtils__/clusterFixtures';
import { ReleasePage } from './ReleasePage';
import { newMetrics, newRelease, ok } from './__testUtils__/releaseFixtures';

jest.setTimeout(30_000);

const ID = '6f1c1c1e-8d4f-4a57-9b1e-2a7d3c0b9e11';

async function render(opts: {
  release: Release;
  metrics?: (id: string, window?: number) => Promise<ReleaseMetricsResponse>;
  denied?: string[];
  serviceProfiles?: ServiceProfilesApi;
}) {
  let current = opts.release;
  const acted: Array<{ action: ReleaseAction; weight?: number }> = [];
  const api = inMemoryKubemateApi([], [], {
    links: {
      window: {
        from: '2026-12-05T08:00:00.000Z',
        to: '2026-12-05T09:00:00.000Z',
      },
      groups: [
        {
          cluster: 'kubemate-sim',
          namespace: 'bank-payments',
          kind: 'Deployment',
          name: 'payments-api-v2',
          links: [
            {
              title: 'Grafana: workload',
              kind: 'grafana',
              url: 'https://grafana.example.com/d/workload?var-name=payments-api-v2',
            },
          ],
        },
      ],
    },
    releaseApi: {
      getRelease: async () => structuredClone(current),
      getReleaseMetrics: opts.metrics ?? (async () => newMetrics()),
      actOnRelease: async (_id, action, weight) => {
        acted.push({ action, ...(weight === undefined ? {} : { weight }) });
        current = {
          ...current,
          ...(action === 'promote' ? { state: 'promoted', weight: 0 } : {}),
          ...(action === 'pause' ? { state: 'paused' } : {}),
          ...(action === 'weight' ? { weight: weight! } : {}),
        };
        return current;
      },
    },
  });
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [kubemateApiRef, api],
        [serviceProfilesApiRef, opts.serviceProfiles ?? noServiceProfilesApi],
        [
          permissionApiRef,
          new MockPermissionApi(r =>
            opts.denied?.includes(r.permission.name)
              ? AuthorizeResult.DENY
              : AuthorizeResult.ALLOW,
          ),
        ],
      ]}
    >
      <KubemateQueryProvider client={new QueryClient()}>
        <Routes>
          <Route path="/kubemate/releases/:id" element={<ReleasePage />} />
        </Routes>
      </KubemateQueryProvider>
    </TestApiProvider>,
    {
      routeEntries: [`/kubemate/releases/${ID}`],
      // The page links to the release's entity.
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
  return { acted, api };
}

const aborted = newRelease({
  state: 'aborted',
  weight: 0,
  step: 1,
  failedChecks: 1,
  timeline: [
    ...newRelease().timeline!,
    {
      at: '2026-12-05T09:00:02.000Z',
      actor: 'kubemate:release-engine',
      decision: 'abort',
      weight: 0,
      step: 1,
      message:
        'Aborted after 1 failed check(s): success rate 92.00% < 98.00%, p99 250 ms ≤ 400 ms',
      canary: ok(0.92, 250),
      stable: ok(0.999, 40),
    },
  ],
});

describe('ReleasePage', () => {
  it('shows the state, the split beside the raw weights, the charts with thresholds and the live figures', async () => {
    await render({
      release: newRelease(),
      metrics: async () =>
        newMetrics({
          routeBackends: {
            canary: { requestsPerSecond: 4, successRate: 0.9 },
          },
        }),
    });
    expect(
      await screen.findByText('Canary 10%', undefined, { timeout: 15_000 }),
    ).toBeInTheDocument();
    expect(screen.getByText('Progressing')).toBeInTheDocument();
    expect(
      screen.getByText('Weights: payments-api-v1 90 · payments-api-v2 10'),
    ).toBeInTheDocument();
    const chart = await screen.findByRole('img', {
      name: 'Success rate: Canary payments-api-v2 92%, Stable payments-api-v1 99.9%; min 98%',
    });
    expect(within(chart).getByTestId('threshold')).toBeInTheDocument();
    expect(
      screen.getByRole('img', {
        name: 'p99 latency: Canary payments-api-v2 250 ms, Stable payments-api-v1 40 ms; max 400 ms',
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('img', { name: /^Requests per second: / }),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/92% success · 5.00 req\/s · p50 63 ms/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /Behind the route .*canary payments-api-v2 90% success · 4.00 req\/s · stable payments-api-v1 no requests/,
      ),
    ).toBeInTheDocument();
  });

  it("warns when the Service's ServiceProfile shadows the route the release writes", async () => {
    const release = newRelease();
    await render({
      release,
      serviceProfiles: {
        ...noServiceProfilesApi,
        listServiceProfiles: async () => ({
          notInstalled: [],
          items: [
            {
              cluster: release.cluster,
              namespace: release.namespace,
              service: release.service,
              profile: {
                name: `${release.service}.${release.namespace}.svc.cluster.local`,
                spec: { routes: [] },
              },
              shadowedRoutes: ['payments-api'],
            },
          ],
        }),
      },
    });
    expect(
      await screen.findByText(
        /The ServiceProfile of bank-payments\/payments-api shadows its HTTPRoutes/,
        undefined,
        { timeout: 15_000 },
      ),
    ).toBeInTheDocument();
  });

  it('reads the live figures over the window the user picks', async () => {
    const windows: Array<number | undefined> = [];
    await render({
      release: newRelease(),
      metrics: async (_id, window) => {
        windows.push(window);
        return newMetrics({ windowSeconds: window ?? 60 });
      },
    });
    const user = userEvent.setup();
    expect(
      await screen.findByText(/over the last 60s/, undefined, {
        timeout: 15_000,
      }),
    ).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: /Window/ }));
    await user.click(await screen.findByRole('option', { name: '5 min' }));
    expect(await screen.findByText(/over the last 300s/)).toBeInTheDocument();
    expect(windows).toContain(300);
  });

  it("links each version's Deployment to its dashboards", async () => {
    const { api } = await render({ release: newRelease() });
    const user = userEvent.setup();
    const canaryLinks = await screen.findByRole(
      'button',
      { name: 'Dashboards of payments-api-v2' },
      { timeout: 15_000 },
    );
    expect(
      screen.getByRole('button', { name: 'Dashboards of payments-api-v1' }),
    ).toBeInTheDocument();
    await user.click(canaryLinks);
    expect(
      await screen.findByRole('menuitem', { name: /Grafana: workload/ }),
    ).toHaveAttribute(
      'href',
      'https://grafana.example.com/d/workload?var-name=payments-api-v2',
    );
    expect(api.actions).toContainEqual({
      action: 'observability-links',
      target: {
        cluster: 'kubemate-sim',
        namespace: 'bank-payments',
        kind: 'Deployment',
        name: 'payments-api-v2',
      },
    });
  });

  it('marks the breaches on the timeline and disables every control once the release has ended', async () => {
    await render({ release: aborted });
    const timeline = await screen.findByRole(
      'table',
      { name: 'Release timeline' },
      { timeout: 15_000 },
    );
    const row = within(timeline).getByText('abort').closest('tr')!;
    expect(
      within(row).getByText('kubemate:release-engine'),
    ).toBeInTheDocument();
    expect(within(row).getByText('92%')).toHaveAttribute(
      'title',
      'below the minimum success rate',
    );
    // 250 ms is within the 400 ms the plan allows: not marked.
    expect(within(row).getByText('p99 250 ms')).not.toHaveAttribute('title');
    expect(screen.getByText('Aborted')).toBeInTheDocument();
    for (const name of ['Pause', 'Promote', 'Abort', 'Set weight']) {
      expect(screen.getByRole('button', { name })).toBeDisabled();
    }
  });

  it('promotes after confirmation, and pauses', async () => {
    const { acted } = await render({ release: newRelease() });
    const user = userEvent.setup();
    await user.click(
      await screen.findByRole(
        'button',
        { name: 'Promote' },
        { timeout: 15_000 },
      ),
    );
    const dialog = screen.getByRole('dialog');
    expect(
      within(dialog).getByText('Promote payments-api-v2?'),
    ).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(acted).toEqual([]);
    await user.click(await screen.findByRole('button', { name: 'Pause' }));
    await waitFor(() => expect(acted).toEqual([{ action: 'pause' }]));
    expect(await screen.findByText('Paused')).toBeInTheDocument();
    await user.click(await screen.findByRole('button', { name: 'Promote' }));
    await user.click(
      within(await screen.findByRole('dialog')).getByRole('button', {
        name: 'Promote',
      }),
    );
    await waitFor(() =>
      expect(acted).toEqual([{ action: 'pause' }, { action: 'promote' }]),
    );
    expect(await screen.findByText('Promoted')).toBeInTheDocument();
  });

  it('sets the weight from the slider with the keyboard', async () => {
    const { acted } = await render({ release: newRelease() });
    const user = userEvent.setup();
    const slider = await screen.findByRole('slider', undefined, {
      timeout: 15_000,
    });
    slider.focus();
    await user.keyboard('{ArrowRight}{ArrowRight}');
    expect(
      screen.getByText('Canary weight: 12% (stable 88%)'),
    ).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Set weight' }));
    await waitFor(() =>
      expect(acted).toEqual([{ action: 'weight', weight: 12 }]),
    );
  });

  it('disables what the user may not do', async () => {
    await render({
      // Its own entity: permission decisions are cached per entity across renders.
      release: newRelease({ entityRef: 'component:default/readonly-api' }),
      denied: ['kubemate.release.promote', 'kubemate.release.step'],
    });
    expect(
      await screen.findByText('Canary 10%', undefined, { timeout: 15_000 }),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Abort' })).toBeEnabled(),
    );
    expect(screen.getByRole('button', { name: 'Promote' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Pause' })).toBeDisabled();
  });

  it('tells no traffic and metrics unavailable apart, in the metrics panel only', async () => {
    let answer: ReleaseMetricsResponse = newMetrics({
      canary: { status: 'no-traffic', windowSeconds: 60 },
    });
    await render({ release: newRelease(), metrics: async () => answer });
    expect(
      await screen.findByText(
        'No traffic to canary payments-api-v2',
        undefined,
        {
          timeout: 15_000,
        },
      ),
    ).toBeInTheDocument();
    answer = newMetrics({
      canary: { status: 'unavailable', reason: 'connect ECONNREFUSED' },
      stable: { status: 'unavailable', reason: 'connect ECONNREFUSED' },
      overall: undefined,
    });
    // The next poll (every 5 s) answers unavailable: told once for both versions.
    expect(
      await screen.findByText('Metrics unavailable', undefined, {
        timeout: 8_000,
      }),
    ).toBeInTheDocument();
    expect(screen.getAllByText('Metrics unavailable')).toHaveLength(1);
    expect(screen.getByText(/connect ECONNREFUSED/)).toBeInTheDocument();
    // The rest of the page is as before.
    expect(screen.getByText('Canary 10%')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Promote' })).toBeEnabled();
  });
});
