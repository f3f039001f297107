import {
  createTestDatabases,
  migratingDatabase,
} from '../__testUtils__/testDatabases';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
  computeFingerprint,
  createInspector,
  defaultProfile,
  KubeObject,
  loadBaselineRulePack,
  Severity,
} from '@kubemate/plugin-kubemate-node';
import { coverageFromInspection, withEntityRefs } from './coverage';
import { DatabaseInspectionStore } from './DatabaseInspectionStore';
import { RunCoverage, StoreCheckResult, SYSTEM_ACTOR } from './InspectionStore';

jest.setTimeout(120_000);

const CLUSTER = 'prod';

function check(
  status: StoreCheckResult['status'],
  ruleId: string,
  name: string,
  opts: {
    namespace?: string;
    severity?: Severity;
    container?: string;
    entityRef?: string;
    error?: string;
    cluster?: string;
  } = {},
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

const fail = (
  ruleId: string,
  name: string,
  opts?: Parameters<typeof check>[3],
) => check('failed', ruleId, name, opts);
const pass = (
  ruleId: string,
  name: string,
  opts?: Parameters<typeof check>[3],
) => check('passed', ruleId, name, opts);

const ALL: RunCoverage = { ruleIds: ['r1', 'r2', 'r3'] };

describe('DatabaseInspectionStore', () => {
  const databases = createTestDatabases();

  async function createStore(
    databaseId: (typeof databases)['supportedIds'][number],
  ) {
    const { knex, database } = await migratingDatabase(databases, databaseId);
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
    return { knex, store, clock, run };
  }

  it.each(databases.eachSupportedId())(
    'tracks new → open → fixed → reopened, %p',
    async id => {
      const { store, run } = await createStore(id);
      const a = fail('r1', 'a');
      const b = fail('r1', 'b', { severity: 'high' });

      const r1 = await run([a, b, pass('r2', 'a')]);
      expect(r1.status).toBe('succeeded');
      expect(r1.summary).toMatchObject({
        total: 3,
        passed: 1,
        failed: 2,
        newFindings: 2,
        fixedFindings: 0,
        failedBySeverity: { high: 1, medium: 1, low: 0 },
      });
      expect((await store.getFinding(a.fingerprint)).state).toBe('new');

      await run([a, b]);
      expect((await store.getFinding(a.fingerprint)).state).toBe('open');

      const r3 = await run([a]);
      expect(r3.summary).toMatchObject({ fixedFindings: 1, newFindings: 0 });
      const fixedB = await store.getFinding(b.fingerprint);
      expect(fixedB.state).toBe('fixed');
      expect(fixedB.fixedRunId).toBe(r3.id);

      await run([a]);
      expect((await store.getFinding(b.fingerprint)).state).toBe('fixed');

      const r5 = await run([a, b]);
      expect(r5.summary).toMatchObject({ reopenedFindings: 1 });
      const reopened = await store.getFinding(b.fingerprint);
      expect(reopened.state).toBe('reopened');
      expect(reopened.timesSeen).toBe(4 - 1);
      expect(reopened.firstSeenRunId).toBe(r1.id);
      expect(reopened.lastSeenRunId).toBe(r5.id);
      expect(
        reopened.history!.map(t => [t.from ?? null, t.to, t.actor]),
      ).toEqual([
        [null, 'new', SYSTEM_ACTOR],
        ['new', 'open', SYSTEM_ACTOR],
        ['open', 'fixed', SYSTEM_ACTOR],
        ['fixed', 'reopened', SYSTEM_ACTOR],
      ]);
      expect(reopened.history![3].runId).toBe(r5.id);
      expect((await store.getFinding(a.fingerprint)).history).toHaveLength(2);

      // Per-sighting values and (less often) the rule text are refreshed.
      await run([
        { ...a, observed: 'still true', remediation: 'Do it now' },
        { ...b, severity: 'low', entityRef: 'component:default/b' },
      ]);
      expect(await store.getFinding(a.fingerprint)).toMatchObject({
        observed: 'still true',
        remediation: 'Do it now',
        state: 'open',
        timesSeen: 6,
      });
      expect(await store.getFinding(b.fingerprint)).toMatchObject({
        severity: 'low',
        entityRef: 'component:default/b',
        remediation: 'Do the right thing',
        state: 'reopened',
        stateChangedAt: reopened.stateChangedAt,
      });
      expect(reopened).toMatchObject({
        resource: { kind: 'Deployment', namespace: 'shop', name: 'b' },
        observed: 'true',
        expected: 'false',
        remediation: 'Do the right thing',
        fix: 'kubectl -n shop patch deployment b',
      });
    },
  );

  it.each(databases.eachSupportedId())(
    'ignores with a reason and expiry, %p',
    async id => {
      const { store, run, clock } = await createStore(id);
      const a = fail('r1', 'a', { severity: 'high' });
      const b = fail('r1', 'b', { severity: 'low' });
      await run([a, b, pass('r2', 'a', { severity: 'high' })]);

      await expect(
        store.ignore('0'.repeat(64), {
          reason: 'accepted-risk',
          actor: 'user:default/jane',
        }),
      ).rejects.toBeInstanceOf(NotFoundError);
      await expect(
        store.ignore(a.fingerprint, {
          reason: 'because' as any,
          actor: 'user:default/jane',
        }),
      ).rejects.toBeInstanceOf(InputError);
      await expect(
        store.unignore(a.fingerprint, 'user:default/jane'),
      ).rejects.toBeInstanceOf(ConflictError);

      const until = new Date(clock.now().getTime() + 3600_000);
      const ignored = await store.ignore(a.fingerprint, {
        reason: 'accepted-risk',
        comment: 'legacy app, replaced in Q1',
        until,
        actor: 'user:default/jane',
      });
      expect(ignored.state).toBe('ignored');
      expect(ignored.ignored).toMatchObject({
        reason: 'accepted-risk',
        comment: 'legacy app, replaced in Q1',
        by: 'user:default/jane',
        until,
      });

      // Excluded from the score and risk counts, but still listed.
      const summary = await store.currentSummary({ cluster: CLUSTER });
      expect(summary).toMatchObject({
        passed: 1,
        failed: 1,
        ignored: 1,
        risksBySeverity: { high: 0, medium: 0, low: 1 },
      });
      expect(summary.score).toBeCloseTo((100 * 10) / 11, 1);
      const listed = await store.listFindings({
        cluster: CLUSTER,
        state: 'ignored',
      });
      expect(listed.items.map(i => i.fingerprint)).toEqual([a.fingerprint]);

      // Seen again while ignored: stays ignored, excluded from the run's score.
      const r2 = await run([a, b, pass('r2', 'a', { severity: 'high' })]);
      expect(r2.summary).toMatchObject({ failed: 1, ignored: 1, passed: 1 });
      expect((await store.getFinding(a.fingerprint)).state).toBe('ignored');

      // After expiry the next reconciliation brings it back.
      clock.advance(2 * 3600_000);
      await run([a, b]);
      const back = await store.getFinding(a.fingerprint);
      expect(back.state).toBe('open');
      expect(back.ignored).toBeUndefined();
      expect(
        back
          .history!.slice(-2)
          .map(t => [t.from, t.to, t.actor, t.reason ?? null]),
      ).toEqual([
        ['new', 'ignored', 'user:default/jane', 'accepted-risk'],
        ['ignored', 'open', SYSTEM_ACTOR, 'ignore-expired'],
      ]);

      // A fixed finding that comes back after an ignore expired is reopened.
      await run([b]);
      expect((await store.getFinding(a.fingerprint)).state).toBe('fixed');
      await store.ignore(a.fingerprint, {
        reason: 'false-positive',
        until: new Date(clock.now().getTime() + 1000),
        actor: 'user:default/joe',
      });
      clock.advance(5000);
      await run([a, b]);
      expect((await store.getFinding(a.fingerprint)).state).toBe('reopened');

      // unignore by a person.
      await store.ignore(b.fingerprint, {
        reason: 'false-positive',
        actor: 'user:default/joe',
      });
      const un = await store.unignore(b.fingerprint, 'user:default/joe');
      expect(un.state).toBe('open');
      expect(un.history!.at(-1)).toMatchObject({
        from: 'ignored',
        to: 'open',
        actor: 'user:default/joe',
      });
    },
  );

  it.each(databases.eachSupportedId())(
    'fixes only what a complete run covered, %p',
    async id => {
      const { store, run } = await createStore(id);
      const a = fail('r1', 'a');
      const b = fail('r2', 'b');
      const c = fail('r3', 'c', { namespace: 'other' });
      const d = fail('r3', 'd');
      await run([a, b, c, d]);

      // A failed run marks nothing fixed.
      const dead = await store.startRun({
        cluster: CLUSTER,
        profile: 'default',
        trigger: 'manual',
      });
      await store.updateProgress(dead.id, { total: 10, done: 3 });
      const failed = await store.failRun(
        dead.id,
        'lost connection to the API server',
      );
      expect(failed).toMatchObject({
        status: 'failed',
        error: 'lost connection to the API server',
      });
      expect(failed.progress).toMatchObject({ total: 10, done: 3 });
      await expect(store.completeRun(dead.id, [], ALL)).rejects.toBeInstanceOf(
        ConflictError,
      );
      await expect(store.failRun(dead.id, 'again')).rejects.toBeInstanceOf(
        ConflictError,
      );
      await expect(
        store.updateProgress(dead.id, { done: 4 }),
      ).rejects.toBeInstanceOf(ConflictError);
      await expect(
        store.completeRun('6f1c3f5e-6c0b-4a35-a2a5-1f1e1e1e1e1e', [], ALL),
      ).rejects.toBeInstanceOf(NotFoundError);

      // Rule r2 not covered; r3 covered only in namespace "shop"; r1's check on "a" errored.
      const r = await run(
        [check('error', 'r1', 'a', { error: 'cel: no such key' })],
        { ruleIds: ['r1', 'r3'], namespaces: ['shop'] },
      );
      expect(r.summary).toMatchObject({ fixedFindings: 1, errors: 1 });
      expect(r.summary!.executionFailures).toEqual([
        expect.objectContaining({
          ruleId: 'r1',
          error: 'cel: no such key',
          count: 1,
        }),
      ]);
      const states = Object.fromEntries(
        (await store.listFindings({ cluster: CLUSTER })).items.map(f => [
          f.resource.name,
          f.state,
        ]),
      );
      expect(states).toEqual({ a: 'new', b: 'new', c: 'new', d: 'fixed' });

      // An incomplete run fixes nothing.
      await run([], { ruleIds: ['r1', 'r2', 'r3'], complete: false });
      expect(
        (await store.listFindings({ cluster: CLUSTER, state: 'fixed' })).total,
      ).toBe(1);

      // Excluded namespaces and per-rule scopes.
      await run([], {
        ruleIds: ['r1', 'r2', 'r3'],
        excludeNamespaces: ['shop'],
        perRule: {},
      });
      expect((await store.getFinding(c.fingerprint)).state).toBe('fixed');
      expect((await store.getFinding(a.fingerprint)).state).toBe('new');

      // Runs of another cluster never touch this one.
      await run([], ALL, 'staging');
      expect((await store.getFinding(a.fingerprint)).state).toBe('new');

      expect(await store.failStaleRuns(new Date('2100-01-01'))).toBe(0);
      const stuck = await store.startRun({
        cluster: CLUSTER,
        profile: 'x',
        trigger: 'change',
      });
      expect(await store.failStaleRuns(new Date('2100-01-01'))).toBe(1);
      expect((await store.getRun(stuck.id)).status).toBe('failed');
    },
  );

  it.each(databases.eachSupportedId())(
    'filters, sorts and pages findings, %p',
    async id => {
      const { store, run } = await createStore(id);
      await run([
        fail('r1', 'a', {
          severity: 'low',
          entityRef: 'component:default/shop',
        }),
        fail('r1', 'b', {
          severity: 'high',
          entityRef: 'component:default/shop',
        }),
        fail('r2', 'c', {
          severity: 'medium',
          namespace: 'pay',
          entityRef: 'component:default/pay',
        }),
        fail('r3', 'd', {
          severity: 'high',
          namespace: 'pay',
          container: 'app',
        }),
        fail('r3', 'e', { severity: 'low', namespace: 'pay' }),
        pass('r2', 'a', {
          severity: 'medium',
          entityRef: 'component:default/shop',
        }),
      ]);

      const all = await store.listFindings();
      expect(all.total).toBe(5);
      expect(all.items.map(i => i.severity)).toEqual([
        'high',
        'high',
        'medium',
        'low',
        'low',
      ]);
      expect(all.items[0].history).toHaveLength(1);

      const byName = await store.listFindings(
        {},
        [{ field: 'name', order: 'asc' }],
        { limit: 2, offset: 1 },
      );
      expect(byName.total).toBe(5);
      expect(byName.items.map(i => i.resource.name)).toEqual(['b', 'c']);

      const sevNs = await store.listFindings(
        { severity: ['high', 'medium'], namespace: 'pay' },
        [{ field: 'severity', order: 'asc' }],
      );
      expect(sevNs.items.map(i => i.resource.name)).toEqual(['c', 'd']);
      expect((await store.listFindings({ ruleId: 'r3' })).total).toBe(2);
      expect((await store.listFindings({ category: 'network' })).total).toBe(0);
      expect(
        (await store.listFindings({ entityRef: 'component:default/shop' }))
          .total,
      ).toBe(2);
      expect(
        (await store.listFindings({ search: 'D' })).items.map(
          i => i.resource.name,
        ),
      ).toEqual(['d']);
      expect(
        (await store.listFindings({ state: 'new', cluster: 'nope' })).total,
      ).toBe(0);
      await expect(
        store.listFindings({}, [{ field: 'bogus' as any }]),
      ).rejects.toBeInstanceOf(InputError);
      await expect(
        store.listFindings({}, [], { limit: 0 }),
      ).rejects.toBeInstanceOf(InputError);

      // Scoped summaries.
      const shop = await store.currentSummary({
        entityRef: 'component:default/shop',
      });
      expect(shop).toMatchObject({ passed: 1, failed: 2, total: 3 });
      expect(shop.score).toBe(31.3); // 100 × 5 / (5 + 10 + 1), one decimal
      const pay = await store.currentSummary({
        cluster: CLUSTER,
        namespace: 'pay',
      });
      expect(pay).toMatchObject({
        passed: 0,
        failed: 3,
        risksBySeverity: { high: 1, medium: 1, low: 1 },
      });
      expect(pay.score).toBe(0);
      const whole = await store.currentSummary();
      expect(whole).toMatchObject({ passed: 1, failed: 5, passRate: 1 / 6 });
    },
  );

  it.each(databases.eachSupportedId())(
    'reports trend and diff with the previous run, %p',
    async id => {
      const { store, run } = await createStore(id);
      const a = fail('r1', 'a');
      const b = fail('r1', 'b');
      const c = fail('r2', 'c');
      const r1 = await run([a, b, pass('r2', 'x')]);
      const r2 = await run([a, c, pass('r2', 'x')]);
      const r3 = await run([
        a,
        pass('r1', 'b'),
        pass('r2', 'c'),
        pass('r2', 'x'),
      ]);

      const trend = await store.trend({ cluster: CLUSTER });
      expect(
        trend.map(t => [
          t.runId,
          t.failed,
          t.passed,
          t.newFindings,
          t.fixedFindings,
        ]),
      ).toEqual([
        [r1.id, 2, 1, 2, 0],
        [r2.id, 2, 1, 1, 1],
        [r3.id, 1, 3, 0, 1],
      ]);
      expect(trend[2].score).toBeGreaterThan(trend[0].score);
      expect(
        (await store.trend({ cluster: CLUSTER, limit: 2 })).map(t => t.runId),
      ).toEqual([r2.id, r3.id]);

      const d2 = await store.diffWithPrevious(r2.id);
      expect(d2.previousRunId).toBe(r1.id);
      expect(d2.new.map(f => f.fingerprint)).toEqual([c.fingerprint]);
      expect(d2.fixed.map(f => f.fingerprint)).toEqual([b.fingerprint]);
      const d1 = await store.diffWithPrevious(r1.id);
      expect(d1.previousRunId).toBeUndefined();
      expect(d1.new).toHaveLength(2);
      await expect(
        store.diffWithPrevious('6f1c3f5e-6c0b-4a35-a2a5-1f1e1e1e1e1e'),
      ).rejects.toBeInstanceOf(NotFoundError);
      await expect(store.getRun('not-a-uuid')).rejects.toBeInstanceOf(
        NotFoundError,
      );
      await expect(store.failRun("1' or '1'='1", 'x')).rejects.toBeInstanceOf(
        NotFoundError,
      );

      const runs = await store.listRuns({ cluster: CLUSTER, limit: 2 });
      expect(runs.total).toBe(3);
      expect(runs.items.map(r => r.id)).toEqual([r3.id, r2.id]);
      expect((await store.listRuns({ cluster: 'other' })).total).toBe(0);

      // Retention keeps the latest succeeded run and every finding's history.
      expect(await store.pruneRuns(new Date('2100-01-01'))).toBe(2);
      const left = await store.listRuns({ cluster: CLUSTER });
      expect(left.items.map(r => r.id)).toEqual([r3.id]);
      expect((await store.getFinding(b.fingerprint)).history).toHaveLength(2);
      const current = await store.currentSummary({ cluster: CLUSTER });
      expect(current.runIds).toEqual([r3.id]);
    },
  );

  it.each(databases.eachSupportedId())(
    'follows the real state of ignored findings and lets skipped checks fix, %p',
    async id => {
      const { store, run } = await createStore(id);
      const a = fail('r1', 'a');
      const b = fail('r1', 'b');
      await run([a, b]);
      await store.ignore(a.fingerprint, {
        reason: 'accepted-risk',
        actor: 'user:default/jane',
      });
      // Fixed while ignored: stays ignored, an unignore returns it to fixed.
      await run([b]);
      expect((await store.getFinding(a.fingerprint)).state).toBe('ignored');
      expect(
        (await store.unignore(a.fingerprint, 'user:default/jane')).state,
      ).toBe('fixed');
      // Back while ignored: the unignore reopens it.
      await store.ignore(a.fingerprint, {
        reason: 'accepted-risk',
        actor: 'user:default/jane',
      });
      await run([a, b]);
      expect(
        (await store.unignore(a.fingerprint, 'user:default/jane')).state,
      ).toBe('reopened');
      // An exempted (skipped) check is no longer a finding.
      const r = await run([a, check('skipped', 'r1', 'b')]);
      expect(r.summary).toMatchObject({ fixedFindings: 1, skipped: 1 });
      expect((await store.getFinding(b.fingerprint)).state).toBe('fixed');
    },
  );

  it.each(databases.eachSupportedId())(
    'reports the trend of a namespace or entity, %p',
    async id => {
      const { store, run } = await createStore(id);
      const shop = { entityRef: 'component:default/shop' };
      const pay = { namespace: 'pay', entityRef: 'component:default/pay' };
      const r1 = await run([
        fail('r1', 'a', shop),
        fail('r1', 'b', { ...shop, severity: 'high' }),
        fail('r1', 'c', pay),
        pass('r2', 'a', shop),
      ]);
      const r2 = await run([
        fail('r1', 'a', shop),
        pass('r1', 'b', { ...shop, severity: 'high' }),
        fail('r1', 'c', pay),
        fail('r2', 'd', pay),
        pass('r2', 'a', shop),
      ]);
      const trend = await store.trend({
        cluster: CLUSTER,
        entityRef: 'component:default/shop',
      });
      expect(
        trend.map(t => [
          t.runId,
          t.passed,
          t.failed,
          t.newFindings,
          t.fixedFindings,
        ]),
      ).toEqual([
        [r1.id, 1, 2, 2, 0],
        [r2.id, 2, 1, 0, 1],
      ]);
      expect(trend[0].failedBySeverity).toEqual({ high: 1, medium: 1, low: 0 });
      expect(trend[1].score).toBe(75); // (5 + 10) / (5 + 10 + 5)
      const ns = await store.trend({ cluster: CLUSTER, namespace: 'pay' });
      expect(ns.map(t => [t.failed, t.newFindings, t.score])).toEqual([
        [1, 1, 0],
        [2, 1, 0],
      ]);
      expect(await store.trend({ cluster: 'none', namespace: 'pay' })).toEqual(
        [],
      );
    },
  );

  it.each(databases.eachSupportedId())(
    'stores a real engine run with its coverage, %p',
    async id => {
      const { store, clock } = await createStore(id);
      const pack = loadBaselineRulePack();
      const profile = {
        ...defaultProfile(),
        excludeNamespaces: ['kube-system'],
      };
      const inspector = createInspector({ rules: pack.rules, profile });
      const deployment = (
        namespace: string,
        name: string,
        privileged: boolean,
      ) => ({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { namespace, name, uid: `${namespace}-${name}` },
        spec: {
          replicas: 1,
          selector: { matchLabels: { app: name } },
          template: {
            metadata: { labels: { app: name } },
            spec: {
              containers: [
                {
                  name: 'app',
                  image: 'registry.example.com/app:1.0.0',
                  securityContext: { privileged },
                },
              ],
            },
          },
        },
      });
      const inspect = async (objects: KubeObject[]) => {
        const result = inspector.inspect(objects, {
          cluster: CLUSTER,
          now: clock.now(),
        });
        const r = await store.startRun({
          cluster: CLUSTER,
          profile: result.profile,
          trigger: 'manual',
          requestedBy: 'user:default/jane',
        });
        return store.completeRun(
          r.id,
          withEntityRefs(result.results, res =>
            res.namespace === 'shop' ? 'component:default/shop' : undefined,
          ),
          coverageFromInspection(result, profile),
        );
      };
      const first = await inspect([
        deployment('shop', 'web', true),
        deployment('kube-system', 'dns', true),
      ]);
      expect(first.summary!.failed).toBeGreaterThan(0);
      expect(first.coverage!.excludeNamespaces).toEqual(['kube-system']);
      const privileged = await store.listFindings({
        ruleId: 'container-privileged',
        entityRef: 'component:default/shop',
      });
      expect(privileged.items).toHaveLength(1);
      expect(privileged.items[0]).toMatchObject({
        state: 'new',
        resource: {
          kind: 'Deployment',
          namespace: 'shop',
          name: 'web',
          container: 'app',
        },
      });
      expect(privileged.items[0].fix).toContain('kubectl -n shop patch');

      await inspect([deployment('shop', 'web', false)]);
      expect(
        (await store.getFinding(privileged.items[0].fingerprint)).state,
      ).toBe('fixed');
      const summary = await store.currentSummary({
        entityRef: 'component:default/shop',
      });
      expect(summary.passed).toBeGreaterThan(0);
    },
  );

  it.each(databases.eachSupportedId())(
    'migrates down and up again with data, %p',
    async id => {
      const { knex, run } = await createStore(id);
      await run([fail('r1', 'a'), pass('r2', 'a')]);
      const directory = require('node:path').resolve(
        __dirname,
        '../../migrations',
      );
      // Roll back only this plugin's inspection migration (the last one).
      await knex.migrate.down({
        directory,
        name: '20261122010000_inspection.js',
      });
      for (const t of [
        'runs',
        'findings',
        'transitions',
        'run_stats',
        'ingests',
      ]) {
        expect(await knex.schema.hasTable(`kubemate_inspection_${t}`)).toBe(
          false,
        );
      }
      expect(await knex.schema.hasTable('kubemate_cluster_status')).toBe(true);
      await knex.migrate.latest({ directory });
      const store = DatabaseInspectionStore.fromKnex(knex);
      expect((await store.listFindings()).total).toBe(0);
      const r = await store.startRun({
        cluster: CLUSTER,
        profile: 'p',
        trigger: 'manual',
      });
      await store.completeRun(r.id, [fail('r1', 'a')], ALL);
      expect((await store.listFindings()).total).toBe(1);
    },
  );
});
