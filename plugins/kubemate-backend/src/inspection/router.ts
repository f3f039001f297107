import type {
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError, ServiceUnavailableError } from '@backstage/errors';
import express from 'express';
import Router from 'express-promise-router';
import type { AuditTrail } from '../audit/AuditTrail';
import { requirePermission } from '../auth/requirePermission';
import { parseOr400 } from '../service/validation';
import { toWire } from '../service/wire';
import { findingsToCsv } from './export';
import { executionFailuresInScope } from './executionFailures';
import { loadReportData, renderReportPdf } from './report';
import type { FindingLinker } from '../observability';
import type { InspectionEngine } from './InspectionEngine';
import type {
  Finding,
  FindingFilter,
  FindingSort,
  InspectionStore,
} from './InspectionStore';
import type { InspectionRunner } from './InspectionRunner';
import { decodeReportBody, ignoredSummary, ReportIngesters } from './ingest';
import { ingestSlots } from './ingest/IngestSlots';
import {
  findingFilterSchema,
  findingQuerySchema,
  fingerprintParamsSchema,
  ignoreBodySchema,
  ingestParamsSchema,
  ingestQuerySchema,
  kubemateInspectionIngestPermission,
  kubemateInspectionReadPermission,
  kubemateInspectionRunPermission,
  kubemateRiskIgnorePermission,
  runParamsSchema,
  runDiffQuerySchema,
  runsQuerySchema,
  startRunBodySchema,
  summaryScopeSchema,
  trendQuerySchema,
  type CurrentSummary,
  type Finding as WireFinding,
  type IngestResponse,
  type InspectedCluster as WireInspectedCluster,
  type InspectionProfile,
  type InspectionRule,
  type InspectionRun,
  type RunDiff,
  type RunExecutionFailure,
  type TrendPoint,
} from '@kubemate/plugin-kubemate-common';
import type { z } from 'zod';

/** What the router knows about each configured cluster (the API adds run and summary). */
export type InspectedCluster = Omit<
  WireInspectedCluster,
  'latestRun' | 'summary'
>;

export interface InspectionRouterOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  store: InspectionStore;
  engine: InspectionEngine;
  runner: InspectionRunner;
  clusters: InspectedCluster[];
  /** False: manual runs are refused (503). */
  enabled?: boolean;
  /** Largest ingestible report body (express size string). Default 20mb. */
  maxReportSize?: string;
  /** Adds observability `links` to findings; without it they get none. */
  linker?: FindingLinker;
  /** Where ignore/unignore are recorded (the plugin's audit log). */
  audit?: AuditTrail;
  /** Report formats served at `/inspection/ingest/<format>`; the built-in ones when omitted. */
  ingesters?: ReportIngesters;
  /** Ingestions at once; more are refused (503, Retry-After). Default 2. */
  maxConcurrentIngests?: number;
}

const MAX_EXPORT_ROWS = 50_000;

function actorOf(credentials: BackstageCredentials): string {
  const p = credentials.principal as {
    type: string;
    userEntityRef?: string;
    subject?: string;
  };
  if (p.type === 'user' && p.userEntityRef) return p.userEntityRef;
  if (p.type === 'service' && p.subject) return `service:${p.subject}`;
  return p.type;
}

/**
 * Inspection REST API, mounted under the plugin root: rules, profiles, runs, findings with
 * their lifecycle, reports, exports and external report ingestion.
 */
export function createInspectionRouter(
  options: InspectionRouterOptions,
): express.Router {
  const { httpAuth, permissions, store, engine, runner, clusters, audit } =
    options;
  const router = Router();
  const json = express.json({ limit: '1mb' });
  // Reports are read as text whatever their content type: JSON, or JSON Lines (ansible.posix.jsonl).
  const reportBody = express.text({
    type: () => true,
    limit: options.maxReportSize ?? '20mb',
  });
  const clusterNames = new Set(clusters.map(c => c.name));
  const profiles = new Map(clusters.map(c => [c.name, c.profile]));

  const canRead = async (req: express.Request) => {
    const credentials = await httpAuth.credentials(req);
    await requirePermission(permissions, credentials, {
      permission: kubemateInspectionReadPermission,
    });
    return credentials;
  };

  const withRule = (f: Finding) => {
    const rule = engine.ruleInfo(f.ruleId);
    return rule
      ? {
          ...f,
          rule: {
            title: rule.title,
            description: rule.description,
            remediation: rule.remediation,
            ...(rule.fix ? { fix: rule.fix } : {}),
            ...(rule.docs ? { docs: rule.docs } : {}),
          },
        }
      : f;
  };

  const withLinks = async <T extends Finding>(
    items: T[],
    credentials: BackstageCredentials,
  ) =>
    options.linker
      ? options.linker.withLinks(items, credentials)
      : items.map(f => ({ ...f, links: [] }));

  const toFilter = (q: z.infer<typeof findingFilterSchema>): FindingFilter => ({
    cluster: q.cluster,
    severity: q.severity,
    state: q.state,
    ruleId: q.ruleId,
    category: q.category,
    namespace: q.namespace,
    kind: q.kind,
    entityRef: q.entityRef,
    search: q.search,
  });
  const toSort = (
    q: z.infer<typeof findingFilterSchema>,
  ): FindingSort[] | undefined =>
    q.sort ? [{ field: q.sort, order: q.order ?? 'asc' }] : undefined;

  router.get('/inspection/rules', async (req, res) => {
    await canRead(req);
    const body: { items: InspectionRule[] } = { items: engine.listRules() };
    res.json(body);
  });

  router.get('/inspection/profiles', async (req, res) => {
    await canRead(req);
    const body: { items: InspectionProfile[] } = {
      items: [...engine.profiles.values()].sort((a, b) =>
        a.name.localeCompare(b.name),
      ),
    };
    res.json(body);
  });

  router.get('/inspection/clusters', async (req, res) => {
    await canRead(req);
    const items: WireInspectedCluster[] = await Promise.all(
      clusters.map(async c => {
        const [latest] = (await store.listRuns({ cluster: c.name, limit: 1 }))
          .items;
        return {
          ...c,
          latestRun: toWire(latest),
          summary: await store.currentSummary({ cluster: c.name }),
        };
      }),
    );
    res.json({ items });
  });

  router.post('/inspection/runs', json, async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    const body = parseOr400(startRunBodySchema, req.body ?? {}, 'run request');
    const profile = body.profile ?? profiles.get(body.cluster) ?? 'baseline';
    const event = {
      actor: actorOf(credentials),
      operation: 'inspection-run',
      cluster: body.cluster,
      parameters: { profile },
    };
    await requirePermission(
      permissions,
      credentials,
      { permission: kubemateInspectionRunPermission },
      async error => audit?.denied(event, error, req),
    );
    if (options.enabled === false) {
      throw new ServiceUnavailableError('Cluster inspection is disabled');
    }
    // The runner looks the cluster up (404 for an unknown one).
    const start = () =>
      runner.start({
        cluster: body.cluster,
        profile,
        trigger: 'manual',
        requestedBy: event.actor,
      });
    const { run } = audit
      ? await audit.run(event, req, start, () => undefined)
      : await start();
    const answer: InspectionRun = toWire(run);
    res.status(202).json(answer);
  });

  router.get('/inspection/runs', async (req, res) => {
    await canRead(req);
    const q = parseOr400(runsQuerySchema, req.query, 'query');
    const body: { items: InspectionRun[]; total: number } = toWire(
      await store.listRuns({ limit: 50, ...q }),
    );
    res.json(body);
  });

  router.get('/inspection/runs/:id', async (req, res) => {
    await canRead(req);
    const { id } = parseOr400(runParamsSchema, req.params, 'run id');
    const body: InspectionRun = toWire(await store.getRun(id));
    res.json(body);
  });

  router.get('/inspection/runs/:id/diff', async (req, res) => {
    const credentials = await canRead(req);
    const { id } = parseOr400(runParamsSchema, req.params, 'run id');
    const q = parseOr400(runDiffQuerySchema, req.query, 'query');
    const diff = await store.diffWithPrevious(id, { limit: q.limit });
    const body: RunDiff = toWire({
      ...diff,
      new: await withLinks(diff.new.map(withRule), credentials),
      fixed: await withLinks(diff.fixed.map(withRule), credentials),
    });
    res.json(body);
  });

  router.get('/inspection/findings', async (req, res) => {
    const credentials = await canRead(req);
    const q = parseOr400(findingQuerySchema, req.query, 'query');
    const { items, total } = await store.listFindings(toFilter(q), toSort(q), {
      limit: q.limit ?? 50,
      offset: q.offset ?? 0,
      includeHistory: false,
    });
    const body: { items: WireFinding[]; total: number } = toWire({
      items: await withLinks(items.map(withRule), credentials),
      total,
    });
    res.json(body);
  });

  const exportFindings = async (req: express.Request) => {
    await canRead(req);
    const q = parseOr400(findingFilterSchema, req.query, 'query');
    const items: Finding[] = [];
    while (items.length < MAX_EXPORT_ROWS) {
      const page = await store.listFindings(toFilter(q), toSort(q), {
        limit: 1000,
        offset: items.length,
        includeHistory: false,
      });
      items.push(...page.items);
      if (page.items.length < 1000 || items.length >= page.total) break;
    }
    return items.slice(0, MAX_EXPORT_ROWS);
  };

  // Exports list the execution failures behind the scope's figures too, as the PDF does.
  const exportFailures = (req: express.Request) =>
    executionFailuresInScope(
      store,
      toFilter(parseOr400(findingFilterSchema, req.query, 'query')),
    );

  router.get('/inspection/findings.csv', async (req, res) => {
    const items = await exportFindings(req);
    const failures = await exportFailures(req);
    res
      .status(200)
      .type('text/csv; charset=utf-8')
      .attachment('kubemate-findings.csv')
      .send(findingsToCsv(items, failures, id => engine.ruleInfo(id)));
  });

  router.get('/inspection/findings.json', async (req, res) => {
    const items = await exportFindings(req);
    const body: {
      items: WireFinding[];
      total: number;
      executionFailures: RunExecutionFailure[];
    } = toWire({
      items: items.map(withRule),
      total: items.length,
      executionFailures: await exportFailures(req),
    });
    res.status(200).attachment('kubemate-findings.json').json(body);
  });

  router.get('/inspection/report.pdf', async (req, res) => {
    await canRead(req);
    const q = parseOr400(findingFilterSchema, req.query, 'query');
    const pdf = await renderReportPdf(
      await loadReportData({
        store,
        clusters: clusters.map(c => c.name),
        filter: toFilter(q),
        sort: toSort(q),
      }),
    );
    res
      .status(200)
      .type('application/pdf')
      .attachment('kubemate-inspection-report.pdf')
      .send(pdf);
  });

  router.get('/inspection/findings/:fingerprint', async (req, res) => {
    const credentials = await canRead(req);
    const { fingerprint } = parseOr400(
      fingerprintParamsSchema,
      req.params,
      'fingerprint',
    );
    const [finding] = await withLinks(
      [withRule(await store.getFinding(fingerprint))],
      credentials,
    );
    const body: WireFinding = toWire(finding);
    res.json(body);
  });

  /**
   * Ignore and unignore: user-only, permission `kubemate.risk.ignore`, and audited (also when
   * denied) with the finding's resource, like workload operations.
   */
  const changeRisk =
    <P extends Record<string, unknown>>(
      operation: 'risk-ignore' | 'risk-unignore',
      parseParams: (req: express.Request) => P,
      change: (
        fingerprint: string,
        actor: string,
        params: P,
      ) => Promise<Finding>,
    ) =>
    async (req: express.Request, res: express.Response) => {
      const credentials = await httpAuth.credentials(req, { allow: ['user'] });
      const actor = credentials.principal.userEntityRef;
      const { fingerprint } = parseOr400(
        fingerprintParamsSchema,
        req.params,
        'fingerprint',
      );
      const params = parseParams(req);
      const current = await store.getFinding(fingerprint);
      const event = {
        actor,
        operation,
        entityRef: current.entityRef,
        cluster: current.cluster,
        namespace: current.resource.namespace,
        kind: current.resource.kind,
        name: current.resource.name,
        parameters: { fingerprint, ruleId: current.ruleId, ...params },
      };
      await requirePermission(
        permissions,
        credentials,
        { permission: kubemateRiskIgnorePermission },
        async error => audit?.denied(event, error, req),
      );
      const run = () => change(fingerprint, actor, params);
      const finding = audit
        ? await audit.run(event, req, run, () => undefined)
        : await run();
      const body: WireFinding = toWire(withRule(finding));
      res.json(body);
    };

  router.post(
    '/inspection/findings/:fingerprint/ignore',
    json,
    changeRisk(
      'risk-ignore',
      req => parseOr400(ignoreBodySchema, req.body ?? {}, 'ignore request'),
      (fingerprint, actor, body) =>
        store.ignore(fingerprint, { ...body, actor }),
    ),
  );
  router.post(
    '/inspection/findings/:fingerprint/unignore',
    changeRisk(
      'risk-unignore',
      () => ({}),
      (fingerprint, actor) => store.unignore(fingerprint, actor),
    ),
  );

  router.get('/inspection/summary', async (req, res) => {
    await canRead(req);
    const q = parseOr400(summaryScopeSchema, req.query, 'query');
    const body: CurrentSummary = await store.currentSummary(q);
    res.json(body);
  });

  router.get('/inspection/trend', async (req, res) => {
    await canRead(req);
    const q = parseOr400(trendQuerySchema, req.query, 'query');
    const body: { items: TrendPoint[] } = toWire({
      items: await store.trend(q),
    });
    res.json(body);
  });

  const ingesters = options.ingesters ?? new ReportIngesters();
  router.post(
    '/inspection/ingest/:format',
    ingestSlots(options.maxConcurrentIngests),
    reportBody,
    async (req, res) => {
      const credentials = await httpAuth.credentials(req, {
        allow: ['user', 'service'],
      });
      await requirePermission(permissions, credentials, {
        permission: kubemateInspectionIngestPermission,
      });
      const q = parseOr400(ingestQuerySchema, req.query, 'query');
      if (typeof req.body !== 'string') {
        throw new InputError('Expected a report body (JSON or JSON Lines)');
      }
      const { format } = parseOr400(ingestParamsSchema, req.params, 'format');
      const parsed = ingesters.parse(format, decodeReportBody(req.body), {
        cluster: q.cluster,
      });
      if (!clusterNames.has(parsed.cluster)) {
        throw new InputError(
          `Unknown cluster '${parsed.cluster}' (known: ${
            [...clusterNames].join(', ') || 'none'
          })`,
        );
      }
      const { run, duplicate } = await store.ingest({
        ...parsed,
        requestedBy: actorOf(credentials),
      });
      const body: IngestResponse = toWire({
        run,
        duplicate,
        ignored: ignoredSummary(parsed.ignored),
      });
      res.status(duplicate ? 200 : 201).json(body);
    },
  );

  return router;
}
