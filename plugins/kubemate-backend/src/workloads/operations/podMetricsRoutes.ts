import type { HttpAuthService } from '@backstage/backend-plugin-api';
import {
  podMetricsQuerySchema,
  type PodMetricsResponse,
} from '@kubemate/plugin-kubemate-common';
import type { Router } from 'express';
import { parseOr400 } from '../../service/validation';
import { callerOf } from '../workloadRequest';
import type { PodMetrics } from './PodMetrics';

/** `GET /entities/:kind/:namespace/:name/pods/metrics`: a pod's usage for its detail. */
export function addPodMetricsRoutes(
  router: Router,
  deps: { httpAuth: HttpAuthService; podMetrics: PodMetrics },
) {
  router.get(
    '/entities/:kind/:namespace/:name/pods/metrics',
    async (req, res) => {
      const caller = await callerOf(deps.httpAuth, req);
      const query = parseOr400(podMetricsQuerySchema, req.query, 'query');
      const answer: PodMetricsResponse = await deps.podMetrics.read(
        caller,
        query,
      );
      res.json(answer);
    },
  );
}
