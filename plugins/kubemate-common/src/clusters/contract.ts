import { z } from 'zod';
import { defineRoutes } from '../contract/route';
import { kubemateClusterReadPermission } from '../permissions';
import type { ClusterListResponse } from './types';

export const healthResponseSchema = z
  .object({ status: z.literal('ok') })
  .describe('HealthResponse');
export type HealthResponse = z.infer<typeof healthResponseSchema>;

export const clusterRoutes = defineRoutes({
  getHealth: {
    method: 'GET',
    path: '/health',
    summary: '`{"status": "ok"}` when the plugin is up',
    response: healthResponseSchema,
  },
  listClusters: {
    method: 'GET',
    path: '/clusters',
    summary:
      'Every configured cluster, probed now (`/version`), in configuration order',
    permission: kubemateClusterReadPermission.name,
    response: z.custom<ClusterListResponse>().describe('ClusterListResponse'),
  },
});
