import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
  createInspector,
  defaultProfile,
  KubeObject,
  loadBaselineRulePack,
} from '@kubemate/plugin-kubemate-node';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { coverageFromInspection, withEntityRefs } from './coverage';
import {
  ALL,
  check,
  CLUSTER,
  createStore as createStoreOn,
  fail,
  pass,
  UNKNOWN_RUN_ID,
} from './database/__testUtils__/fixtures';
import { SYSTEM_ACTOR } from './InspectionStore';

jest.setTimeout(120_000);

// Lifecycle scenarios through the whole store; each operation has its own tests in
// database/operations.
describe('DatabaseInspectionStore', () => {
  const databases = createTestDatabases();
  const createStore = (id: (typeof databases)['supportedIds'][number]) =>
    createStoreOn(databases, id);

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
        store.completeRun(UNKNOWN_RUN_ID, [], ALL),
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
    'counts passed checks handed over as counts as it counts passed results, %p',
    async id => {
      // The same run twice, on two clusters: passed checks as results, then as counts.
      const passed = [
        pass('r2', 'a', {
          severity: 'medium',
          entityRef: 'component:default/shop',
        }),
        pass('r2', 'b', {
          severity: 'medium',
          entityRef: 'component:default/shop',
        }),
        pass('r3', 'a', {
          severity: 'high',
          entityRef: 'component:default/shop',
        }),
        pass('r1', 'c', { severity: 'low', namespace: 'pay' }),
        pass('r1', 'node-1', { severity: 'high', namespace: '' }),
      ];
      // Fingerprints are per cluster.
      const failedIn = (cluster: string) => [
        fail('r1', 'a', { cluster, entityRef: 'component:default/shop' }),
        fail('r1', 'b', { cluster, severity: 'high' }),
        fail('r2', 'c', { cluster, namespace: 'pay', severity: 'low' }),
        check('error', 'r3', 'd', { cluster, error: 'boom' }),
        check('skipped', 'r3', 'e', { cluster }),
      ];
      const counts = [
        {
          namespace: 'shop',
          entityRef: 'component:default/shop',
          severity: 'medium' as const,
          count: 2,
        },
        {
          namespace: 'shop',
          entityRef: 'component:default/shop',
          severity: 'high' as const,
          count: 1,
        },
        { namespace: 'pay', severity: 'low' as const, count: 1 },
        { severity: 'high' as const, count: 1 },
      ];
      const { store } = await createStore(id);
      const complete = async (
        cluster: string,
        results: ReturnType<typeof failedIn>,
        passedCounts?: typeof counts,
      ) => {
        const r = await store.startRun({
          cluster,
          profile: 'default',
          trigger: 'manual',
        });
        return store.completeRun(r.id, results, ALL, passedCounts);
      };
      const asResults = await complete('c1', [...failedIn('c1'), ...passed]);
      const asCounts = await complete('c2', failedIn('c2'), counts);
      const { executionFailures: _a, ...summary } = asResults.summary!;
      const { executionFailures: _b, ...counted } = asCounts.summary!;
      expect(counted).toEqual(summary);
      expect(summary).toMatchObject({ passed: 5, failed: 3, errors: 1 });
      expect(asCounts.progress).toEqual(asResults.progress);
      for (const scope of [
        {},
        { namespace: 'shop' },
        { namespace: 'pay' },
        { entityRef: 'component:default/shop' },
      ]) {
        const figures = async (cluster: string) => {
          const {
            runIds: _r,
            scope: _s,
            ...rest
          } = await store.currentSummary({ cluster, ...scope });
          const trend = (await store.trend({ cluster, ...scope })).map(
            ({ runId: _id, startedAt: _st, finishedAt: _f, ...t }) => t,
          );
          return { rest, trend };
        };
        expect(await figures('c2')).toEqual(await figures('c1'));
      }
      await expect(
        complete('c3', failedIn('c3'), [{ severity: 'high', count: -1 }]),
      ).rejects.toBeInstanceOf(InputError);
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
});
