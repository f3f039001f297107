import { mockServices } from '@backstage/backend-test-utils';
import type { Simulator } from '@kubemate/kube-simulator';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import {
  permissionsDenying,
  startKubemateBackend,
  startSeededSimulator,
} from '../__testUtils__/simulatorBackend';

jest.setTimeout(120_000);

const NS = 'gate-probes';

const PROBES = `apiVersion: kubemate.io/v1alpha1
kind: Probe
id: api
title: The API answers
type: api-roundtrip
cluster: sim
namespace: ${NS}
timeoutSeconds: 10
---
apiVersion: kubemate.io/v1alpha1
kind: Probe
id: bad-image
title: A workload nobody can pull
type: workload-lifecycle
cluster: sim
namespace: ${NS}
timeoutSeconds: 2
params:
  image: registry.example.com/probe:doesnotexist
`;

const onboarding = {
  gateway: { ports: { from: 9100, to: 9102 } },
  sizes: { small: { quota: { pods: '20' } } },
};
const body = { owner: 'team-erp', mesh: false, size: 'small' };

describe('gating changes on probes', () => {
  let sim: Simulator;
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'probes-'));
  fs.writeFileSync(path.join(directory, 'probes.yaml'), PROBES);

  /** The caller is the guest, of team-banking (which owns bank-payments). */
  const guest = mockServices.userInfo.mock({
    getUserInfo: async () => ({
      userEntityRef: 'user:default/guest',
      ownershipEntityRefs: ['user:default/guest', 'group:default/team-banking'],
    }),
  }).factory;

  const start = (
    gates: Record<string, unknown>,
    permissions = permissionsDenying(),
  ) =>
    startKubemateBackend({
      sim,
      entities: [],
      permissions,
      features: [guest],
      kubemate: { onboarding, probes: { directory, gates } },
    });

  beforeAll(async () => {
    sim = await startSeededSimulator();
    sim.apply([
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } },
    ]);
  });

  afterAll(() => sim?.stop());

  it('blocks a namespace onboarding whose probes fail, shows why and audits the block; a dry run is not held', async () => {
    const backend = await start({ onboarding: ['api', 'bad-image'] });
    try {
      const onboard = '/api/kubemate/namespaces/sim/gated-shop/onboard';
      await request(backend.server)
        .post(onboard)
        .send({ ...body, dryRun: true })
        .expect(200);
      const blocked = await request(backend.server).post(onboard).send(body);
      expect(blocked.status).toBe(409);
      expect(blocked.body.error.message).toMatch(
        /^Blocked by probes: probe bad-image failed: wait Ready: not Ready after .* \(likely cause: The image cannot be pulled\)$/,
      );
      expect(blocked.body.error.message).not.toMatch(/probe api/);
      expect(
        sim.store.get('/namespaces', undefined, 'gated-shop'),
      ).toBeUndefined();
      const audit = await request(backend.server)
        .get('/api/kubemate/audit?operation=namespace-onboard')
        .expect(200);
      expect(audit.body.items).toEqual([
        expect.objectContaining({
          result: 'denied',
          name: 'gated-shop',
          error: blocked.body.error.message,
          parameters: expect.objectContaining({
            probeGate: [
              expect.objectContaining({ probe: 'api', status: 'passed' }),
              expect.objectContaining({ probe: 'bad-image', status: 'failed' }),
            ],
          }),
        }),
      ]);
    } finally {
      await backend.stop();
    }
  });

  it("blocks a template's apply whose probes fail, with the reason, audited; a dry run goes ahead", async () => {
    const backend = await start({ apply: ['bad-image'] });
    try {
      const apply = '/api/kubemate/namespaces/sim/bank-payments/apply';
      const manifests = [
        {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: 'gated-config' },
          data: { a: 'b' },
        },
      ];
      const dry = await request(backend.server)
        .post(apply)
        .send({ manifests, dryRun: true });
      expect(dry.status).toBe(200);
      const blocked = await request(backend.server)
        .post(apply)
        .send({ manifests });
      expect(blocked.status).toBe(409);
      expect(blocked.body.error.message).toMatch(
        /^Blocked by probes: probe bad-image failed: .*likely cause: The image cannot be pulled/,
      );
      expect(
        sim.store.get('/configmaps', 'bank-payments', 'gated-config'),
      ).toBeUndefined();
      const audit = await request(backend.server)
        .get('/api/kubemate/audit?operation=namespace-apply&result=denied')
        .expect(200);
      expect(audit.body.items[0]).toMatchObject({
        namespace: 'bank-payments',
        error: blocked.body.error.message,
      });
    } finally {
      await backend.stop();
    }
  });

  it('answers gate checks through the API, trusting a fresh result and auditing each decision', async () => {
    const backend = await start({});
    try {
      const ok = await request(backend.server)
        .post('/api/kubemate/probes/gate')
        .send({ probes: ['api'], change: 'release 1 step 2' });
      expect([ok.status, ok.body.error?.message]).toEqual([200, undefined]);
      expect(ok.body).toMatchObject({
        allowed: true,
        results: [{ probe: 'api', status: 'passed' }],
      });
      // Within maxAgeSeconds the last result stands: no second run.
      const again = await request(backend.server)
        .post('/api/kubemate/probes/gate')
        .send({
          probes: ['api'],
          change: 'release 1 step 3',
          maxAgeSeconds: 600,
        })
        .expect(200);
      expect(again.body.results[0].runId).toBe(ok.body.results[0].runId);

      const blocked = await request(backend.server)
        .post('/api/kubemate/probes/gate')
        .send({ probes: ['bad-image', 'nope'], change: 'release 1 step 4' })
        .expect(200);
      expect(blocked.body.allowed).toBe(false);
      expect(blocked.body.reason).toMatch(
        /probe bad-image failed: .*; probe nope is unknown: no such probe/,
      );
      const audit = await request(backend.server)
        .get('/api/kubemate/audit?operation=probe-gate')
        .expect(200);
      expect(
        audit.body.items.map(
          (e: { result: string; parameters: { change: string } }) => [
            e.parameters.change,
            e.result,
          ],
        ),
      ).toEqual([
        ['release 1 step 4', 'denied'],
        ['release 1 step 3', 'succeeded'],
        ['release 1 step 2', 'succeeded'],
      ]);
      await request(backend.server)
        .post('/api/kubemate/probes/gate')
        .send({ probes: [], change: 'x' })
        .expect(400);
    } finally {
      await backend.stop();
    }
  });

  it('refuses unknown probes in the gates configuration at startup', async () => {
    await expect(start({ onboarding: ['missing'] })).rejects.toThrow(
      /kubemate\.probes\.gates\.onboarding: unknown probe\(s\) missing/,
    );
  });
});
