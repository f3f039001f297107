import { auditRoutes } from '../audit/contract';
import { clusterRoutes } from '../clusters/contract';
import { inspectionRoutes } from '../inspection/contract';
import { meshRoutes } from '../mesh/contract';
import { routeRoutes } from '../routes/contract';
import { namespaceRoutes } from '../namespaces/contract';
import { workloadRoutes } from '../workloads/contract';

/**
 * Every route of `/api/kubemate`, by id: the backend registers these, the frontend clients call
 * them and docs/api-reference.md is generated from them. A test fails when a router registers
 * a route that is not here.
 */
export const kubemateRoutes = {
  ...clusterRoutes,
  ...workloadRoutes,
  ...auditRoutes,
  ...inspectionRoutes,
  ...meshRoutes,
  ...routeRoutes,
  ...namespaceRoutes,
};
export type KubemateRouteId = keyof typeof kubemateRoutes;
