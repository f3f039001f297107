import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  notificationService,
  type NotificationSendOptions,
} from '@backstage/plugin-notifications-node';
import type { Simulator } from '@kubemate/kube-simulator';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import {
  componentWithId,
  patchDeploymentTemplate,
  permissionsDenying,
  startKubemateBackend,
  startSeededSimulator,
} from '../__testUtils__/simulatorBackend';

jest.setTimeout(120_000);

const NS = 'kubemate-probes';

const PROBES = `apiVersion: kubemate.io/v1alpha1
kind: Probe
id: api
title: The API answers in ${NS}
type: api-roundtrip
cluster: sim
namespace: ${NS}
owner: group:default/team-banking
entityRefs: [component:default/accounts-service]
timeoutSeconds: 10
---
apiVersion: kubemate.io/v1alpha1
kind: Probe
id: bad-image
title: A workload with an image nobody can pull
type: workload-lifecycle
cluster: sim
namespace: ${NS}
owner: group:default/team-banking
severity: high
timeoutSeconds: 2
params:
  image: registry.example.com/probe:doesnotexist
---
apiVersion: kubemate.io/v1alpha1
kind: Probe
id: bank-core-changes
title: bank-core rollouts
type: service-endpoints
cluster: sim
namespace: bank-core
schedule:
  onChange: true
params:
  service: accounts-service
`;

describe('the probe API against the simulator', () => {
  let sim: Simulator;
  const sent: NotificationSendOptions[] = [];
  const notifications = createServiceFactory({
    service: notificationService,
    deps: {},
    factory: () => ({
      send: async (n: NotificationSendOptions) => {
        sent.push(n);
      },
    }),
  });
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'probes-'));
  fs.writeFileSync(path.join(directory, 'probes.yaml'), PROBES);

  const start = (permissions = permissionsDenying()) =>
    startKubemateBackend({
      sim,
      entities: [componentWithId('accounts-service')],
      permissions,
      features: [notifications, schedulerServiceFactory],
      kubemate: { probes: { directory, tickSeconds: 1 } },
    });

  beforeAll(async () => {
    sim = await startSeededSimulator();
    sim.apply([
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } },
    ]);
  });

  afterAll(async () => {
    await sim?.stop();
  });

  async function finished(server: unknown, id: string, runId: string) {
    for (let i = 0; i < 200; i++) {
      const res = await request(server as never)
        .get(`/api/kubemate/probes/${id}/runs`)
        .expect(200);
      const run = res.body.items.find((r: { id: string }) => r.id === runId);
      if (run && run.status !== 'running') return run;
      await new Promise(r => setTimeout(r, 100));
    }
    throw new Error(`run ${runId} of ${id} did not end`);
  }

  it('lists probes, runs one by hand (audited), records its steps, events and hint, and tells the owners once', async () => {
    const backend = await start();
    const { server } = backend;
    try {
      const list = await request(server)
        .get('/api/kubemate/probes')
        .expect(200);
      expect(list.body.items.map((p: { id: string }) => p.id).sort()).toEqual([
        'api',
        'bad-image',
        'bank-core-changes',
      ]);
      expect(list.body.items[0].source).toMatch(/probes\.yaml:\d+$/);
      const entity = await request(server)
        .get('/api/kubemate/entities/component/default/accounts-service/probes')
        .expect(200);
      expect(entity.body.items.map((p: { id: string }) => p.id)).toEqual([
        'api',
      ]);

      const ok = await request(server)
        .post('/api/kubemate/probes/api/run')
        .expect(202);
      expect(ok.body).toMatchObject({ status: 'running', trigger: 'manual' });
      const passed = await finished(server, 'api', ok.body.id);
      expect(passed.status).toBe('passed');
      expect(passed.steps).toHaveLength(4);

      const started = await request(server)
        .post('/api/kubemate/probes/bad-image/run')
        .expect(202);
      const failed = await finished(server, 'bad-image', started.body.id);
      expect(failed).toMatchObject({
        status: 'failed',
        hint: { id: 'image-pull' },
        events: expect.arrayContaining([
          expect.objectContaining({ reason: 'Failed' }),
        ]),
      });
      const again = await request(server)
        .post('/api/kubemate/probes/bad-image/run')
        .expect(202);
      await finished(server, 'bad-image', again.body.id);

      const summary = await request(server)
        .get('/api/kubemate/probes/bad-image')
        .expect(200);
      expect(summary.body).toMatchObject({
        successRate: 0,
        recentRuns: 2,
        lastFailure: { id: again.body.id, hint: { id: 'image-pull' } },
      });
      // One failure notification, however often it fails.
      const failing = sent.filter(n => /Probe failing/.test(n.payload.title));
      expect(failing).toHaveLength(1);
      expect(failing[0]).toMatchObject({
        recipients: {
          type: 'entity',
          entityRef: ['group:default/team-banking'],
        },
        payload: { severity: 'high', topic: 'kubemate-probe' },
      });
      expect(failing[0].payload.description).toMatch(
        /Likely cause: The image cannot be pulled/,
      );

      const audit = await request(server)
        .get('/api/kubemate/audit?operation=probe-run')
        .expect(200);
      expect(
        audit.body.items.map((e: { name: string; result: string }) => [
          e.name,
          e.result,
        ]),
      ).toEqual(
        expect.arrayContaining([
          ['api', 'succeeded'],
          ['bad-image', 'succeeded'],
        ]),
      );
      await request(server).get('/api/kubemate/probes/nope').expect(404);
      await request(server).get('/api/kubemate/probes/Nope').expect(400);
    } finally {
      await backend.stop();
    }
  });

  it('runs a probe when a Deployment rolls out in a namespace it watches', async () => {
    const backend = await start();
    const { server } = backend;
    try {
      // Let the informers list first: what exists is no change.
      await new Promise(r => setTimeout(r, 1500));
      await patchDeploymentTemplate(
        sim,
        'bank-core',
        'accounts-service',
        `${Date.now()}`,
      );
      let runs: Array<{ trigger: string; reason: string; status: string }> = [];
      for (let i = 0; i < 300 && !runs.length; i++) {
        await new Promise(r => setTimeout(r, 100));
        runs = (
          await request(server)
            .get('/api/kubemate/probes/bank-core-changes/runs')
            .expect(200)
        ).body.items;
      }
      expect(runs[0]).toMatchObject({
        trigger: 'change',
        reason: 'Deployment bank-core/accounts-service updated',
      });
    } finally {
      await backend.stop();
    }
  });

  it('refuses a manual run without kubemate.probe.run, and audits the refusal', async () => {
    const backend = await start(permissionsDenying('kubemate.probe.run'));
    const { server } = backend;
    try {
      const res = await request(server)
        .post('/api/kubemate/probes/api/run')
        .expect(403);
      expect(res.body.error.message).toMatch(/kubemate\.probe\.run/);
      const audit = await request(server)
        .get('/api/kubemate/audit?operation=probe-run')
        .expect(200);
      expect(audit.body.items).toEqual([
        expect.objectContaining({ name: 'api', result: 'denied' }),
      ]);
    } finally {
      await backend.stop();
    }
  });
});
