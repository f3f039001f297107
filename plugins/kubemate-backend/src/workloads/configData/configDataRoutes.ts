import type { HttpAuthService } from '@backstage/backend-plugin-api';
import {
  configDataEditBodySchema,
  configDataTargetSchema,
  MAX_CONFIG_DATA_BYTES,
  secretRevealBodySchema,
  type ConfigDataApplyResponse,
  type ConfigDataHistoryResponse,
  type ConfigDataPreviewResponse,
  type SecretRevealResponse,
} from '@kubemate/plugin-kubemate-common';
import express, { type Router } from 'express';
import { parseOr400 } from '../../service/validation';
import { callerOf } from '../workloadRequest';
import type { ConfigDataOperations } from './ConfigDataOperations';

/**
 * Routes of ConfigMap and Secret key editing, their history and Secret reveals. They parse
 * their own JSON bodies (values up to the 1 MiB a ConfigMap may hold): mount them before a
 * router-wide `express.json()` with a smaller limit.
 */
export function addConfigDataRoutes(
  router: Router,
  deps: { httpAuth: HttpAuthService; operations: ConfigDataOperations },
) {
  const { httpAuth, operations } = deps;
  // JSON escaping can grow the values; the zod checks enforce the real limits.
  const json = express.json({ limit: 2 * MAX_CONFIG_DATA_BYTES + 64 * 1024 });
  const base = '/entities/:kind/:namespace/:name';

  router.post(`${base}/configdata/preview`, json, async (req, res) => {
    const caller = await callerOf(httpAuth, req);
    const edit = parseOr400(configDataEditBodySchema, req.body ?? {}, 'edit');
    const body: ConfigDataPreviewResponse = await operations.preview(
      caller,
      edit,
    );
    res.json(body);
  });

  router.post(`${base}/configdata/apply`, json, async (req, res) => {
    const caller = await callerOf(httpAuth, req);
    const edit = parseOr400(configDataEditBodySchema, req.body ?? {}, 'edit');
    const body: ConfigDataApplyResponse = await operations.apply(caller, edit);
    res.json(body);
  });

  router.get(`${base}/configdata/history`, async (req, res) => {
    const caller = await callerOf(httpAuth, req);
    const target = parseOr400(configDataTargetSchema, req.query, 'target');
    const body: ConfigDataHistoryResponse = {
      items: await operations.history(caller, target),
    };
    res.json(body);
  });

  router.post(`${base}/secrets/reveal`, json, async (req, res) => {
    const caller = await callerOf(httpAuth, req);
    const reveal = parseOr400(secretRevealBodySchema, req.body ?? {}, 'reveal');
    const body: SecretRevealResponse = await operations.reveal(caller, reveal);
    // A Secret value: never kept by a browser or proxy cache.
    res.setHeader('Cache-Control', 'no-store');
    res.json(body);
  });
}
