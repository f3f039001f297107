import type { HttpAuthService } from '@backstage/backend-plugin-api';
import type { Request } from 'express';
import { actorOf } from '../auth/actorOf';
import { entityRefFromParams } from '../service/entityRef';
import type { Caller } from './operations/WorkloadOperations';

/** Who asks about which entity, for the `/entities/:kind/:namespace/:name/...` routes. */
export async function callerOf(
  httpAuth: HttpAuthService,
  req: Request,
): Promise<Caller> {
  const credentials = await httpAuth.credentials(req);
  return {
    entityRef: entityRefFromParams(req.params),
    credentials,
    actor: actorOf(credentials),
    request: req,
  };
}
