import type { HttpAuthService } from '@backstage/backend-plugin-api';
import {
  entityParamsSchema,
  serviceProfileParamsSchema,
  serviceProfileSaveSchema,
  type ServiceProfileListResponse,
  type ServiceProfileSaveResponse,
} from '@kubemate/plugin-kubemate-common';
import type { Router } from 'express';
import { parseOr400 } from '../service/validation';
import { callerOf } from '../workloads/workloadRequest';
import type { ServiceProfiles } from './ServiceProfiles';

/** Linkerd ServiceProfiles of an entity's Services: read, and create or replace. */
export function addServiceProfileRoutes(
  router: Router,
  deps: { httpAuth: HttpAuthService; serviceProfiles: ServiceProfiles },
) {
  router.get(
    '/entities/:kind/:namespace/:name/serviceprofiles',
    async (req, res) => {
      parseOr400(entityParamsSchema, req.params, 'path');
      const body: ServiceProfileListResponse = await deps.serviceProfiles.list(
        await callerOf(deps.httpAuth, req),
      );
      res.json(body);
    },
  );

  router.put(
    '/entities/:kind/:namespace/:name/serviceprofiles/:cluster/:serviceNamespace/:service',
    async (req, res) => {
      const params = parseOr400(serviceProfileParamsSchema, req.params, 'path');
      const request = parseOr400(
        serviceProfileSaveSchema,
        req.body,
        'service profile',
      );
      const body: ServiceProfileSaveResponse = await deps.serviceProfiles.save(
        await callerOf(deps.httpAuth, req),
        {
          cluster: params.cluster,
          namespace: params.serviceNamespace,
          service: params.service,
        },
        request,
      );
      res.json(body);
    },
  );
}
