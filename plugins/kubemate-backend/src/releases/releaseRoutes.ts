import type { HttpAuthService } from '@backstage/backend-plugin-api';
import {
  createReleaseSchema,
  entityParamsSchema,
  releaseActionParamsSchema,
  releaseListQuerySchema,
  releaseMetricsQuerySchema,
  releaseParamsSchema,
  releaseWeightSchema,
  type Release,
  type ReleaseListResponse,
  type ReleaseMetricsResponse,
} from '@kubemate/plugin-kubemate-common';
import type { Router } from 'express';
import { parseOr400 } from '../service/validation';
import { callerOf } from '../workloads/workloadRequest';
import type { Releases } from './Releases';

/** The release API: fleet, an entity's releases, one release, and what a person can do to it. */
export function addReleaseRoutes(
  router: Router,
  deps: { httpAuth: HttpAuthService; releases: Releases },
) {
  const { httpAuth, releases } = deps;

  router.get('/releases', async (req, res) => {
    const query = parseOr400(releaseListQuerySchema, req.query, 'query');
    const body: ReleaseListResponse = {
      items: await releases.listFleet(await httpAuth.credentials(req), {
        states: query.state,
        limit: query.limit,
      }),
    };
    res.json(body);
  });

  router.get('/entities/:kind/:namespace/:name/releases', async (req, res) => {
    parseOr400(entityParamsSchema, req.params, 'path');
    const query = parseOr400(releaseListQuerySchema, req.query, 'query');
    const caller = await callerOf(httpAuth, req);
    const items = await releases.listForEntity(caller, query.limit);
    const body: ReleaseListResponse = {
      items: query.state
        ? items.filter(r => query.state!.includes(r.state))
        : items,
    };
    res.json(body);
  });

  router.post('/entities/:kind/:namespace/:name/releases', async (req, res) => {
    parseOr400(entityParamsSchema, req.params, 'path');
    const caller = await callerOf(httpAuth, req);
    const request = parseOr400(createReleaseSchema, req.body, 'release');
    const body: Release = await releases.create(caller, request);
    res.status(201).json(body);
  });

  router.get('/releases/:id', async (req, res) => {
    const { id } = parseOr400(releaseParamsSchema, req.params, 'path');
    const body: Release = await releases.get(
      await httpAuth.credentials(req),
      id,
    );
    res.json(body);
  });

  router.get('/releases/:id/metrics', async (req, res) => {
    const { id } = parseOr400(releaseParamsSchema, req.params, 'path');
    const { window } = parseOr400(
      releaseMetricsQuerySchema,
      req.query,
      'query',
    );
    const body: ReleaseMetricsResponse = await releases.metrics(
      await httpAuth.credentials(req),
      id,
      window,
    );
    res.json(body);
  });

  router.post('/releases/:id/:action', async (req, res) => {
    const { id, action } = parseOr400(
      releaseActionParamsSchema,
      req.params,
      'path',
    );
    const change =
      action === 'weight'
        ? parseOr400(releaseWeightSchema, req.body ?? {}, 'weight')
        : {};
    const body: Release = await releases.act(
      await httpAuth.credentials(req),
      id,
      action,
      change,
      req,
    );
    res.json(body);
  });
}
