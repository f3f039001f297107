import type { HttpAuthService } from '@backstage/backend-plugin-api';
import type { Request } from 'express';
import { z } from 'zod';
import { actorOf } from '../auth/actorOf';
import { entityRefFromParams } from '../service/entityRef';
import type { Caller } from './operations/WorkloadOperations';

// DNS-1123 names as Kubernetes requires for namespaces and most objects.
export const dnsName = z
  .string()
  .regex(/^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/, 'must be a DNS-1123 name');

/** The object a workload request is about, inside one of the entity's clusters. */
export const objectRefSchema = z.object({
  cluster: z.string().min(1).max(253),
  namespace: dnsName,
  kind: z
    .string()
    .regex(
      /^[A-Z][A-Za-z]{1,62}$/,
      'must be a Kubernetes kind such as Deployment',
    ),
  name: dnsName,
});

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
