import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import {
  type CurrentSummary,
  type ExportFormat,
  type Finding,
  type FindingFilter,
  type FindingQuery,
  type InspectedCluster,
  type InspectionApi,
  type InspectionProfile,
  type InspectionRule,
  type InspectionRun,
  type TrendPoint,
} from '../../../api';

/**
 * A query provider with a fresh cache per rendered tree, for `jest.mock` of the plugin's
 * shared one (whose cache would otherwise leak between tests).
 */
export function FreshQueryProvider(props: { children: ReactNode }) {
  const [client] = useState(
    () =>
      new QueryClient({
        defaultOptions: { queries: { retry: false, staleTime: 0 } },
      }),
  );
  return (
    <QueryClientProvider client={client}>{props.children}</QueryClientProvider>
  );
}

const T0 = Date.parse('2026-11-01T08:00:00Z');
const iso = (hoursAfterT0: number) =>
  new Date(T0 + hoursAfterT0 * 3600_000).toISOString();

export const ENTITY_REF = 'component:default/payments-api';

export function newFinding(overrides: Partial<Finding> = {}): Finding {
  const name = overrides.resource?.name ?? 'payments-api-v1';
  return {
    fingerprint: `fp-${name}-${overrides.ruleId ?? 'container-privileged'}`,
    cluster: 'kubemate-sim',
    ruleId: 'container-privileged',
    source: 'engine',
    title: 'Container runs privileged',
    severity: 'high',
    category: 'security',
    resource: {
      kind: 'Deployment',
      apiVersion: 'apps/v1',
      namespace: 'bank-payments',
      name,
      container: 'app',
    },
    entityRef: ENTITY_REF,
    state: 'open',
    stateChangedAt: iso(1),
    firstSeenRunId: 'run-0',
    firstSeenAt: iso(0),
    lastSeenRunId: 'run-1',
    lastSeenAt: iso(2),
    timesSeen: 3,
    occurrences: 1,
    observed: 'true',
    expected: 'false',
    remediation: 'Set securityContext.privileged to false.',
    fix: `kubectl -n bank-payments patch deployment ${name} --type=json -p '[...]'`,
    rule: {
      title: 'Container runs privileged',
      description: 'A privileged container has full access to the node.',
      remediation: 'Set securityContext.privileged to false.',
    },
    ...overrides,
  };
}

export function newRun(overrides: Partial<InspectionRun> = {}): InspectionRun {
  return {
    id: 'run-1',
    cluster: 'kubemate-sim',
    profile: 'baseline',
    trigger: 'scheduled',
    source: 'engine',
    status: 'succeeded',
    startedAt: iso(2),
    finishedAt: iso(2.01),
    progress: { total: 20, done: 20 },
    summary: {
      total: 120,
      passed: 110,
      failed: 10,
      errors: 1,
      skipped: 0,
      ignored: 0,
      passRate: 110 / 120,
      score: 88,
      failedBySeverity: { high: 2, medium: 5, low: 3 },
      errorsBySeverity: { high: 0, medium: 1, low: 0 },
      newFindings: 4,
      reopenedFindings: 1,
      fixedFindings: 2,
      executionFailures: [],
    },
    ...overrides,
  };
}

export const rules: InspectionRule[] = [
  {
    id: 'container-privileged',
    version: '1',
    title: 'Container runs privileged',
    category: 'security',
    severity: 'high',
    description: 'A privileged container has full access to the node.',
    remediation: 'Set securityContext.privileged to false.',
    fix: 'kubectl patch {{ .kind }} {{ .name }}',
    pack: 'baseline',
    kinds: ['PodSpec'],
    params: {},
  },
  {
    id: 'pdb-missing',
    version: '2',
    title: 'Deployment has no PodDisruptionBudget',
    category: 'reliability',
    severity: 'medium',
    description: 'Voluntary disruptions may take every replica down at once.',
    remediation: 'Add a PodDisruptionBudget selecting the pods.',
    pack: 'baseline',
    kinds: ['Deployment'],
    params: { minReplicas: 2 },
  },
];

export const profiles: InspectionProfile[] = [
  {
    name: 'baseline',
    description: 'Every built-in rule',
    rules: {},
    severity: { categories: {}, rules: {} },
    params: {},
    excludeNamespaces: ['kube-system'],
    exemptions: [],
  },
  {
    name: 'financial',
    description: 'Strict, security first',
    extends: 'baseline',
    rules: {},
    severity: { categories: { security: 'high' }, rules: {} },
    params: {},
    excludeNamespaces: [],
    exemptions: [{ rules: ['pdb-missing'], namespaces: ['batch'] }],
  },
];

function asList<T>(v: T | T[] | undefined): T[] | undefined {
  if (v === undefined) return undefined;
  return Array.isArray(v) ? v : [v];
}

function matches(f: Finding, q: FindingFilter): boolean {
  const inList = (value: string | undefined, list?: string[]) =>
    !list || (value !== undefined && list.includes(value));
  return (
    (!q.cluster || f.cluster === q.cluster) &&
    inList(f.severity, asList(q.severity)) &&
    inList(f.state, asList(q.state)) &&
    inList(f.ruleId, asList(q.ruleId)) &&
    inList(f.category, asList(q.category)) &&
    inList(f.resource.namespace, asList(q.namespace)) &&
    inList(f.entityRef, asList(q.entityRef)) &&
    (!q.search ||
      `${f.resource.name} ${f.title} ${f.ruleId}`.includes(q.search))
  );
}

const RANK = { high: 3, medium: 2, low: 1 } as const;

export type InMemoryInspectionApi = InspectionApi & {
  findings: Finding[];
  runs: InspectionRun[];
  findingQueries: FindingQuery[];
  exports: Array<{ format: ExportFormat; filter: FindingFilter }>;
  ignoreRequests: Array<{ fingerprint: string; body: unknown }>;
  startedRuns: string[];
};

/**
 * An InspectionApi over arrays, with the backend's filter, sort, paging and ignore semantics
 * close enough for component tests; it records what the UI asked for.
 */
export function inMemoryInspectionApi(
  options: {
    findings?: Finding[];
    runs?: InspectionRun[];
    trend?: TrendPoint[];
    clusters?: Array<Partial<InspectedCluster>>;
    failWith?: Error;
    /** Checks that passed / failed to execute in the summaries (default 40 / 1). */
    checks?: { passed: number; errors: number };
  } = {},
): InMemoryInspectionApi {
  const findings = options.findings ?? [];
  const runs = options.runs ?? [];
  const fail = async () => {
    if (options.failWith) throw options.failWith;
  };
  const summary = (q: FindingFilter): CurrentSummary => {
    const scoped = findings.filter(f => matches(f, q));
    const active = scoped.filter(f =>
      ['new', 'open', 'reopened'].includes(f.state),
    );
    const risks = { high: 0, medium: 0, low: 0 };
    for (const f of active) risks[f.severity]++;
    const failed = active.length;
    const passed = options.checks?.passed ?? 40;
    const byState = { new: 0, open: 0, reopened: 0, fixed: 0, ignored: 0 };
    for (const f of scoped) byState[f.state]++;
    return {
      scope: {},
      runIds: runs.filter(r => r.status === 'succeeded').map(r => r.id),
      total: passed + failed,
      passed,
      failed,
      errors: options.checks?.errors ?? 1,
      skipped: 0,
      passRate: passed / (passed + failed),
      score: 100 - failed * 5,
      risksBySeverity: risks,
      byState,
      ignored: byState.ignored,
    };
  };
  const find = (fp: string) => {
    const f = findings.find(x => x.fingerprint === fp);
    if (!f) throw new Error(`no finding ${fp}`);
    return f;
  };
  const api: InMemoryInspectionApi = {
    findings,
    runs,
    findingQueries: [],
    exports: [],
    ignoreRequests: [],
    startedRuns: [],
    async listRules() {
      await fail();
      return rules;
    },
    async listProfiles() {
      return profiles;
    },
    async listClusters() {
      await fail();
      const base = options.clusters ?? [{ name: 'kubemate-sim' }];
      return base.map(c => ({
        name: c.name ?? 'kubemate-sim',
        title: c.title,
        profile: c.profile ?? 'baseline',
        latestRun: runs.find(r => r.cluster === (c.name ?? 'kubemate-sim')),
        summary: summary({ cluster: c.name }),
        ...c,
      })) as InspectedCluster[];
    },
    async startRun(cluster) {
      api.startedRuns.push(cluster);
      const run = newRun({
        id: `run-${runs.length + 1}`,
        cluster,
        trigger: 'manual',
        status: 'running',
        startedAt: new Date().toISOString(),
        finishedAt: undefined,
        progress: { total: 20, done: 5, message: 'listing pods' },
        summary: undefined,
      });
      runs.unshift(run);
      return run;
    },
    async listRuns(q = {}) {
      await fail();
      const items = runs.filter(r => !q.cluster || r.cluster === q.cluster);
      const offset = q.offset ?? 0;
      return {
        items: items.slice(offset, offset + (q.limit ?? 50)),
        total: items.length,
      };
    },
    async getRun(id) {
      return runs.find(r => r.id === id)!;
    },
    async getRunDiff(id) {
      return {
        runId: id,
        previousRunId: 'run-0',
        new: findings.filter(f => f.state === 'new'),
        fixed: findings.filter(f => f.state === 'fixed'),
      };
    },
    async listFindings(q) {
      await fail();
      api.findingQueries.push(q);
      const dir = q.order === 'asc' ? 1 : -1;
      const items = findings
        .filter(f => matches(f, q))
        .sort((a, b) => {
          if (q.sort === 'severity') {
            return dir * (RANK[a.severity] - RANK[b.severity]);
          }
          if (q.sort === 'name') {
            return dir * a.resource.name.localeCompare(b.resource.name);
          }
          return 0;
        });
      const offset = q.offset ?? 0;
      return {
        items: items.slice(offset, offset + (q.limit ?? 50)),
        total: items.length,
      };
    },
    async getFinding(fp) {
      const f = find(fp);
      return {
        ...f,
        history: [
          {
            id: 1,
            fingerprint: fp,
            from: undefined,
            to: 'new',
            actor: 'system:inspector',
            at: f.firstSeenAt,
          },
          {
            id: 2,
            fingerprint: fp,
            from: 'new',
            to: 'open',
            actor: 'system:inspector',
            at: f.stateChangedAt,
          },
          ...(f.ignored
            ? [
                {
                  id: 3,
                  fingerprint: fp,
                  from: 'open' as const,
                  to: 'ignored' as const,
                  actor: f.ignored.by,
                  at: f.ignored.at,
                  reason: f.ignored.reason,
                  comment: f.ignored.comment,
                },
              ]
            : []),
        ],
      };
    },
    async ignoreFinding(fp, body) {
      api.ignoreRequests.push({ fingerprint: fp, body });
      const f = find(fp);
      f.state = 'ignored';
      f.ignored = {
        reason: body.reason,
        comment: body.comment,
        until: body.until,
        by: 'user:default/guest',
        at: new Date().toISOString(),
      };
      return f;
    },
    async unignoreFinding(fp) {
      api.ignoreRequests.push({ fingerprint: fp, body: 'unignore' });
      const f = find(fp);
      f.state = 'open';
      f.ignored = undefined;
      return f;
    },
    async getSummary(scope) {
      await fail();
      return summary({
        cluster: scope.cluster,
        entityRef: scope.entityRef ? [scope.entityRef] : undefined,
      });
    },
    async getTrend() {
      return options.trend ?? [];
    },
    async exportFindings(format, filter) {
      api.exports.push({ format, filter });
      return new Blob([format], { type: 'application/octet-stream' });
    },
  };
  return api;
}

export function trendPoint(i: number, score: number): TrendPoint {
  return {
    runId: `t-${i}`,
    startedAt: iso(i * 6),
    profile: 'baseline',
    source: 'engine',
    total: 100,
    passed: score,
    failed: 100 - score,
    errors: 0,
    passRate: score / 100,
    score,
    failedBySeverity: { high: i, medium: i + 1, low: i + 2 },
    newFindings: 1,
    fixedFindings: 0,
  };
}
