import { mockServices } from '@backstage/backend-test-utils';
import type { Simulator } from '@kubemate/kube-simulator';
import { probeDefinitionSchema } from '@kubemate/plugin-kubemate-common';
import { startSeededSimulator } from '../__testUtils__/simulatorBackend';
import {
  createTestDatabases,
  migratingDatabase,
} from '../__testUtils__/testDatabases';
import type { ClusterService } from '../clusters/ClusterService';
import { simulatorClusterService } from '../clusters/__testUtils__/simulatorClusters';
import type { LoadedProbe } from './definitions';
import { nextRunAt, ProbeEngine } from './ProbeEngine';
import { ProbeRunner } from './ProbeRunner';
import { ProbeStore } from './ProbeStore';

jest.setTimeout(120_000);

const probe = (id: string, namespace: string, intervalSeconds = 30) => ({
  definition: probeDefinitionSchema.parse({
    id,
    title: id,
    type: 'api-roundtrip',
    cluster: 'sim',
    namespace,
    owner: 'group:default/team-banking',
    timeoutSeconds: 10,
    schedule: { intervalSeconds },
  }),
  source: 'test.yaml:1',
});

describe('ProbeEngine', () => {
  const databases = createTestDatabases();
  let sim: Simulator;
  let clusters: ClusterService;

  beforeAll(async () => {
    sim = await startSeededSimulator();
    sim.apply([
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'probes' } },
    ]);
    clusters = simulatorClusterService(sim);
  });

  afterAll(async () => {
    await clusters?.stop();
    await sim?.stop();
  });

  it('schedules the next run one interval later, jittered by at most a tenth', () => {
    const p = probe('x', 'probes', 60) as LoadedProbe;
    const from = new Date('2026-12-06T10:00:00Z');
    expect(nextRunAt(p, from, () => 0)!.getTime() - from.getTime()).toBe(
      60_000,
    );
    expect(nextRunAt(p, from, () => 0.999)!.getTime() - from.getTime()).toBe(
      65_994,
    );
    expect(
      nextRunAt(
        { ...p, definition: { ...p.definition, schedule: { onChange: true } } },
        from,
      ),
    ).toBeUndefined();
  });

  describe.each(databases.eachSupportedId())('on %p', id => {
    it('runs each due probe once across two replicas, and tells of a failure and its recovery once', async () => {
      const { knex } = await migratingDatabase(databases, id);
      const outcomes: string[] = [];
      let now = new Date();
      const replica = (owner: string) => {
        const store = new ProbeStore(knex);
        return new ProbeEngine({
          store,
          owner,
          logger: mockServices.logger.mock(),
          runner: new ProbeRunner({
            clusters,
            store,
            logger: mockServices.logger.mock(),
            pollMs: 50,
          }),
          now: () => now,
          onOutcome: async (p, run, change) => {
            outcomes.push(`${p.definition.id} ${change} ${run.status}`);
          },
        });
      };
      // `broken` acts in a namespace that does not exist: it fails.
      const probes = [
        probe('one', 'probes'),
        probe('two', 'probes'),
        probe('broken', 'missing'),
      ];
      const [r1, r2] = [replica('r1'), replica('r2')];
      await r1.setProbes(probes);
      await r2.setProbes(probes);

      // Every first run lies within the first interval.
      now = new Date(now.getTime() + 31_000);
      const claimed = await Promise.all([r1.tick(), r2.tick(), r1.tick()]);
      expect(claimed.reduce((a, b) => a + b, 0)).toBe(3);
      await Promise.all([r1.drain(), r2.drain()]);
      const store = new ProbeStore(knex);
      for (const p of ['one', 'two', 'broken']) {
        const runs = await store.listRuns(p, 10);
        expect([p, runs.length, runs[0].trigger]).toEqual([p, 1, 'scheduled']);
      }
      expect((await store.listRuns('broken', 1))[0].status).toBe('failed');
      // Not due again until an interval later.
      expect(await r2.tick()).toBe(0);
      now = new Date(now.getTime() + 34_000);
      await Promise.all([r1.tick(), r2.tick()]);
      await Promise.all([r1.drain(), r2.drain()]);
      expect(await store.listRuns('broken', 10)).toHaveLength(2);
      expect(outcomes).toEqual(['broken failed failed']);

      // The namespace appears: the next run passes and the recovery is told once.
      sim.apply([
        { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'missing' } },
      ]);
      now = new Date(now.getTime() + 34_000);
      await Promise.all([r1.tick(), r2.tick()]);
      await Promise.all([r1.drain(), r2.drain()]);
      expect(outcomes).toEqual([
        'broken failed failed',
        'broken recovered passed',
      ]);
      sim.store.delete('/namespaces', undefined, 'missing');
    });
  });
});
