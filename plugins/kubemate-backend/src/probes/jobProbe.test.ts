import { mockCredentials } from '@backstage/backend-test-utils';
import type { Simulator } from '@kubemate/kube-simulator';
import { PROBE_ENV, ProbeReporter } from '@kubemate/plugin-kubemate-common';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import {
  startKubemateBackend,
  startSeededSimulator,
} from '../__testUtils__/simulatorBackend';

jest.setTimeout(120_000);

const NS = 'custom-probes';
const BASE = 'http://backstage.test/api/kubemate';

const PROBES = `apiVersion: kubemate.io/v1alpha1
kind: Probe
id: checkout
title: Checkout works end to end
type: job
cluster: sim
namespace: ${NS}
timeoutSeconds: 20
params:
  image: registry.example.com/team/checkout-probe:1.0
  env:
    TARGET: https://shop.example.com/checkout
  tokenSecret: { name: probe-token, key: token }
`;

type Env = Array<{ name: string; value?: string; valueFrom?: unknown }>;

describe('job probes (custom probes) against the simulator', () => {
  let sim: Simulator;
  let backend: Awaited<ReturnType<typeof startKubemateBackend>>;
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'probes-'));
  fs.writeFileSync(path.join(directory, 'probes.yaml'), PROBES);

  beforeAll(async () => {
    sim = await startSeededSimulator();
    sim.apply([
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } },
      {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 'probe-token', namespace: NS },
        stringData: { token: 'a-static-token' },
      },
    ]);
    backend = await startKubemateBackend({
      sim,
      entities: [],
      kubemate: { probes: { directory, reportBaseUrl: BASE } },
    });
  });

  afterAll(async () => {
    await backend?.stop();
    await sim?.stop();
  });

  /** Starts a run and finds the Job it created, as the container would see its environment. */
  async function startRun() {
    const started = await request(backend.server)
      .post('/api/kubemate/probes/checkout/run')
      .expect(202);
    for (let i = 0; i < 100; i++) {
      const job = sim.store
        .list('batch/jobs', NS)
        .find(j =>
          (
            j.spec?.template?.spec?.containers?.[0]?.env as Env | undefined
          )?.some(
            e => e.name === PROBE_ENV.runId && e.value === started.body.id,
          ),
        );
      if (job) {
        const env = job.spec.template.spec.containers[0].env as Env;
        return { runId: started.body.id as string, job, env };
      }
      await new Promise(r => setTimeout(r, 50));
    }
    throw new Error('no Job');
  }

  async function finished(runId: string) {
    for (let i = 0; i < 300; i++) {
      const res = await request(backend.server)
        .get('/api/kubemate/probes/checkout/runs')
        .expect(200);
      const run = res.body.items.find((r: { id: string }) => r.id === runId);
      if (run?.status !== 'running') return run;
      await new Promise(r => setTimeout(r, 100));
    }
    throw new Error('run did not end');
  }

  /** The client library, its requests sent to the test backend instead of the configured URL. */
  const reporterFor = (env: Env) => {
    const port = (backend.server.address() as AddressInfo).port;
    const values = Object.fromEntries(env.map(e => [e.name, e.value]));
    return ProbeReporter.fromEnv(
      { ...values, [PROBE_ENV.token]: mockCredentials.service.token() },
      (url, init) =>
        fetch(
          String(url).replace(
            'http://backstage.test',
            `http://127.0.0.1:${port}`,
          ),
          init,
        ),
    );
  };

  it('runs the image with its parameters and the report key, and records the failure it reports, with the report audited', async () => {
    const { runId, job, env } = await startRun();
    const value = (name: string) => env.find(e => e.name === name);
    expect(value('TARGET')?.value).toBe('https://shop.example.com/checkout');
    expect(value(PROBE_ENV.reportUrl)?.value).toBe(
      `${BASE}/probes/checkout/runs/${runId}/report`,
    );
    expect(value(PROBE_ENV.reportKey)?.value).toMatch(/^[0-9a-f]{48}$/);
    expect(value(PROBE_ENV.token)?.valueFrom).toEqual({
      secretKeyRef: { name: 'probe-token', key: 'token' },
    });
    expect(job.metadata.labels).toMatchObject({
      'kubemate.io/probe': 'checkout',
    });

    // Another run's key (or a guess) is refused.
    await request(backend.server)
      .post(`/api/kubemate/probes/checkout/runs/${runId}/report`)
      .send({ key: 'f'.repeat(48), status: 'passed' })
      .expect(403);

    await reporterFor(env).reportFailure(['checkout answered 502']);
    const run = await finished(runId);
    expect(run).toMatchObject({
      status: 'failed',
      message: 'reported failure: checkout answered 502',
    });
    expect(run.steps.map((s: { name: string }) => s.name)).toEqual([
      'create Job',
      'wait for the report',
      'delete Job',
    ]);
    // Once per run.
    const again = await request(backend.server)
      .post(`/api/kubemate/probes/checkout/runs/${runId}/report`)
      .send({ key: value(PROBE_ENV.reportKey)!.value, status: 'passed' });
    expect(again.status).toBe(409);

    const audit = await request(backend.server)
      .get('/api/kubemate/audit?operation=probe-report')
      .expect(200);
    expect(
      audit.body.items.map((e: { result: string }) => e.result).sort(),
    ).toEqual(['failed', 'failed', 'succeeded']);
  });

  it('passes on a reported success, and fails a Job that ends without reporting', async () => {
    const ok = await startRun();
    await reporterFor(ok.env).reportSuccess(['all 3 steps of checkout passed']);
    expect(await finished(ok.runId)).toMatchObject({
      status: 'passed',
      message: 'reported success: all 3 steps of checkout passed',
    });

    const silent = await startRun();
    const run = await finished(silent.runId);
    expect(run.status).toBe('failed');
    expect(run.message).toMatch(
      /^wait for the report: (the Job ended without reporting|not reported after)/,
    );
  });
});
