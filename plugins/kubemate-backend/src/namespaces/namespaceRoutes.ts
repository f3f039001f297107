import type {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  kubemateClusterReadPermission,
  namespaceParamsSchema,
  offboardBodySchema,
  onboardBodySchema,
  type NamespaceListResponse,
  type OnboardResponse,
} from '@kubemate/plugin-kubemate-common';
import type { Router } from 'express';
import { requirePermission } from '../auth/requirePermission';
import { parseOr400 } from '../service/validation';
import type { NamespaceOnboarding } from './NamespaceOnboarding';

/** Namespaces with owner and gateway status; onboarding (platform admins). */
export function addNamespaceRoutes(
  router: Router,
  deps: {
    httpAuth: HttpAuthService;
    permissions: PermissionsService;
    onboarding: NamespaceOnboarding;
  },
) {
  router.get('/namespaces', async (req, res) => {
    await requirePermission(
      deps.permissions,
      await deps.httpAuth.credentials(req),
      {
        permission: kubemateClusterReadPermission,
      },
    );
    const body: NamespaceListResponse = {
      items: await deps.onboarding.list(),
      ...deps.onboarding.offer(),
    };
    res.json(body);
  });

  router.post('/namespaces/:cluster/:name/onboard', async (req, res) => {
    const credentials = await deps.httpAuth.credentials(req);
    const params = parseOr400(namespaceParamsSchema, req.params, 'namespace');
    const body = parseOr400(onboardBodySchema, req.body ?? {}, 'onboarding');
    const answer: OnboardResponse = await deps.onboarding.onboard(
      params.cluster,
      params.name,
      body,
      { credentials, request: req },
    );
    res.json(answer);
  });

  router.post('/namespaces/:cluster/:name/offboard', async (req, res) => {
    const credentials = await deps.httpAuth.credentials(req);
    const params = parseOr400(namespaceParamsSchema, req.params, 'namespace');
    const body = parseOr400(offboardBodySchema, req.body ?? {}, 'offboarding');
    const answer: OnboardResponse = await deps.onboarding.offboard(
      params.cluster,
      params.name,
      body,
      { credentials, request: req },
    );
    res.json(answer);
  });
}
