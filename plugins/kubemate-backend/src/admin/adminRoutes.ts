import type { HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  ADMIN_ARCHIVE_CONTENT_TYPES,
  adminArchiveQuerySchema,
  adminYamlBodySchema,
  MAX_ADMIN_ARCHIVE_BYTES,
  namespaceExportParamsSchema,
  clusterEventsQuerySchema,
  clusterParamsSchema,
  crdParamsSchema,
  customResourceEditBodySchema,
  customResourceListQuerySchema,
  customResourceQuerySchema,
  MAX_ADMIN_YAML_BYTES,
  nodeParamsSchema,
  type AdminArchiveQuery,
  type AdminYamlReport,
  type ClusterEventsResponse,
  type ClusterQuotasResponse,
  type CustomResourceEditResult,
  type NodeDetailResponse,
  type NodeListResponse,
} from '@kubemate/plugin-kubemate-common';
import express, { type RequestHandler, type Router } from 'express';
import { parseOr400 } from '../service/validation';
import type { AdminConsole } from './AdminConsole';
import { sniffArchive, type ArchiveFormat } from './archive';

/** Content types read as an archive body, and the format each one announces. */
const ARCHIVE_TYPES: Record<string, ArchiveFormat> = {
  [ADMIN_ARCHIVE_CONTENT_TYPES.zip]: 'zip',
  'application/x-zip-compressed': 'zip',
  [ADMIN_ARCHIVE_CONTENT_TYPES['tar.gz']]: 'tar.gz',
  'application/x-gzip': 'tar.gz',
};

/** A raw archive body up to MAX_ADMIN_ARCHIVE_BYTES; a larger one is a 400. */
function archiveBody(): RequestHandler {
  const raw = express.raw({
    type: Object.keys(ARCHIVE_TYPES),
    limit: MAX_ADMIN_ARCHIVE_BYTES,
  });
  return (req, res, next) =>
    raw(req, res, (error?: unknown) => {
      if (
        (error as { type?: string } | undefined)?.type === 'entity.too.large'
      ) {
        next(
          new InputError(
            `The archive is larger than ${
              MAX_ADMIN_ARCHIVE_BYTES / 1024 / 1024
            } MiB`,
          ),
        );
        return;
      }
      next(error);
    });
}

/** A multipart/form-data body up to the archive limit and room for its parts' headers. */
function multipartBody(): RequestHandler {
  const raw = express.raw({
    type: 'multipart/form-data',
    limit: MAX_ADMIN_ARCHIVE_BYTES + 64 * 1024,
  });
  return (req, res, next) =>
    raw(req, res, (error?: unknown) => {
      if (
        (error as { type?: string } | undefined)?.type === 'entity.too.large'
      ) {
        next(
          new InputError(
            `The archive is larger than ${
              MAX_ADMIN_ARCHIVE_BYTES / 1024 / 1024
            } MiB`,
          ),
        );
        return;
      }
      next(error);
    });
}

/**
 * A form upload (`multipart/form-data`): its `archive` file part, and `cluster` and
 * `namespace` from the form or the query. Parsed by the runtime's own form reader.
 */
async function formArchive(
  body: Buffer,
  contentType: string,
  query: unknown,
): Promise<{ where: AdminArchiveQuery; archive: Buffer }> {
  let form: FormData;
  try {
    form = await new Response(body, {
      headers: { 'content-type': contentType },
    }).formData();
  } catch {
    throw new InputError('The multipart/form-data body cannot be read');
  }
  const file = form.get('archive');
  if (!file || typeof file === 'string') {
    throw new InputError('The form has no file part named "archive"');
  }
  const field = (name: string) => {
    const v = form.get(name);
    return typeof v === 'string' ? v : undefined;
  };
  const q = (query ?? {}) as Record<string, unknown>;
  const where = parseOr400(
    adminArchiveQuerySchema,
    {
      cluster: field('cluster') ?? q.cluster,
      namespace: field('namespace') ?? q.namespace,
    },
    'archive',
  );
  return { where, archive: Buffer.from(await file.arrayBuffer()) };
}

/**
 * The admin console's YAML routes parse their own JSON bodies (up to a bit more than
 * MAX_ADMIN_YAML_BYTES, JSON escaping grows the text; the zod check enforces the real limit):
 * mount them before a router-wide `express.json()` with a smaller limit.
 */
export function addAdminYamlRoutes(
  router: Router,
  deps: { httpAuth: HttpAuthService; admin: AdminConsole },
) {
  const json = express.json({ limit: 2 * MAX_ADMIN_YAML_BYTES + 64 * 1024 });
  for (const [path, dryRun] of [
    ['/clusters/:cluster/crds/:crd/resource/preview', true],
    ['/clusters/:cluster/crds/:crd/resource/apply', false],
  ] as const) {
    router.post(path, json, async (req, res) => {
      const credentials = await deps.httpAuth.credentials(req);
      const { cluster, crd } = parseOr400(crdParamsSchema, req.params, 'CRD');
      const body = parseOr400(
        customResourceEditBodySchema,
        req.body ?? {},
        'custom resource',
      );
      const answer: CustomResourceEditResult =
        await deps.admin.customResources.edit(
          { credentials, request: req },
          cluster,
          crd,
          body,
          dryRun,
        );
      res.json(answer);
    });
  }
  for (const [path, dryRun] of [
    ['/admin/yaml/preview', true],
    ['/admin/yaml/apply', false],
  ] as const) {
    router.post(
      path,
      archiveBody(),
      multipartBody(),
      json,
      async (req, res) => {
        const credentials = await deps.httpAuth.credentials(req);
        const contentType = req.get('content-type') ?? '';
        if (
          Buffer.isBuffer(req.body) &&
          contentType.toLowerCase().startsWith('multipart/form-data')
        ) {
          const { where, archive } = await formArchive(
            req.body,
            contentType,
            req.query,
          );
          const format = sniffArchive(archive);
          if (!format) {
            throw new InputError(
              'The uploaded file is not a .zip or .tar.gz archive',
            );
          }
          const report: AdminYamlReport = await deps.admin.applyArchive(
            { credentials, request: req },
            where,
            archive,
            format,
            dryRun,
          );
          res.json(report);
          return;
        }
        if (Buffer.isBuffer(req.body)) {
          const where = parseOr400(
            adminArchiveQuerySchema,
            req.query,
            'archive',
          );
          const announced =
            ARCHIVE_TYPES[
              req.get('content-type')?.split(';')[0].trim().toLowerCase() ?? ''
            ];
          const format = sniffArchive(req.body);
          if (!format || format !== announced) {
            throw new InputError(
              `The body is not a ${
                announced === 'zip' ? '.zip' : '.tar.gz'
              } archive`,
            );
          }
          const report: AdminYamlReport = await deps.admin.applyArchive(
            { credentials, request: req },
            where,
            req.body,
            format,
            dryRun,
          );
          res.json(report);
          return;
        }
        const body = parseOr400(adminYamlBodySchema, req.body ?? {}, 'YAML');
        const answer: AdminYamlReport = await deps.admin.applyYaml(
          { credentials, request: req },
          body,
          dryRun,
        );
        res.json(answer);
      },
    );
  }
}

/** Nodes and cluster-wide events (kubemate.admin.read). */
export function addAdminRoutes(
  router: Router,
  deps: { httpAuth: HttpAuthService; admin: AdminConsole },
) {
  router.get('/clusters/:cluster/nodes', async (req, res) => {
    const credentials = await deps.httpAuth.credentials(req);
    const { cluster } = parseOr400(clusterParamsSchema, req.params, 'cluster');
    const body: NodeListResponse = await deps.admin.nodes(
      { credentials, request: req },
      cluster,
    );
    res.json(body);
  });

  router.get('/clusters/:cluster/nodes/:node', async (req, res) => {
    const credentials = await deps.httpAuth.credentials(req);
    const { cluster, node } = parseOr400(nodeParamsSchema, req.params, 'node');
    const body: NodeDetailResponse = await deps.admin.nodeDetail(
      { credentials, request: req },
      cluster,
      node,
    );
    res.json(body);
  });

  router.get('/clusters/:cluster/quotas', async (req, res) => {
    const credentials = await deps.httpAuth.credentials(req);
    const { cluster } = parseOr400(clusterParamsSchema, req.params, 'cluster');
    const body: ClusterQuotasResponse = await deps.admin.quotas(
      { credentials, request: req },
      cluster,
    );
    res.json(body);
  });

  // Read when a request comes (the route table test registers routes without services).
  const crs = () => deps.admin.customResources;
  router.get('/clusters/:cluster/crds', async (req, res) => {
    const credentials = await deps.httpAuth.credentials(req);
    const { cluster } = parseOr400(clusterParamsSchema, req.params, 'cluster');
    res.json(await crs().crds({ credentials, request: req }, cluster));
  });
  router.get('/clusters/:cluster/crds/:crd/resources', async (req, res) => {
    const credentials = await deps.httpAuth.credentials(req);
    const { cluster, crd } = parseOr400(crdParamsSchema, req.params, 'CRD');
    const q = parseOr400(customResourceListQuerySchema, req.query, 'query');
    res.json(
      await crs().resources(
        { credentials, request: req },
        cluster,
        crd,
        q.namespace,
      ),
    );
  });
  router.get('/clusters/:cluster/crds/:crd/resource', async (req, res) => {
    const credentials = await deps.httpAuth.credentials(req);
    const { cluster, crd } = parseOr400(crdParamsSchema, req.params, 'CRD');
    const q = parseOr400(customResourceQuerySchema, req.query, 'resource');
    res.json(await crs().yaml({ credentials, request: req }, cluster, crd, q));
  });

  router.get(
    '/admin/namespaces/:cluster/:namespace/export',
    async (req, res) => {
      const credentials = await deps.httpAuth.credentials(req);
      const { cluster, namespace } = parseOr400(
        namespaceExportParamsSchema,
        req.params,
        'namespace',
      );
      const { fileName, archive } = await deps.admin.exportNamespace(
        { credentials, request: req },
        cluster,
        namespace,
      );
      res.setHeader('Content-Type', 'application/gzip');
      res.setHeader(
        'Content-Disposition',
        `attachment; filename="${fileName}"`,
      );
      res.setHeader('Cache-Control', 'no-store');
      res.send(archive);
    },
  );

  router.get('/clusters/:cluster/events', async (req, res) => {
    const credentials = await deps.httpAuth.credentials(req);
    const { cluster } = parseOr400(clusterParamsSchema, req.params, 'cluster');
    const q = parseOr400(clusterEventsQuerySchema, req.query, 'events query');
    const body: ClusterEventsResponse = await deps.admin.events(
      { credentials, request: req },
      cluster,
      q,
    );
    res.json(body);
  });
}
