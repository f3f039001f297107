import type {
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError, ServiceUnavailableError } from '@backstage/errors';
import { SEVERITIES } from '@kubemate/plugin-kubemate-node';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import type { AuditTrail } from '../audit/AuditTrail';
import { requirePermission } from '../auth/requirePermission';
import { parseOr400 } from '../service/validation';
import { findingsToCsv } from './export';
import { loadReportData, renderReportPdf } from './report';
import type { FindingLinker } from '../observability';
import type { InspectionEngine } from './InspectionEngine';
import {
  FINDING_SORT_FIELDS,
  FINDING_STATES,
  IGNORE_REASONS,
  type Finding,
  type FindingFilter,
  type FindingSort,
  type InspectionStore,
} from './InspectionStore';
import type { InspectionRunner } from './InspectionRunner';
import { ReportIngesters } from './ingest';
import {
  kubemateInspectionIngestPermission,
  kubemateInspectionReadPermission,
  kubemateInspectionRunPermission,
  kubemateRiskIgnorePermission,
} from '@kubemate/plugin-kubemate-common';

/** What the router knows about each configured cluster. */
export interface InspectedCluster {
  name: string;
  title?: string;
  profile: string;
  /** Human-readable schedule, or undefined when scheduled runs are off. */
  schedule?: unknown;
  configError?: string;
}

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
}

const MAX_EXPORT_ROWS = 50_000;

const name = z.string().min(1).max(253);
/** `a,b` or repeated parameters → a non-empty list. */
const list = <T extends z.ZodType<unknown, string>>(item: T) =>
  z
    .union([z.string(), z.array(z.string())])
    .transform(v =>
      (Array.isArray(v) ? v : [v])
        .flatMap(s => s.split(','))
        .map(s => s.trim())
        .filter(Boolean),
    )
    .pipe(z.array(item).min(1));
const int = (min: number, max: number) =>
  z.coerce.number().int().min(min).max(max);

const findingsQuery = z.strictObject({
  cluster: name.optional(),
  severity: list(z.enum(SEVERITIES)).optional(),
  state: list(z.enum(FINDING_STATES)).optional(),
  ruleId: list(name).optional(),
  category: list(name).optional(),
  namespace: list(name).optional(),
  kind: list(name).optional(),
  entityRef: list(name).optional(),
  search: z.string().min(1).max(200).optional(),
  sort: z.enum(FINDING_SORT_FIELDS).optional(),
  order: z.enum(['asc', 'desc']).optional(),
  limit: int(1, 500).optional(),
  offset: int(0, 10_000_000).optional(),
});

const exportQuery = findingsQuery.omit({ limit: true, offset: true });

const fingerprintParams = z.object({
  fingerprint: z.string().regex(/^[A-Za-z0-9_-]{1,128}$/, 'not a fingerprint'),
});
const runParams = z.object({ id: z.uuid('not a run id') });

const runBody = z.strictObject({ cluster: name, profile: name.optional() });
const runsQuery = z.strictObject({
  cluster: name.optional(),
  status: z.enum(['running', 'succeeded', 'failed']).optional(),
  limit: int(1, 200).optional(),
  offset: int(0, 10_000_000).optional(),
});
const ignoreBody = z.strictObject({
  reason: z.enum(IGNORE_REASONS),
  comment: z.string().max(2000).optional(),
  until: z.iso
    .datetime({ offset: true })
    .or(z.iso.date())
    .transform(s => new Date(s))
    .refine(d => d.getTime() > Date.now(), 'must be in the future')
    .optional(),
});
const scopeQuery = z.strictObject({
  cluster: name.optional(),
  namespace: name.optional(),
  entityRef: name.optional(),
});
const trendQuery = z.strictObject({
  cluster: name,
  namespace: name.optional(),
  entityRef: name.optional(),
  limit: int(1, 365).optional(),
});
const ingestQuery = z.strictObject({ cluster: name.optional() });

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
  const reportJson = express.json({ limit: options.maxReportSize ?? '20mb' });
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

  const toFilter = (q: z.infer<typeof exportQuery>): FindingFilter => ({
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
  const toSort = (q: z.infer<typeof exportQuery>): FindingSort[] | undefined =>
    q.sort ? [{ field: q.sort, order: q.order ?? 'asc' }] : undefined;

  router.get('/inspection/rules', async (req, res) => {
    await canRead(req);
    res.json({ items: engine.listRules() });
  });

  router.get('/inspection/profiles', async (req, res) => {
    await canRead(req);
    res.json({
      items: [...engine.profiles.values()].sort((a, b) =>
        a.name.localeCompare(b.name),
      ),
    });
  });

  router.get('/inspection/clusters', async (req, res) => {
    await canRead(req);
    const items = await Promise.all(
      clusters.map(async c => {
        const [latest] = (await store.listRuns({ cluster: c.name, limit: 1 }))
          .items;
        return {
          ...c,
          latestRun: latest,
          summary: await store.currentSummary({ cluster: c.name }),
        };
      }),
    );
    res.json({ items });
  });

  router.post('/inspection/runs', json, async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    await requirePermission(permissions, credentials, {
      permission: kubemateInspectionRunPermission,
    });
    if (options.enabled === false) {
      throw new ServiceUnavailableError('Cluster inspection is disabled');
    }
    const body = parseOr400(runBody, req.body ?? {}, 'run request');
    // The runner looks the cluster up (404 for an unknown one).
    const { run } = await runner.start({
      cluster: body.cluster,
      profile: body.profile ?? profiles.get(body.cluster) ?? 'baseline',
      trigger: 'manual',
      requestedBy: actorOf(credentials),
    });
    res.status(202).json(run);
  });

  router.get('/inspection/runs', async (req, res) => {
    await canRead(req);
    const q = parseOr400(runsQuery, req.query, 'query');
    res.json(await store.listRuns({ limit: 50, ...q }));
  });

  router.get('/inspection/runs/:id', async (req, res) => {
    await canRead(req);
    const { id } = parseOr400(runParams, req.params, 'run id');
    res.json(await store.getRun(id));
  });

  router.get('/inspection/runs/:id/diff', async (req, res) => {
    const credentials = await canRead(req);
    const { id } = parseOr400(runParams, req.params, 'run id');
    const diff = await store.diffWithPrevious(id);
    res.json({
      ...diff,
      new: await withLinks(diff.new.map(withRule), credentials),
      fixed: await withLinks(diff.fixed.map(withRule), credentials),
    });
  });

  router.get('/inspection/findings', async (req, res) => {
    const credentials = await canRead(req);
    const q = parseOr400(findingsQuery, req.query, 'query');
    const { items, total } = await store.listFindings(toFilter(q), toSort(q), {
      limit: q.limit ?? 50,
      offset: q.offset ?? 0,
      includeHistory: false,
    });
    res.json({
      items: await withLinks(items.map(withRule), credentials),
      total,
    });
  });

  const exportFindings = async (req: express.Request) => {
    await canRead(req);
    const q = parseOr400(exportQuery, req.query, 'query');
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

  router.get('/inspection/findings.csv', async (req, res) => {
    const items = await exportFindings(req);
    res
      .status(200)
      .type('text/csv; charset=utf-8')
      .attachment('kubemate-findings.csv')
      .send(findingsToCsv(items));
  });

  router.get('/inspection/findings.json', async (req, res) => {
    const items = await exportFindings(req);
    res
      .status(200)
      .attachment('kubemate-findings.json')
      .json({ items: items.map(withRule), total: items.length });
  });

  router.get('/inspection/report.pdf', async (req, res) => {
    await canRead(req);
    const q = parseOr400(exportQuery, req.query, 'query');
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
      fingerprintParams,
      req.params,
      'fingerprint',
    );
    const [finding] = await withLinks(
      [withRule(await store.getFinding(fingerprint))],
      credentials,
    );
    res.json(finding);
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
        fingerprintParams,
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
      res.json(withRule(finding));
    };

  router.post(
    '/inspection/findings/:fingerprint/ignore',
    json,
    changeRisk(
      'risk-ignore',
      req => parseOr400(ignoreBody, req.body ?? {}, 'ignore request'),
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
    const q = parseOr400(scopeQuery, req.query, 'query');
    res.json(await store.currentSummary(q));
  });

  router.get('/inspection/trend', async (req, res) => {
    await canRead(req);
    const q = parseOr400(trendQuery, req.query, 'query');
    res.json({ items: await store.trend(q) });
  });

  const ingesters = options.ingesters ?? new ReportIngesters();
  router.post('/inspection/ingest/:format', reportJson, async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    await requirePermission(permissions, credentials, {
      permission: kubemateInspectionIngestPermission,
    });
    const q = parseOr400(ingestQuery, req.query, 'query');
    if (req.body === undefined || typeof req.body !== 'object') {
      throw new InputError('Expected a JSON report body');
    }
    const parsed = ingesters.parse(req.params.format, req.body, {
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
    res.status(duplicate ? 200 : 201).json({ run, duplicate });
  });

  return router;
}
