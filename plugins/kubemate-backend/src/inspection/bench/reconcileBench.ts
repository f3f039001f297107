/* eslint-disable no-console */
/**
 * Benchmark of run reconciliation: N findings reported against N stored ones.
 *
 *   cd plugins/kubemate-backend
 *   node -r @backstage/cli/config/nodeTransform.cjs src/inspection/bench/reconcileBench.ts [findings] [passed]
 *
 * Creates (and drops) its own PostgreSQL database on $PG_URL (default
 * postgresql://postgres@127.0.0.1:5432) and a SQLite file in the temp directory. Set
 * SKIP_PG=1 or SKIP_SQLITE=1 to run only one of them.
 *
 * Per database it times:
 *   1. first run: N new findings into an empty table;
 *   2. steady run: N findings against N stored: 90% seen again (new → open), 10% new,
 *      10% of the stored ones not seen (→ fixed), 1% of them ignored;
 *   3. the same run again (nothing changes state).
 * Defaults: 50,000 findings and 50,000 passed checks per run.
 */
import { computeFingerprint, Severity } from '@kubemate/plugin-kubemate-node';
import { knex as createKnex, Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { migrateKubemateDatabase } from '../../database/migrations';
import { DatabaseInspectionStore } from '../DatabaseInspectionStore';
import { RunCoverage, StoreCheckResult } from '../InspectionStore';

const FINDINGS = Number(process.argv[2] ?? 50_000);
const PASSED = Number(process.argv[3] ?? 50_000);
const PG_URL = process.env.PG_URL ?? 'postgresql://postgres@127.0.0.1:5432';
const CLUSTER = 'bench';
const RULES = Array.from({ length: 40 }, (_, i) => `rule-${i}`);
const SEVERITY: Severity[] = ['high', 'medium', 'low'];

function result(i: number, status: 'passed' | 'failed'): StoreCheckResult {
  const ruleId = RULES[i % RULES.length];
  const nsIndex = Math.floor(i / 100) % 500;
  const namespace = `ns-${nsIndex}`;
  const resource = {
    kind: 'Deployment',
    namespace,
    name: `app-${i}`,
    container: 'main',
  };
  return {
    status,
    ruleId,
    ruleVersion: '1.0.0',
    title: `Rule ${ruleId} title`,
    category: 'security',
    severity: SEVERITY[i % 3],
    resource,
    fingerprint: computeFingerprint({ cluster: CLUSTER, ruleId, ...resource }),
    message: `Container main of Deployment app-${i} violates ${ruleId}`,
    observed: 'securityContext.privileged = true',
    expected: 'securityContext.privileged = false',
    remediation: 'Set securityContext.privileged to false or remove it.',
    fix: `kubectl -n ${namespace} patch deployment app-${i} -p '{"spec":{"template":{"spec":{"containers":[{"name":"main","securityContext":{"privileged":false}}]}}}}'`,
    // One entity per namespace, as with the backstage.io/kubernetes-namespace annotation.
    entityRef: `component:default/app-${nsIndex}`,
  };
}

function results(from: number, to: number): StoreCheckResult[] {
  const out: StoreCheckResult[] = [];
  for (let i = from; i < to; i++) out.push(result(i, 'failed'));
  for (let i = 0; i < PASSED; i++) out.push(result(10_000_000 + i, 'passed'));
  return out;
}

async function time<T>(label: string, fn: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  const value = await fn();
  console.log(
    `  ${label.padEnd(58)} ${((performance.now() - t0) / 1000).toFixed(2)} s`,
  );
  return value;
}

async function bench(name: string, db: Knex) {
  console.log(`${name}: ${FINDINGS} findings, ${PASSED} passed checks per run`);
  await migrateKubemateDatabase({ getClient: async () => db });
  const store = DatabaseInspectionStore.fromKnex(db);
  const coverage: RunCoverage = { ruleIds: RULES };
  const run = async (label: string, input: StoreCheckResult[]) => {
    const r = await store.startRun({
      cluster: CLUSTER,
      profile: 'bench',
      trigger: 'scheduled',
    });
    const done = await time(label, () =>
      store.completeRun(r.id, input, coverage),
    );
    const s = done.summary!;
    console.log(
      `    → new ${s.newFindings}, reopened ${s.reopenedFindings}, fixed ${s.fixedFindings}, score ${s.score}`,
    );
  };
  const first = results(0, FINDINGS);
  await run('1. first run (all new)', first);
  // 1% ignored by a person.
  const ignored = first.slice(0, Math.floor(FINDINGS / 100));
  await time(
    `   ignore ${ignored.length} findings (one call each)`,
    async () => {
      for (const f of ignored) {
        await store.ignore(f.fingerprint, {
          reason: 'accepted-risk',
          actor: 'user:default/bench',
        });
      }
    },
  );
  const shift = Math.floor(FINDINGS / 10);
  const steady = results(shift, FINDINGS + shift);
  await run(`2. steady run (${FINDINGS} vs ${FINDINGS} stored)`, steady);
  await run('3. same run again (no state changes)', steady);
  await time('   listFindings (high, open, page 1 of 50)', () =>
    store.listFindings(
      { cluster: CLUSTER, severity: 'high', state: 'open' },
      [],
      { limit: 50 },
    ),
  );
  await time('   currentSummary (cluster)', () =>
    store.currentSummary({ cluster: CLUSTER }),
  );
  await time('   currentSummary (entity)', () =>
    store.currentSummary({ entityRef: 'component:default/app-7' }),
  );
}

async function main() {
  if (!process.env.SKIP_PG) {
    const dbName = `kubemate_bench_${randomUUID()
      .replace(/-/g, '')
      .slice(0, 12)}`;
    const admin = createKnex({
      client: 'pg',
      connection: `${PG_URL}/postgres`,
    });
    await admin.raw('create database ??', [dbName]);
    const db = createKnex({ client: 'pg', connection: `${PG_URL}/${dbName}` });
    try {
      await bench(`PostgreSQL (${dbName})`, db);
    } finally {
      await db.destroy();
      await admin.raw('drop database if exists ??', [dbName]);
      await admin.destroy();
    }
  }
  if (!process.env.SKIP_SQLITE) {
    const file = path.join(os.tmpdir(), `kubemate-bench-${process.pid}.sqlite`);
    const db = createKnex({
      client: 'better-sqlite3',
      connection: { filename: file },
      useNullAsDefault: true,
    });
    try {
      await bench(`SQLite (${file})`, db);
    } finally {
      await db.destroy();
      fs.rmSync(file, { force: true });
    }
  }
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});
