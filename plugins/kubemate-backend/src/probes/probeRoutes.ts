import type { HttpAuthService } from '@backstage/backend-plugin-api';
import {
  entityParamsSchema,
  probeGateRequestSchema,
  probeReportSchema,
  probeRunParamsSchema,
  probeParamsSchema,
  probeRunsQuerySchema,
  type ProbeGateResponse,
  type ProbeListResponse,
  type ProbeRun,
  type ProbeRunListResponse,
  type ProbeSummary,
} from '@kubemate/plugin-kubemate-common';
import express from 'express';
import Router from 'express-promise-router';
import { entityRefFromParams } from '../service/entityRef';
import { parseOr400 } from '../service/validation';
import type { Probes } from './Probes';

/** The probe API: the fleet, an entity's probes, one probe, its runs, and a manual run. */
export function createProbeRouter(deps: {
  httpAuth: HttpAuthService;
  probes: Probes;
}): express.Router {
  const { httpAuth, probes } = deps;
  // No router-wide body parser: this router sees every request first, so such a parser would
  // refuse the larger bodies of the routes mounted after this one. The gate parses its own.
  const router = Router();

  router.get('/probes', async (req, res) => {
    const body: ProbeListResponse = {
      items: await probes.list(await httpAuth.credentials(req)),
    };
    res.json(body);
  });

  router.get('/entities/:kind/:namespace/:name/probes', async (req, res) => {
    parseOr400(entityParamsSchema, req.params, 'path');
    const body: ProbeListResponse = {
      items: await probes.listForEntity(
        await httpAuth.credentials(req),
        entityRefFromParams(req.params),
      ),
    };
    res.json(body);
  });

  router.get('/probes/:id', async (req, res) => {
    const { id } = parseOr400(probeParamsSchema, req.params, 'path');
    const body: ProbeSummary = await probes.get(
      await httpAuth.credentials(req),
      id,
    );
    res.json(body);
  });

  router.get('/probes/:id/runs', async (req, res) => {
    const { id } = parseOr400(probeParamsSchema, req.params, 'path');
    const { limit } = parseOr400(probeRunsQuerySchema, req.query, 'query');
    const body: ProbeRunListResponse = {
      items: await probes.runs(await httpAuth.credentials(req), id, limit),
    };
    res.json(body);
  });

  router.post(
    '/probes/gate',
    express.json({ limit: '16kb' }),
    async (req, res) => {
      const body = parseOr400(probeGateRequestSchema, req.body ?? {}, 'gate');
      const answer: ProbeGateResponse = await probes.gate(
        await httpAuth.credentials(req),
        body,
        req,
      );
      res.json(answer);
    },
  );

  router.post(
    '/probes/:id/runs/:runId/report',
    express.json({ limit: '64kb' }),
    async (req, res) => {
      const { id, runId } = parseOr400(
        probeRunParamsSchema,
        req.params,
        'path',
      );
      const body = parseOr400(probeReportSchema, req.body ?? {}, 'report');
      const run: ProbeRun = await probes.report(
        await httpAuth.credentials(req),
        id,
        runId,
        body,
        req,
      );
      res.json(run);
    },
  );

  router.post('/probes/:id/run', async (req, res) => {
    const { id } = parseOr400(probeParamsSchema, req.params, 'path');
    const { run } = await probes.run(await httpAuth.credentials(req), id, req);
    const body: ProbeRun = run;
    res.status(202).json(body);
  });

  return router;
}
