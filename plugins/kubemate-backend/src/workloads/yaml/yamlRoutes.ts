import type { HttpAuthService } from '@backstage/backend-plugin-api';
import {
  MAX_YAML_BYTES,
  workloadTargetSchema,
  yamlEditBodySchema,
  type YamlApplyResponse,
  type YamlPreviewResponse,
  type YamlViewResponse,
} from '@kubemate/plugin-kubemate-common';
import express, { type Router } from 'express';
import { parseOr400 } from '../../service/validation';
import { callerOf } from '../workloadRequest';
import type { YamlOperations } from './YamlOperations';

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
    const ref = parseOr400(workloadTargetSchema, req.query, 'target');
    const body: YamlViewResponse = await operations.view(caller, ref);
    res.json(body);
  });

  router.post(`${base}/preview`, json, async (req, res) => {
    const caller = await callerOf(httpAuth, req);
    const { yaml, ...ref } = parseOr400(
      yamlEditBodySchema,
      req.body ?? {},
      'YAML edit',
    );
    const body: YamlPreviewResponse = await operations.preview(
      caller,
      ref,
      yaml,
    );
    res.json(body);
  });

  router.post(`${base}/apply`, json, async (req, res) => {
    const caller = await callerOf(httpAuth, req);
    const { yaml, ...ref } = parseOr400(
      yamlEditBodySchema,
      req.body ?? {},
      'YAML edit',
    );
    const body: YamlApplyResponse = await operations.apply(caller, ref, yaml);
    res.json(body);
  });
}
