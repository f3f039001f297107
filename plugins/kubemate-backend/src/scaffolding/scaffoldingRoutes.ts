import type { HttpAuthService } from '@backstage/backend-plugin-api';
import {
  applyManifestsBodySchema,
  applyParamsSchema,
  MAX_APPLY_BODY_BYTES,
  MAX_CREATED_ENTITY_BYTES,
  registerCreatedEntityBodySchema,
  type ApplyManifestsResponse,
  type CreatedEntityListResponse,
  type RegisterCreatedEntityResponse,
} from '@kubemate/plugin-kubemate-common';
import express, { type Router } from 'express';
import { parseOr400 } from '../service/validation';
import type { CreatedEntities } from './CreatedEntities';
import type { ManifestApply } from './ManifestApply';

/**
 * Routes for templates. Mount before a router-wide `express.json()`: rendered manifests may
 * exceed its 100 kB default, up to `MAX_APPLY_BODY_BYTES`.
 */
export function addScaffoldingRoutes(
  router: Router,
  deps: {
    httpAuth: HttpAuthService;
    apply: ManifestApply;
    createdEntities: CreatedEntities;
  },
) {
  const json = express.json({ limit: MAX_APPLY_BODY_BYTES });
  router.post(
    '/namespaces/:cluster/:namespace/apply',
    json,
    async (req, res) => {
      const credentials = await deps.httpAuth.credentials(req);
      const params = parseOr400(applyParamsSchema, req.params, 'namespace');
      const body = parseOr400(
        applyManifestsBodySchema,
        req.body ?? {},
        'apply',
      );
      const answer: ApplyManifestsResponse = await deps.apply.apply(
        params.cluster,
        params.namespace,
        body,
        { credentials, request: req },
      );
      res.json(answer);
    },
  );

  router.post(
    '/catalog/created-entities',
    express.json({ limit: MAX_CREATED_ENTITY_BYTES + 1024 }),
    async (req, res) => {
      const credentials = await deps.httpAuth.credentials(req, {
        allow: ['user'],
      });
      const body = parseOr400(
        registerCreatedEntityBodySchema,
        req.body ?? {},
        'entity',
      );
      const answer: RegisterCreatedEntityResponse =
        await deps.createdEntities.register(body, {
          credentials,
          request: req,
        });
      res.json(answer);
    },
  );

  // Only the catalog backend (a service) reads them, for its entity provider.
  router.get('/catalog/created-entities', async (req, res) => {
    await deps.httpAuth.credentials(req, { allow: ['service'] });
    const answer: CreatedEntityListResponse = {
      items: await deps.createdEntities.list(),
    };
    res.json(answer);
  });
}
