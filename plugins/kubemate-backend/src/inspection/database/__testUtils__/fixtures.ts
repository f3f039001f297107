import type { TestDatabases } from '@backstage/backend-test-utils';
import { computeFingerprint, Severity } from '@kubemate/plugin-kubemate-node';
import { migratingDatabase } from '../../../__testUtils__/testDatabases';
import { DatabaseInspectionStore } from '../../DatabaseInspectionStore';
import type {
  InspectionRun,
  RunCoverage,
  StoreCheckResult,
} from '../../InspectionStore';

/** Test-only fixtures of the inspection store and its operations. */
export const CLUSTER = 'prod';
export const ALL: RunCoverage = { ruleIds: ['r1', 'r2', 'r3'] };
/** A well-formed run id that no run has. */
export const UNKNOWN_RUN_ID = '6f1c3f5e-6c0b-4a35-a2a5-1f1e1e1e1e1e';

export interface CheckOptions {
  namespace?: string;
  severity?: Severity;
  container?: string;
  entityRef?: string;
  error?: string;
  cluster?: string;
}

export function check(
  status: StoreCheckResult['status'],
  ruleId: string,
  name: string,
  opts: CheckOptions = {},
): StoreCheckResult {
  const namespace = opts.namespace ?? 'shop';
  const resource = {
    kind: 'Deployment',
    namespace,
    name,
    container: opts.container,
  };
  return {
    status,
    ruleId,
    ruleVersion: '1.0.0',
    title: `${ruleId} title`,
    category: 'security',
    severity: opts.severity ?? 'medium',
    resource,
    fingerprint: computeFingerprint({
      cluster: opts.cluster ?? CLUSTER,
      ruleId,
      ...resource,
    }),
    message: `${name} violates ${ruleId}`,
    observed: 'true',
    expected: 'false',
    remediation: 'Do the right thing',
    fix: `kubectl -n ${namespace} patch deployment ${name}`,
    entityRef: opts.entityRef,
    error: opts.error,
  };
}

export const fail = (ruleId: string, name: string, opts?: CheckOptions) =>
  check('failed', ruleId, name, opts);
export const pass = (ruleId: string, name: string, opts?: CheckOptions) =>
  check('passed', ruleId, name, opts);

type DatabaseId = Parameters<TestDatabases['init']>[0];

/**
 * A migrated database with a store on a clock that moves only when told, and `run` which
 * starts and completes a run one minute later.
 */
export async function createStore(databases: TestDatabases, id: DatabaseId) {
  const { knex, database } = await migratingDatabase(databases, id);
  let now = new Date('2026-11-22T10:00:00.000Z');
  const clock = {
    now: () => now,
    advance(ms: number) {
      now = new Date(now.getTime() + ms);
    },
  };
  const store = await DatabaseInspectionStore.create({
    database,
    clock: () => clock.now(),
  });
  const run = async (
    results: StoreCheckResult[],
    coverage: RunCoverage = ALL,
    cluster = CLUSTER,
  ) => {
    clock.advance(60_000);
    const r = await store.startRun({
      cluster,
      profile: 'default',
      trigger: 'scheduled',
    });
    clock.advance(1_000);
    return store.completeRun(r.id, results, coverage);
  };
  /** A manual run that stays running. */
  const start = () =>
    store.startRun({ cluster: CLUSTER, profile: 'default', trigger: 'manual' });
  return { knex, store, clock, run, start };
}

/** One run over two namespaces and two entities, for filters, sorting and scoped summaries. */
export const MIXED_RUN: StoreCheckResult[] = [
  fail('r1', 'a', { severity: 'low', entityRef: 'component:default/shop' }),
  fail('r1', 'b', { severity: 'high', entityRef: 'component:default/shop' }),
  fail('r2', 'c', {
    severity: 'medium',
    namespace: 'pay',
    entityRef: 'component:default/pay',
  }),
  fail('r3', 'd', { severity: 'high', namespace: 'pay', container: 'app' }),
  fail('r3', 'e', { severity: 'low', namespace: 'pay' }),
  pass('r2', 'a', { severity: 'medium', entityRef: 'component:default/shop' }),
];

/** Three runs: b fixed and c new in the second, c fixed in the third (a stays throughout). */
export async function threeRuns(
  run: (results: StoreCheckResult[]) => Promise<InspectionRun>,
) {
  const a = fail('r1', 'a');
  const b = fail('r1', 'b');
  const c = fail('r2', 'c');
  const r1 = await run([a, b, pass('r2', 'x')]);
  const r2 = await run([a, c, pass('r2', 'x')]);
  const r3 = await run([a, pass('r1', 'b'), pass('r2', 'c'), pass('r2', 'x')]);
  return { a, b, c, r1, r2, r3 };
}
