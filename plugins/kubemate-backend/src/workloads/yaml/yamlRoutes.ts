import type { HttpAuthService } from '@backstage/backend-plugin-api';
import express, { type Request, type Router } from 'express';
import { z } from 'zod';
import { actorOf } from '../../auth/actorOf';
import { entityRefFromParams, parseOr400 } from '../../service/entityRef';
import type { Caller } from '../operations/WorkloadOperations';
import type { YamlOperations } from './YamlOperations';

/** Largest YAML accepted for preview and apply. */
export const MAX_YAML_BYTES = 1024 * 1024;

// DNS-1123 names as Kubernetes requires for namespaces and most objects.
const dnsName = z
  .string()
  .regex(/^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/, 'must be a DNS-1123 name');
const objectRef = z.object({
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
const yamlBody = objectRef.extend({
  yaml: z
    .string()
    .min(1, 'must not be empty')
    .refine(
      text => Buffer.byteLength(text, 'utf8') <= MAX_YAML_BYTES,
      `must be at most ${MAX_YAML_BYTES} bytes`,
    ),
});

/**
 * Routes of the YAML editor: view, preview (dry run with diff) and apply. They parse their
 * own JSON bodies (up to a bit more than MAX_YAML_BYTES); mount them before a router-wide
 * `express.json()` with a smaller limit.
 */
export function addYamlRoutes(
  router: Router,
  deps: { httpAuth: HttpAuthService; operations: YamlOperations },
) {
  const { httpAuth, operations } = deps;
  const callerOf = async (req: Request): Promise<Caller> => {
    const credentials = await httpAuth.credentials(req);
    return {
      entityRef: entityRefFromParams(req.params),
      credentials,
      actor: actorOf(credentials),
      request: req,
    };
  };
  // JSON escaping can grow the YAML text; the zod check enforces the real limit.
  const json = express.json({ limit: 2 * MAX_YAML_BYTES + 64 * 1024 });
  const base = '/entities/:kind/:namespace/:name/yaml';

  router.get(base, async (req, res) => {
    const caller = await callerOf(req);
    const ref = parseOr400(objectRef, req.query, 'target');
    res.json(await operations.view(caller, ref));
  });

  router.post(`${base}/preview`, json, async (req, res) => {
    const caller = await callerOf(req);
    const { yaml, ...ref } = parseOr400(yamlBody, req.body ?? {}, 'YAML edit');
    res.json(await operations.preview(caller, ref, yaml));
  });

  router.post(`${base}/apply`, json, async (req, res) => {
    const caller = await callerOf(req);
    const { yaml, ...ref } = parseOr400(yamlBody, req.body ?? {}, 'YAML edit');
    res.json(await operations.apply(caller, ref, yaml));
  });
}
