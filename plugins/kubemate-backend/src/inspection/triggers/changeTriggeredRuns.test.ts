import type { Simulator } from '@kubemate/kube-simulator';
import {
  KubeConfig,
  KubernetesObjectApi,
  PatchStrategy,
} from '@kubernetes/client-node';
import request from 'supertest';
import {
  NO_SCHEDULE,
  startInspectionBackend,
} from '../../__testUtils__/inspectionBackend';
import {
  patchDeploymentTemplate,
  simulatorClusterConfig,
  startSeededSimulator,
} from '../../__testUtils__/simulatorBackend';

jest.setTimeout(120_000);

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

describe('change-triggered inspection runs against the simulator', () => {
  let sim: Simulator;
  let server: any;
  let stopBackend: () => Promise<void>;
  let objects: KubernetesObjectApi;

  beforeAll(async () => {
    sim = await startSeededSimulator();
    const kc = new KubeConfig();
    kc.loadFromString(sim.kubeconfig);
    objects = kc.makeApiClient(KubernetesObjectApi);
    const tb = await startInspectionBackend({
      clusters: [simulatorClusterConfig(sim)],
      kubemate: {
        inspection: {
          clusters: {
            sim: {
              schedule: NO_SCHEDULE,
              onChange: {
                quietPeriod: { milliseconds: 800 },
                namespaces: ['bank-payments', 'erp-finance'],
              },
            },
          },
        },
      },
    });
    server = tb.server;
    stopBackend = () => tb.stop();
  });

  afterAll(async () => {
    await stopBackend?.();
    await sim?.stop();
  });

  const runs = async () => {
    const res = await request(server)
      .get('/api/kubemate/inspection/runs')
      .query({ cluster: 'sim' });
    expect(res.status).toBe(200);
    return res.body.items as Array<Record<string, any>>;
  };

  async function waitForRuns(count: number) {
    for (let i = 0; i < 300; i++) {
      const items = await runs();
      if (items.length >= count && items.every(r => r.status !== 'running')) {
        return items;
      }
      await sleep(100);
    }
    throw new Error(`expected ${count} finished runs`);
  }

  const patchTemplate = (name: string, value: string) =>
    patchDeploymentTemplate(sim, 'bank-payments', name, value);

  it('runs once per burst of spec changes, with the change as the reason', async () => {
    // The initial list is no change, and neither is a label-only (non-spec) update.
    await sleep(1500);
    await objects.patch(
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: {
          name: 'payments-api-v1',
          namespace: 'bank-payments',
          labels: { 'kubemate.io/touched': 'yes' },
        },
      } as any,
      undefined,
      undefined,
      undefined,
      undefined,
      PatchStrategy.MergePatch,
    );
    // Nor is a spec change outside the watched namespaces.
    await patchDeploymentTemplate(sim, 'traefik', 'traefik', 'x');
    await sleep(1500);
    expect(await runs()).toEqual([]);

    await patchTemplate('payments-api-v1', '1');
    await sleep(200);
    await patchTemplate('payments-api-v2', '1');
    const [first, ...rest] = await waitForRuns(1);
    expect(rest).toEqual([]);
    expect(first).toMatchObject({
      trigger: 'change',
      source: 'engine',
      status: 'succeeded',
      profile: 'baseline',
      requestedBy: 'change: Deployment bank-payments/payments-api-v2 (+1 more)',
    });

    await patchTemplate('payments-api-v1', '2');
    const items = await waitForRuns(2);
    expect(items).toHaveLength(2);
    // The rollouts the patches started only change status: no further run.
    await sleep(1200);
    expect(await runs()).toHaveLength(2);
    expect(items.map(r => r.requestedBy)).toContain(
      'change: Deployment bank-payments/payments-api-v1',
    );
    // A new workload is a change too.
    const created = await objects.create({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'ledger-sync', namespace: 'erp-finance' },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: 'ledger-sync' } },
        template: {
          metadata: { labels: { app: 'ledger-sync' } },
          spec: { containers: [{ name: 'app', image: 'busybox:1.36' }] },
        },
      },
    } as any);
    expect(created.metadata?.name).toBe('ledger-sync');
    const three = await waitForRuns(3);
    expect(three.map(r => r.requestedBy)).toContain(
      'change: Deployment erp-finance/ledger-sync',
    );
    // No run started while the other was running.
    const sorted = [...items].sort(
      (a, b) => Date.parse(a.startedAt) - Date.parse(b.startedAt),
    );
    expect(Date.parse(sorted[1].startedAt)).toBeGreaterThanOrEqual(
      Date.parse(sorted[0].finishedAt),
    );
  });
});
