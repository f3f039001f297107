import { computeFingerprint } from '@kubemate/plugin-kubemate-node';
import { DatabaseAuditLogStore } from '../audit/DatabaseAuditLogStore';
import {
  createTestDatabases,
  migratingDatabase,
} from '../__testUtils__/testDatabases';
import { DatabaseInspectionStore } from '../inspection/DatabaseInspectionStore';
import type { StoreCheckResult } from '../inspection/InspectionStore';
import { DatabaseClusterStatusStore } from './DatabaseClusterStatusStore';

jest.setTimeout(60_000);

// The longest values the sources of each column allow.
/** DNS label (namespaces, container names, label values, CRD kinds): 63. */
const label = (c: string) => c.repeat(63);
/** DNS subdomain (most object names, node and host names, API groups): 253. */
const subdomain = (c: string) =>
  [c.repeat(63), c.repeat(63), c.repeat(63), c.repeat(61)].join('.');
const NAMESPACE = label('n');
/** A Kind: letters and digits, up to 63. */
const KIND = `K${'k'.repeat(62)}`;
const CLUSTER = subdomain('c');
/** group (subdomain) / version (63 letters and digits): 317. */
const API_VERSION = `${subdomain('g')}/v${'1'.repeat(62)}`;
/** RBAC objects have path-segment names: no length limit (one of 600 here). */
const RBAC_NAME = `system:controller:${'r'.repeat(582)}`;
/** An Ansible inventory name is any string: also the resource name of its checks. */
const INVENTORY_HOST = `${'h'.repeat(500)} (bastion)`;
/** core/v1 Events do not bound `reason` (events.k8s.io/v1 allows 128). */
const EVENT_REASON = 'FailedMount'.padEnd(1000, 'x');
/** The catalog's longest entity ref: kind, namespace and name of 63 each. */
const ENTITY_REF = `${'component'.padEnd(63, 'c')}:${label('d')}/${label('e')}`;
const ACTOR = `${'user'.padEnd(63, 'u')}:${label('d')}/${label('a')}`;
/** Rule ids: rule packs and Ansible task names allow 253. */
const RULE_ID = `CIS-${'9'.repeat(249)}`;
const LONG_TEXT = 'line of text\n'.repeat(5000);

function result(
  resource: StoreCheckResult['resource'],
  detail?: string,
): StoreCheckResult {
  return {
    status: 'failed',
    ruleId: RULE_ID,
    ruleVersion: 'v'.repeat(64),
    title: LONG_TEXT.slice(0, 1000),
    category: 'security',
    severity: 'high',
    resource,
    fingerprint: computeFingerprint({
      cluster: CLUSTER,
      ruleId: RULE_ID,
      ...resource,
      detail,
    }),
    ...(detail ? { detail } : {}),
    message: LONG_TEXT,
    observed: LONG_TEXT,
    expected: LONG_TEXT,
    remediation: LONG_TEXT,
    fix: LONG_TEXT,
    docs: LONG_TEXT,
    entityRef: ENTITY_REF,
  };
}

/**
 * Every table takes the longest legal value of each column through the real stores. On
 * PostgreSQL a value longer than varchar(n) is an error, so a column sized too small fails here
 * (SQLite accepts anything and runs the same writes).
 */
describe('longest legal values', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', id => {
    it('fit every column of every table', async () => {
      const { knex, database } = await migratingDatabase(databases, id);

      // kubemate_cluster_status
      const clusters = await DatabaseClusterStatusStore.create({ database });
      const checkedAt = new Date('2026-12-04T10:00:00.000Z');
      const gitVersion = `v1.32.0-${'build.'.repeat(60)}`;
      await clusters.record([
        {
          clusterName: CLUSTER,
          reachable: true,
          version: { major: '1', minor: '32', gitVersion, platform: 'linux' },
          error: LONG_TEXT,
          latencyMs: 1,
          checkedAt,
        },
      ]);
      expect(await clusters.list()).toEqual([
        expect.objectContaining({
          clusterName: CLUSTER,
          version: expect.objectContaining({ gitVersion }),
        }),
      ]);

      // kubemate_inspection_runs, _findings, _transitions, _run_stats
      const store = DatabaseInspectionStore.fromKnex(knex);
      const run = await store.startRun({
        cluster: CLUSTER,
        profile: subdomain('p'),
        trigger: 'manual',
        requestedBy: ACTOR,
      });
      const results = [
        result({
          kind: KIND,
          apiVersion: API_VERSION,
          namespace: NAMESPACE,
          name: subdomain('w'),
          container: label('k'),
        }),
        result({ kind: 'ClusterRole', name: RBAC_NAME }),
        result({ kind: 'Node', name: INVENTORY_HOST, host: INVENTORY_HOST }),
        result({ kind: 'Node', name: subdomain('h'), host: subdomain('h') }),
        result(
          { kind: 'Event', namespace: NAMESPACE, name: subdomain('v') },
          EVENT_REASON,
        ),
      ];
      await store.completeRun(run.id, results, { ruleIds: [RULE_ID] });
      await store.failRun(
        (
          await store.startRun({
            cluster: CLUSTER,
            profile: 'p',
            trigger: 'manual',
          })
        ).id,
        LONG_TEXT,
      );
      const { items } = await store.listFindings({ cluster: CLUSTER });
      expect(items).toHaveLength(results.length);
      const byFingerprint = new Map(items.map(f => [f.fingerprint, f]));
      for (const r of results) {
        const stored = byFingerprint.get(r.fingerprint);
        expect(stored).toMatchObject({
          ruleId: RULE_ID,
          entityRef: ENTITY_REF,
          resource: r.resource,
          ...(r.detail ? { detail: r.detail } : {}),
        });
      }
      const ignored = await store.ignore(results[0].fingerprint, {
        reason: 'accepted-risk',
        comment: 'c'.repeat(4000),
        actor: ACTOR,
      });
      expect(ignored.ignored?.by).toBe(ACTOR);
      expect(
        await store.currentSummary({ cluster: CLUSTER, entityRef: ENTITY_REF }),
      ).toMatchObject({ total: expect.any(Number) });
      expect(
        await knex('kubemate_inspection_run_stats').where({
          namespace: NAMESPACE,
          entity_ref: ENTITY_REF,
        }),
      ).not.toHaveLength(0);

      // kubemate_inspection_ingests (and an ingested run)
      const ingested = await store.ingest({
        cluster: CLUSTER,
        profile: subdomain('i'),
        source: 'ansible',
        digest: 'd'.repeat(64),
        results: [result({ kind: 'Node', name: INVENTORY_HOST })],
        coverage: { ruleIds: [RULE_ID] },
        requestedBy: ACTOR,
      });
      expect(ingested.duplicate).toBe(false);

      // kubemate_audit_events
      const audit = await DatabaseAuditLogStore.create({ database });
      const event = {
        at: checkedAt,
        actor: ACTOR,
        entityRef: ENTITY_REF,
        cluster: CLUSTER,
        namespace: NAMESPACE,
        kind: KIND,
        name: RBAC_NAME,
        operation: `a${'-'.repeat(61)}z`,
        parameters: { yaml: LONG_TEXT },
        beforeYaml: LONG_TEXT,
      };
      const pending = await audit.begin(event);
      await audit.complete(pending, {
        result: 'failed',
        error: LONG_TEXT,
        afterYaml: LONG_TEXT,
      });
      await audit.record({ ...event, result: 'denied', error: LONG_TEXT });
      const logged = await audit.list({ limit: 10, offset: 0 });
      expect(logged.items.map(e => [e.result, e.name, e.entityRef])).toEqual([
        ['denied', RBAC_NAME, ENTITY_REF],
        ['failed', RBAC_NAME, ENTITY_REF],
      ]);
    });
  });
});
