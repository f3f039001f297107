import type {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  kubemateRouteReadPermission,
  routeDeleteQuerySchema,
  routeEditBodySchema,
  routeMigrateBodySchema,
  routeObjectParamsSchema,
  routePreviewBodySchema,
  routeTestBodySchema,
  type EntityRoutesResponse,
  type RouteInvalidResponse,
} from '@kubemate/plugin-kubemate-common';
import type { Request, Response, Router } from 'express';
import { requirePermission } from '../auth/requirePermission';
import { parseOr400 } from '../service/validation';
import { callerOf } from '../workloads/workloadRequest';
import type { EntityRoutes } from './EntityRoutes';
import { RouteInvalidError } from './routeDraft';
import type { RouteEditor } from './RouteEditor';
import type { RouteMigration } from './RouteMigration';
import type { RouteTester } from './RouteTester';

/**
 * Answers with `handle`'s result; an invalid route is a 400 carrying every field issue (so the
 * form can show each next to its field), in Backstage's error body shape.
 */
const answer =
  (handle: (req: Request) => Promise<unknown>) =>
  async (req: Request, res: Response) => {
    try {
      res.json(await handle(req));
    } catch (e) {
      if (!(e instanceof RouteInvalidError)) throw e;
      const body: RouteInvalidResponse = {
        error: { name: e.name, message: e.message },
        request: { method: req.method, url: req.originalUrl },
        response: { statusCode: 400 },
        issues: e.issues,
      };
      res.status(400).json(body);
    }
  };

/** The Routes tab of an entity: its routes, the form's writes, the tester and the migration. */
export function addRouteRoutes(
  router: Router,
  deps: {
    httpAuth: HttpAuthService;
    permissions: PermissionsService;
    routes: EntityRoutes;
    editor: RouteEditor;
    tester: RouteTester;
    migration: RouteMigration;
  },
) {
  const entity = '/entities/:kind/:namespace/:name/routes';
  router.get(entity, async (req, res) => {
    const caller = await callerOf(deps.httpAuth, req);
    await requirePermission(deps.permissions, caller.credentials, {
      permission: kubemateRouteReadPermission,
      resourceRef: caller.entityRef,
    });
    const body: EntityRoutesResponse = await deps.routes.read(
      caller.entityRef,
      caller.credentials,
    );
    res.json(body);
  });

  router.post(
    `${entity}/preview`,
    answer(async req =>
      deps.editor.preview(
        await callerOf(deps.httpAuth, req),
        parseOr400(routePreviewBodySchema, req.body ?? {}, 'route preview'),
      ),
    ),
  );
  router.post(
    `${entity}/test`,
    answer(async req =>
      deps.tester.test(
        await callerOf(deps.httpAuth, req),
        parseOr400(routeTestBodySchema, req.body ?? {}, 'route test'),
      ),
    ),
  );
  router.post(
    `${entity}/migrate/preview`,
    answer(async req =>
      deps.migration.preview(
        await callerOf(deps.httpAuth, req),
        parseOr400(routeMigrateBodySchema, req.body ?? {}, 'migration'),
      ),
    ),
  );
  router.post(
    `${entity}/migrate/apply`,
    answer(async req =>
      deps.migration.apply(
        await callerOf(deps.httpAuth, req),
        parseOr400(routeMigrateBodySchema, req.body ?? {}, 'migration'),
      ),
    ),
  );
  router.post(
    entity,
    answer(async req =>
      deps.editor.create(
        await callerOf(deps.httpAuth, req),
        parseOr400(routeEditBodySchema, req.body ?? {}, 'route'),
      ),
    ),
  );
  const one = `${entity}/:cluster/:routeNamespace/:routeName`;
  const targetOf = (req: Request) => {
    const p = parseOr400(routeObjectParamsSchema, req.params, 'route');
    return {
      cluster: p.cluster,
      namespace: p.routeNamespace,
      name: p.routeName,
    };
  };
  router.put(
    one,
    answer(async req =>
      deps.editor.update(
        await callerOf(deps.httpAuth, req),
        targetOf(req),
        parseOr400(routeEditBodySchema, req.body ?? {}, 'route'),
      ),
    ),
  );
  router.delete(
    one,
    answer(async req =>
      deps.editor.remove(
        await callerOf(deps.httpAuth, req),
        targetOf(req),
        parseOr400(routeDeleteQuerySchema, req.query, 'query'),
      ),
    ),
  );
}
