import { mockServices } from '@backstage/backend-test-utils';
import type { Knex } from 'knex';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { DatabaseInspectionStore } from '../inspection/DatabaseInspectionStore';
import {
  ALL,
  CLUSTER,
  fail,
} from '../inspection/database/__testUtils__/fixtures';
import { migrateKubemateDatabase, migrationsDirectory } from './migrations';

jest.setTimeout(120_000);

const RUN_ID = '0b7a3f5e-6c0b-4a35-a2a5-1f1e1e1e1e1e';
const FP = 'f'.repeat(64);
const AT = new Date('2026-11-22T10:00:00.000Z');

/** Each migration, the tables it creates and one row to seed into each of them. */
const STEPS: Array<{
  name: string;
  rows: Record<string, Record<string, unknown>>;
}> = [
  {
    name: '20261122000000_cluster_status.js',
    rows: {
      kubemate_cluster_status: {
        cluster_name: 'prod',
        reachable: true,
        git_version: 'v1.31.0',
        checked_at: AT,
        last_seen_at: AT,
      },
    },
  },
  {
    name: '20261122010000_inspection.js',
    rows: {
      kubemate_inspection_runs: {
        id: RUN_ID,
        cluster: 'prod',
        profile: 'default',
        trigger: 'ingest',
        source: 'ansible',
        status: 'succeeded',
        started_at: AT,
        summary: '{"score":50}',
      },
      kubemate_inspection_findings: {
        fingerprint: FP,
        cluster: 'prod',
        rule_id: 'r1',
        source: 'ansible',
        title: 'A title',
        severity: 'high',
        category: 'security',
        kind: 'Deployment',
        namespace: 'shop',
        name: 'web',
        state: 'new',
        state_changed_at: AT,
        first_seen_run_id: RUN_ID,
        first_seen_at: AT,
        last_seen_run_id: RUN_ID,
        last_seen_at: AT,
      },
      kubemate_inspection_transitions: {
        fingerprint: FP,
        cluster: 'prod',
        to_state: 'new',
        actor: 'system:inspector',
        at: AT,
        run_id: RUN_ID,
      },
      kubemate_inspection_run_stats: {
        run_id: RUN_ID,
        severity: 'high',
        failed: 1,
      },
      kubemate_inspection_ingests: {
        digest: 'a'.repeat(64),
        run_id: RUN_ID,
        cluster: 'prod',
        source: 'ansible',
        created_at: AT,
      },
    },
  },
  {
    name: '20261122020000_audit.js',
    rows: {
      kubemate_audit_events: {
        at: AT,
        actor: 'user:default/jane',
        entity_ref: 'component:default/shop',
        operation: 'scale',
        parameters: '{"replicas":3}',
        result: 'succeeded',
      },
    },
  },
  // These change tables of earlier steps and create none.
  { name: '20261204000000_inspection_run_claim.js', rows: {} },
  { name: '20261204010000_widen_columns.js', rows: {} },
  {
    name: '20261204020000_gateway_ports.js',
    rows: {
      kubemate_gateway_ports: {
        cluster: 'prod',
        namespace: 'shop',
        port: 9000,
        allocated_at: AT,
      },
    },
  },
  {
    name: '20261205000000_releases.js',
    rows: {
      kubemate_releases: {
        id: RUN_ID,
        entity_ref: 'component:default/shop',
        cluster: 'prod',
        namespace: 'shop',
        service: 'web',
        route_kind: 'HTTPRoute',
        stable: 'web-v1',
        canary: 'web-v2',
        strategy: 'gray',
        plan: '{"intervalSeconds":10}',
        state: 'progressing',
        weight: 5,
        step: 0,
        created_by: 'user:default/jane',
        created_at: AT,
        updated_at: AT,
      },
      kubemate_release_events: {
        release_id: RUN_ID,
        at: AT,
        actor: 'user:default/jane',
        decision: 'started',
        weight: 5,
        step: 0,
        message: 'started',
      },
    },
  },
  // Adds a column to the releases of the step before.
  { name: '20261205010000_release_sticky.js', rows: {} },
  {
    name: '20261205020000_created_entities.js',
    rows: {
      kubemate_created_entities: {
        entity_ref: 'component:default/shop',
        entity: '{"kind":"Component"}',
        owner: 'group:default/team-x',
        created_by: 'user:default/jane',
        updated_at: AT,
      },
    },
  },
  {
    name: '20261206000000_probes.js',
    rows: {
      kubemate_probe_state: {
        probe_id: 'api-roundtrip',
        next_run_at: AT,
        notified_status: 'failed',
      },
      kubemate_probe_runs: {
        id: RUN_ID,
        probe_id: 'api-roundtrip',
        cluster: 'prod',
        trigger: 'scheduled',
        status: 'failed',
        started_at: AT,
        steps: '[]',
      },
    },
  },
  // Adds columns to the probe runs of the step before.
  { name: '20261206010000_probe_reports.js', rows: {} },
];

const CLAIM = STEPS[3].name;
const WIDEN = STEPS[4].name;

async function seed(knex: Knex, rows: Record<string, Record<string, unknown>>) {
  for (const [table, row] of Object.entries(rows)) {
    await knex(table).insert(row);
  }
}

/** Every seeded row of these steps is there, with its values (defaults filled in). */
async function expectSeeded(knex: Knex, steps: typeof STEPS) {
  for (const step of steps) {
    for (const [table, row] of Object.entries(step.rows)) {
      const stored = await knex(table).select();
      expect(stored).toHaveLength(1);
      for (const [column, value] of Object.entries(row)) {
        const actual = stored[0][column];
        if (value instanceof Date) {
          expect(new Date(actual).getTime()).toBe(value.getTime());
        } else if (typeof value === 'boolean') {
          expect(Boolean(actual)).toBe(value);
        } else {
          expect(actual).toEqual(value);
        }
      }
    }
  }
}

async function expectTables(knex: Knex, steps: typeof STEPS, exist: boolean) {
  for (const step of steps) {
    for (const table of Object.keys(step.rows)) {
      expect([table, await knex.schema.hasTable(table)]).toEqual([
        table,
        exist,
      ]);
    }
  }
}

describe('plugin migrations', () => {
  const databases = createTestDatabases();

  it('has a step for every migration file', () => {
    const files = require('node:fs')
      .readdirSync(migrationsDirectory)
      .filter((f: string) => f.endsWith('.js'))
      .sort();
    expect(files).toEqual(STEPS.map(s => s.name));
  });

  describe.each(databases.eachSupportedId())('on %p', id => {
    it('migrates up step by step, down and up again, keeping data', async () => {
      const knex = await databases.init(id);
      const directory = migrationsDirectory;

      // Up, one migration at a time; what earlier steps stored survives each later one.
      for (let i = 0; i < STEPS.length; i++) {
        await knex.migrate.up({ directory });
        const [, pending] = await knex.migrate.list({ directory });
        expect(pending).toHaveLength(STEPS.length - i - 1);
        await expectTables(knex, STEPS.slice(i + 1), false);
        await seed(knex, STEPS[i].rows);
        await expectSeeded(knex, STEPS.slice(0, i + 1));
      }

      // Down the inspection migration with those that change its tables: the others keep
      // their data.
      await knex.migrate.down({ directory, name: WIDEN });
      await knex.migrate.down({ directory, name: CLAIM });
      await knex.migrate.down({ directory, name: STEPS[1].name });
      await expectTables(knex, [STEPS[1]], false);
      await expectSeeded(knex, [STEPS[0], STEPS[2]]);
      await knex.migrate.latest({ directory });
      await expectSeeded(knex, [STEPS[0], STEPS[2]]);
      const store = DatabaseInspectionStore.fromKnex(knex);
      expect((await store.listFindings()).total).toBe(0);
      const r = await store.startRun({
        cluster: CLUSTER,
        profile: 'p',
        trigger: 'manual',
      });
      await store.completeRun(r.id, [fail('r1', 'a')], ALL);
      expect((await store.listFindings()).total).toBe(1);
      await knex.migrate.down({ directory, name: WIDEN });
      await knex.migrate.down({ directory, name: CLAIM });
      await knex.migrate.down({ directory, name: STEPS[1].name });
      await knex.migrate.latest({ directory });
      await seed(knex, STEPS[1].rows);

      // Down, one migration at a time, newest first.
      for (let i = STEPS.length - 1; i >= 0; i--) {
        await knex.migrate.down({ directory });
        await expectTables(knex, [STEPS[i]], false);
        await expectSeeded(knex, STEPS.slice(0, i));
      }
      const [done] = await knex.migrate.list({ directory });
      expect(done).toHaveLength(0);

      // And up again, as the plugin does at startup: the schema takes the same rows.
      await migrateKubemateDatabase(
        mockServices.database({ knex, migrations: { skip: false } }),
      );
      await expectTables(knex, STEPS, true);
      for (const step of STEPS) await seed(knex, step.rows);
      await expectSeeded(knex, STEPS);
    });

    it('admits one running engine run per cluster after the claim migration, failing the older ones', async () => {
      const knex = await databases.init(id);
      const directory = migrationsDirectory;
      for (const step of STEPS.slice(0, 3)) {
        await knex.migrate.up({ directory, name: step.name });
      }
      const run = (runId: string, cluster: string, minute: number) => ({
        id: runId,
        cluster,
        profile: 'default',
        trigger: 'scheduled',
        source: 'engine',
        status: 'running',
        started_at: new Date(AT.getTime() + minute * 60_000),
      });
      const ids = [1, 2, 3].map(n => `${n}b7a3f5e-6c0b-4a35-a2a5-1f1e1e1e1e1e`);
      // Before: the clock decided, so a cluster could have several running rows.
      await knex('kubemate_inspection_runs').insert([
        run(ids[0], 'prod', 0),
        run(ids[1], 'prod', 5),
        run(ids[2], 'test', 0),
      ]);
      await knex.migrate.latest({ directory });

      const rows = await knex('kubemate_inspection_runs')
        .orderBy('id')
        .select('id', 'status', 'error', 'heartbeat_at', 'started_at');
      expect(rows.map(r => [r.id, r.status])).toEqual([
        [ids[0], 'failed'],
        [ids[1], 'running'],
        [ids[2], 'running'],
      ]);
      expect(rows[0].error).toMatch(/superseded/);
      expect(new Date(rows[1].heartbeat_at).getTime()).toBe(
        new Date(rows[1].started_at).getTime(),
      );
      await expect(
        knex('kubemate_inspection_runs').insert(
          run('4b7a3f5e-6c0b-4a35-a2a5-1f1e1e1e1e1e', 'prod', 9),
        ),
      ).rejects.toMatchObject({
        // SQLite's errors are not Error instances in Jest's realm: match the message.
        message: expect.stringMatching(/unique|duplicate/i),
      });
      // Ingested reports and finished runs are not held to it.
      await knex('kubemate_inspection_runs').insert({
        ...run('5b7a3f5e-6c0b-4a35-a2a5-1f1e1e1e1e1e', 'prod', 9),
        source: 'ansible',
      });
    });

    it('does nothing when the database service says to skip migrations', async () => {
      const knex = await databases.init(id);
      await migrateKubemateDatabase(
        mockServices.database({ knex, migrations: { skip: true } }),
      );
      const [done, pending] = await knex.migrate.list({
        directory: migrationsDirectory,
      });
      expect([done.length, pending.length]).toEqual([0, STEPS.length]);
      await expectTables(knex, STEPS, false);
    });
  });
});
