import type { HttpAuthService } from '@backstage/backend-plugin-api';
import express, { type Router } from 'express';
import { z } from 'zod';
import { parseOr400 } from '../../service/validation';
import { callerOf, objectRefSchema } from '../workloadRequest';
import type { YamlOperations } from './YamlOperations';

/** Largest YAML accepted for preview and apply. */
export const MAX_YAML_BYTES = 1024 * 1024;

const yamlBody = objectRefSchema.extend({
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
  // JSON escaping can grow the YAML text; the zod check enforces the real limit.
  const json = express.json({ limit: 2 * MAX_YAML_BYTES + 64 * 1024 });
  const base = '/entities/:kind/:namespace/:name/yaml';

  router.get(base, async (req, res) => {
    const caller = await callerOf(httpAuth, req);
    const ref = parseOr400(objectRefSchema, req.query, 'target');
    res.json(await operations.view(caller, ref));
  });

  router.post(`${base}/preview`, json, async (req, res) => {
    const caller = await callerOf(httpAuth, req);
    const { yaml, ...ref } = parseOr400(yamlBody, req.body ?? {}, 'YAML edit');
    res.json(await operations.preview(caller, ref, yaml));
  });

  router.post(`${base}/apply`, json, async (req, res) => {
    const caller = await callerOf(httpAuth, req);
    const { yaml, ...ref } = parseOr400(yamlBody, req.body ?? {}, 'YAML edit');
    res.json(await operations.apply(caller, ref, yaml));
  });
}
