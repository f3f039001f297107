import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import type { Simulator } from '@kubemate/kube-simulator';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import {
  prometheusInstalled,
  startMeshedSimulator,
  type TestPrometheus,
} from '../__testUtils__/prometheus';
import {
  componentWithId,
  startKubemateBackend,
} from '../__testUtils__/simulatorBackend';

jest.setTimeout(240_000);

// Needs Debian's `prometheus` package (CI installs it); skipped only where it is missing.
const describeWithPrometheus = prometheusInstalled() ? describe : describe.skip;

const NS = 'bank-payments';
const ROUTES = 'gateway.networking.k8s.io/httproutes';
const PAYMENTS = '/api/kubemate/entities/component/default/payments-api';

/**
 * The gate: a Service the test creates and deletes, so the probe passes or fails on demand
 * (whatever the canary's traffic does). The watcher runs on changes of bank-payments.
 */
const PROBES = `apiVersion: kubemate.io/v1alpha1
kind: Probe
id: release-gate
title: The release gate's Service has ready endpoints
type: service-endpoints
cluster: sim
namespace: ${NS}
timeoutSeconds: 10
params:
  service: release-gate
  minReady: 1
---
apiVersion: kubemate.io/v1alpha1
kind: Probe
id: payments-watcher
title: Runs whenever bank-payments changes
type: service-endpoints
cluster: sim
namespace: ${NS}
timeoutSeconds: 10
schedule:
  intervalSeconds: 3600
  onChange: true
params:
  service: payments-api-v1
`;

/** Selects payments-api-v1's pods, so its Endpoints have ready addresses. */
const gateService = {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'release-gate', namespace: NS },
  spec: {
    selector: { app: 'payments-api', version: 'v1' },
    ports: [{ port: 8080 }],
  },
};

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

describeWithPrometheus('releases gated on probes', () => {
  let sim: Simulator;
  let prom: TestPrometheus;
  let stop: () => Promise<void>;
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'release-probes-'));
  fs.writeFileSync(path.join(directory, 'probes.yaml'), PROBES);

  beforeAll(async () => {
    ({ sim, prom, stop } = await startMeshedSimulator());
  });
  afterAll(() => stop?.());

  const start = () =>
    startKubemateBackend({
      sim,
      entities: [componentWithId('payments-api')],
      features: [schedulerServiceFactory],
      kubemate: {
        metrics: { clusters: { sim: { prometheus: { url: prom.url } } } },
        releases: { tickSeconds: 1 },
        // Every gate check runs its probes afresh.
        probes: { directory, tickSeconds: 1, gates: { maxAgeSeconds: 0 } },
      },
    });

  const weights = () =>
    sim.store
      .get(ROUTES, NS, 'payments-api-split')!
      .spec.rules[0].backendRefs.map((b: any) => `${b.name}=${b.weight}`);

  async function waitForRelease(
    server: any,
    id: string,
    done: (r: any) => boolean,
    what: string,
  ) {
    let got: any;
    for (let i = 0; i < 90; i++) {
      got = (await request(server).get(`/api/kubemate/releases/${id}`)).body;
      if (done(got)) return got;
      await sleep(1000);
    }
    throw new Error(`${what}: ${JSON.stringify(got?.timeline)}`);
  }

  it('refuses a plan naming an unknown probe, and a start whose gate fails, each audited; nothing is written', async () => {
    const backend = await start();
    try {
      const plan = {
        stepWeights: [10, 50],
        intervalSeconds: 600,
        thresholds: { minSuccessRate: 0.5, maxP99LatencyMs: 5000 },
      };
      const body = {
        cluster: 'sim',
        namespace: NS,
        service: 'payments-api',
        stable: 'payments-api-v1',
        canary: 'payments-api-v2',
        strategy: 'gray',
      };
      const unknown = await request(backend.server)
        .post(`${PAYMENTS}/releases`)
        .send({ ...body, plan: { ...plan, gateProbes: ['nope'] } });
      expect(unknown.status).toBe(400);
      expect(unknown.body.error.message).toBe(
        'plan.gateProbes: no probe nope is defined',
      );

      const before = weights();
      const blocked = await request(backend.server)
        .post(`${PAYMENTS}/releases`)
        .send({ ...body, plan: { ...plan, gateProbes: ['release-gate'] } });
      expect(blocked.status).toBe(409);
      expect(blocked.body.error.message).toMatch(
        /^Blocked by probes: probe release-gate failed: read Service: /,
      );
      expect(weights()).toEqual(before);
      const list = await request(backend.server).get(`${PAYMENTS}/releases`);
      expect(list.body.items).toEqual([]);
      const audit = await request(backend.server)
        .get('/api/kubemate/audit')
        .query({ operation: 'release-create', result: 'denied' });
      expect(audit.body.items.map((i: any) => i.error)).toEqual([
        blocked.body.error.message,
        unknown.body.error.message,
      ]);
      expect(audit.body.items[0].parameters.probeGate).toEqual([
        expect.objectContaining({ probe: 'release-gate', status: 'failed' }),
      ]);
    } finally {
      await backend.stop();
    }
  });

  it('a failing gate probe holds each step and refuses a promotion, audited; once it passes the release advances; its steps trigger the watching probes', async () => {
    sim.apply([gateService]);
    const backend = await start();
    const server = backend.server;
    try {
      const created = await request(server)
        .post(`${PAYMENTS}/releases`)
        .send({
          cluster: 'sim',
          namespace: NS,
          service: 'payments-api',
          stable: 'payments-api-v1',
          canary: 'payments-api-v2',
          strategy: 'gray',
          plan: {
            stepWeights: [10, 50, 90],
            intervalSeconds: 2,
            // The demo's v2 is slow and fails 8 %: these let it advance on its metrics.
            thresholds: { minSuccessRate: 0.5, maxP99LatencyMs: 5000 },
            minRequests: 1,
            gateProbes: ['release-gate'],
          },
        });
      expect(created.status).toBe(201);
      const id = created.body.id;
      // The gate fails from now on: the Service is gone before the first step.
      sim.store.delete('/services', NS, 'release-gate');

      const held = await waitForRelease(
        server,
        id,
        r =>
          r.timeline.filter((e: any) => e.decision === 'blocked').length >= 2,
        'not blocked twice',
      );
      const blocked = held.timeline.find((e: any) => e.decision === 'blocked');
      expect(blocked).toMatchObject({
        actor: 'kubemate:release-engine',
        weight: 10,
        step: 0,
        message: expect.stringMatching(
          /^Held at 10%: Blocked by probes: probe release-gate failed: read Service: /,
        ),
      });
      expect(blocked.canary.status).toBe('ok');
      expect(held).toMatchObject({ state: 'progressing', weight: 10, step: 0 });
      expect(weights()).toEqual(['payments-api-v1=90', 'payments-api-v2=10']);

      // A person's promotion is refused the same way.
      const promote = await request(server)
        .post(`/api/kubemate/releases/${id}/promote`)
        .send({});
      expect(promote.status).toBe(409);
      expect(promote.body.error.message).toMatch(
        /^Blocked by probes: probe release-gate failed/,
      );
      // Less traffic for the canary is not gated.
      const lower = await request(server)
        .post(`/api/kubemate/releases/${id}/weight`)
        .send({ weight: 5 });
      expect(lower.status).toBe(200);
      expect(weights()).toEqual(['payments-api-v1=95', 'payments-api-v2=5']);

      const audit = await request(server)
        .get('/api/kubemate/audit')
        .query({ result: 'denied' });
      const ops = audit.body.items.map((i: any) => `${i.operation}:${i.actor}`);
      expect(ops).toContainEqual(
        expect.stringMatching(/^release-promote:user:/),
      );
      expect(ops).toContain('release-step:kubemate:release-engine');
      const step = audit.body.items.find(
        (i: any) => i.operation === 'release-step',
      );
      expect(step).toMatchObject({
        entityRef: 'component:default/payments-api',
        name: 'payments-api',
        error: expect.stringMatching(/^Blocked by probes: probe release-gate/),
        parameters: expect.objectContaining({ release: id, weight: 50 }),
      });

      // The gate passes again: the next step goes ahead.
      sim.apply([gateService]);
      const advanced = await waitForRelease(
        server,
        id,
        r => r.weight === 50,
        'not advanced',
      );
      const last = advanced.timeline[advanced.timeline.length - 1];
      expect(last).toMatchObject({ decision: 'advance', weight: 50 });
      expect(weights()).toEqual(['payments-api-v1=50', 'payments-api-v2=50']);

      // The watching probe ran because a release step moved the traffic.
      let runs: any[] = [];
      for (let i = 0; i < 30; i++) {
        runs = (
          await request(server).get(
            '/api/kubemate/probes/payments-watcher/runs',
          )
        ).body.items;
        if (runs.some(r => /release .* of payments-api/.test(r.reason ?? '')))
          break;
        await sleep(1000);
      }
      expect(runs).toContainEqual(
        expect.objectContaining({
          trigger: 'change',
          reason: expect.stringMatching(
            new RegExp(`^release ${id.slice(0, 8)} of payments-api: `),
          ),
        }),
      );

      await request(server)
        .post(`/api/kubemate/releases/${id}/abort`)
        .send({})
        .expect(200);
    } finally {
      sim.store.delete('/services', NS, 'release-gate');
      await backend.stop();
    }
  });
});
