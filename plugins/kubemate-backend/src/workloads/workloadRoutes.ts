import type {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  kubemateWorkloadReadPermission,
  kubemateWorkloadSecretReadPermission,
  logQuerySchema,
  workloadActionParamsSchema,
  workloadTargetSchema,
  type RolloutHistoryResponse,
  type WorkloadActionResponse,
} from '@kubemate/plugin-kubemate-common';
import type { Router } from 'express';
import {
  decide,
  notAllowed,
  requirePermission,
} from '../auth/requirePermission';
import { parseOr400 } from '../service/validation';
import { sendAnswer } from '../live/sendAnswer';
import { callerOf } from './workloadRequest';
import type { EntityWorkloadsService } from './EntityWorkloadsService';
import type {
  Caller,
  WorkloadOperations,
} from './operations/WorkloadOperations';

/** Routes of the Workloads tab: read, act, history, logs. */
export function addWorkloadRoutes(
  router: Router,
  deps: {
    httpAuth: HttpAuthService;
    permissions: PermissionsService;
    workloads: EntityWorkloadsService;
    operations: WorkloadOperations;
  },
) {
  const { httpAuth, permissions, workloads, operations } = deps;
  const requireRead = (caller: Caller) =>
    requirePermission(permissions, caller.credentials, {
      permission: kubemateWorkloadReadPermission,
      resourceRef: caller.entityRef,
    });

  router.get('/entities/:kind/:namespace/:name/workloads', async (req, res) => {
    const caller = await callerOf(httpAuth, req);
    const read = {
      permission: kubemateWorkloadReadPermission,
      resourceRef: caller.entityRef,
    };
    // One round trip for both decisions: this route is polled by every open Workloads tab.
    const [canRead, showSecretValues] = await decide(
      permissions,
      caller.credentials,
      [
        read,
        {
          permission: kubemateWorkloadSecretReadPermission,
          resourceRef: caller.entityRef,
        },
      ],
    );
    if (!canRead) throw notAllowed(read);
    await sendAnswer(
      req,
      res,
      await workloads.getWorkloadsAnswer(caller.entityRef, caller.credentials, {
        showSecretValues,
      }),
    );
  });

  router.post(
    '/entities/:kind/:namespace/:name/actions/:action',
    async (req, res) => {
      const caller = await callerOf(httpAuth, req);
      const { action } = parseOr400(
        workloadActionParamsSchema,
        req.params,
        'action',
      );
      const body = (req.body ?? {}) as Record<string, unknown>;
      const ref = parseOr400(workloadTargetSchema, body, 'target');
      const {
        cluster: _c,
        namespace: _n,
        kind: _k,
        name: _m,
        ...params
      } = body;
      const object = await operations.perform(caller, action, ref, params);
      const answer: WorkloadActionResponse = { object: object ?? null };
      res.json(answer);
    },
  );

  router.get('/entities/:kind/:namespace/:name/history', async (req, res) => {
    const caller = await callerOf(httpAuth, req);
    await requireRead(caller);
    const ref = parseOr400(workloadTargetSchema, req.query, 'target');
    const body: RolloutHistoryResponse = {
      items: await operations.history(caller, ref),
    };
    res.json(body);
  });

  router.get('/entities/:kind/:namespace/:name/logs', async (req, res) => {
    const caller = await callerOf(httpAuth, req);
    const q = parseOr400(logQuerySchema, req.query, 'log query');
    const abort = new AbortController();
    req.on('close', () => abort.abort());
    res.setHeader('Content-Type', 'text/plain; charset=utf-8');
    // no-transform: the backend's compression middleware would otherwise buffer a followed log.
    res.setHeader('Cache-Control', 'no-cache, no-transform');
    if (q.download) {
      res.setHeader(
        'Content-Disposition',
        `attachment; filename="${q.name}${
          q.container ? `-${q.container}` : ''
        }.log"`,
      );
    }
    await operations.logs(
      caller,
      { ...q, kind: 'Pod' },
      { ...q, follow: q.follow ?? false },
      res,
      abort.signal,
    );
  });
}
