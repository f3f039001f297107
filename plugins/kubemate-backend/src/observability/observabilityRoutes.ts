import type { HttpAuthService } from '@backstage/backend-plugin-api';
import {
  observabilityLinksQuerySchema,
  type ObservabilityLinksResponse,
} from '@kubemate/plugin-kubemate-common';
import type { Router } from 'express';
import { entityRefFromParams } from '../service/entityRef';
import { parseOr400 } from '../service/validation';
import type { EntityLinks } from './EntityLinks';

/** `GET /entities/:kind/:namespace/:name/observability/links`. */
export function addObservabilityRoutes(
  router: Router,
  deps: { httpAuth: HttpAuthService; links: EntityLinks },
) {
  router.get(
    '/entities/:kind/:namespace/:name/observability/links',
    async (req, res) => {
      const query = parseOr400(
        observabilityLinksQuerySchema,
        req.query,
        'query',
      );
      const answer: ObservabilityLinksResponse = await deps.links.links(
        {
          entityRef: entityRefFromParams(req.params),
          credentials: await deps.httpAuth.credentials(req),
        },
        query,
      );
      res.json(answer);
    },
  );
}
