import type { z } from 'zod';
import { checkBackendRefs } from './backendRefs';
import { withExplicitSpecDefaults } from './defaults';
import { checkFilters } from './filters';
import { checkHostnames } from './hostnames';
import {
  checkImplementation,
  type HttpRouteImplementation,
} from './implementations';
import { fieldPath, type HttpRouteIssue } from './issues';
import { checkLimits } from './limits';
import { checkMatchNames } from './matches';
import { checkParentRefs } from './parentRefs';
import { checkPathMatches } from './paths';
import { checkRules } from './rules';
import { httpRouteSpecSchema } from './schema';
import { checkTimeouts } from './timeouts';

export type ValidateHttpRouteOptions = {
  /** The implementation serving the route: Traefik (Gateway parents) or Linkerd (Service parents). */
  implementation: HttpRouteImplementation;
};

/** Zod's issues as field issues (`spec.rules[0].backendRefs[1].port`). */
export function schemaIssues(error: z.ZodError): HttpRouteIssue[] {
  return error.issues.map(issue => ({
    path: fieldPath(issue.path),
    message: issue.message,
  }));
}

/**
 * Everything wrong with an HTTPRoute spec, each problem at its field; empty when the route is
 * valid. The same checks run in the form and on the server (which answers 400 with them).
 *
 * First the shape (`httpRouteSpecSchema`); if that fails, only its issues are returned. Then,
 * on the spec with the CRD's defaults applied (as the API server validates it): the CRD's
 * limits and CEL rules, and what the implementation supports.
 */
export function validateHttpRoute(
  spec: unknown,
  options: ValidateHttpRouteOptions,
): HttpRouteIssue[] {
  const parsed = httpRouteSpecSchema.safeParse(spec);
  if (!parsed.success) {
    return schemaIssues(parsed.error);
  }
  const defaulted = withExplicitSpecDefaults(parsed.data);
  return [
    ...checkLimits(defaulted),
    ...checkRules(defaulted),
    ...checkParentRefs(defaulted),
    ...checkHostnames(defaulted),
    ...checkPathMatches(defaulted),
    ...checkMatchNames(defaulted),
    ...checkBackendRefs(defaulted),
    ...checkFilters(defaulted),
    ...checkTimeouts(defaulted),
    ...checkImplementation(defaulted, options.implementation),
  ];
}

/**
 * Which implementations serve a route: Linkerd for Service parents, Traefik for Gateway parents
 * (and for a route without parents yet).
 */
export function implementationsOf(spec: unknown): HttpRouteImplementation[] {
  const parents = (spec as { parentRefs?: unknown } | undefined)?.parentRefs;
  const kinds = new Set(
    (Array.isArray(parents) ? parents : []).map(
      (p: { kind?: unknown }) => p?.kind ?? 'Gateway',
    ),
  );
  const out: HttpRouteImplementation[] = [];
  if (kinds.has('Service')) out.push('linkerd');
  if (kinds.has('Gateway') || kinds.size === 0) out.push('traefik');
  return out;
}

/** `validateHttpRoute` for every implementation serving the route, each issue once. */
export function validateHttpRouteForParents(spec: unknown): HttpRouteIssue[] {
  const seen = new Set<string>();
  return implementationsOf(spec)
    .flatMap(implementation => validateHttpRoute(spec, { implementation }))
    .filter(issue => {
      const key = `${issue.path}|${issue.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}
