import type {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  kubemateWorkloadReadPermission,
  logQuerySchema,
  workloadActionParamsSchema,
  workloadActionViewSchema,
  workloadTargetSchema,
  type RolloutHistoryResponse,
  type WorkloadActionResponse,
} from '@kubemate/plugin-kubemate-common';
import type { Router } from 'express';
import { requirePermission } from '../auth/requirePermission';
import { parseOr400 } from '../service/validation';
import { sendAnswer } from '../live/sendAnswer';
import { callerOf } from './workloadRequest';
import { LogFollowLimits } from './podLogs/LogFollowLimits';
import { LogStreamEnded } from './podLogs/streamPodLog';
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
    /** Bounds of followed logs; the defaults without it. */
    logLimits?: LogFollowLimits;
  },
) {
  const { httpAuth, permissions, workloads, operations } = deps;
  const logLimits = deps.logLimits ?? new LogFollowLimits({});
  const requireRead = (caller: Caller) =>
    requirePermission(permissions, caller.credentials, {
      permission: kubemateWorkloadReadPermission,
      resourceRef: caller.entityRef,
    });

  // Secret values are never in this answer (their sizes are): a value is revealed one key at
  // a time, each reveal audited (configData/).
  router.get('/entities/:kind/:namespace/:name/workloads', async (req, res) => {
    const caller = await callerOf(httpAuth, req);
    await requireRead(caller);
    const answer = await workloads.getWorkloadsAnswer(
      caller.entityRef,
      caller.credentials,
    );
    await sendAnswer(req, res, answer);
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
      const view = parseOr400(workloadActionViewSchema, body, 'action');
      const {
        cluster: _c,
        namespace: _n,
        kind: _k,
        name: _m,
        resourceVersion: _v,
        generation: _g,
        ...params
      } = body;
      const object = await operations.perform(
        caller,
        action,
        ref,
        params,
        view,
      );
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
    const follow = q.follow ?? false;
    // A followed log takes one of the user's slots (429 beyond them) until its response closes.
    const release = follow ? logLimits.acquire(caller.actor) : () => {};
    const abort = new AbortController();
    // The response closes when it ends or when the browser goes away: the upstream closes too.
    res.on('close', () => {
      release();
      abort.abort();
    });
    if (follow) {
      const limit = setTimeout(
        () => abort.abort(new LogStreamEnded(logLimits.endedMessage())),
        logLimits.maxFollowMs,
      );
      abort.signal.addEventListener('abort', () => clearTimeout(limit));
    }
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
    await operations
      .logs(caller, { ...q, kind: 'Pod' }, { ...q, follow }, res, abort.signal)
      .catch(error => {
        release();
        throw error;
      });
  });
}
