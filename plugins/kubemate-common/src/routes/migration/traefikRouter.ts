import type { RouteTestRequest } from '../tester';
import {
  normalizeRequest,
  type NormalizedRequest,
} from '../tester/requestMatch';
import { normalizeHost } from '../tester/hostnames';
import { regexSearch } from './regex';
import { interpretMatcher, type RuleSyntax } from './traefikMatchers';
import { parseTraefikRule, type TraefikRuleNode } from './traefikRule';
import type { IngressRouteObject } from './types';

/**
 * Routing a request through an IngressRoute as Traefik does: PathPrefix as a string prefix,
 * regular expressions searched anywhere, host names without case, and among the matching routes
 * the highest priority (the explicit `priority`, else the length of the rule), then the first.
 * ClientIP and HostRegexp with v2 {variables} are evaluated as best they can: ClientIP never matches.
 */

function hostMatches(pattern: string, host: string): boolean {
  const p = pattern.toLowerCase();
  if (p.startsWith('**.')) return host.endsWith(p.slice(2));
  if (p.startsWith('*.')) {
    const rest = host.slice(0, host.length - p.length + 1);
    return host.endsWith(p.slice(1)) && rest.length > 0 && !rest.includes('.');
  }
  return p === host;
}

function templateToRegex(template: string): string {
  return template.replace(/\{[^}:]+(?::([^}]+))?\}/g, (_, re) =>
    re ? `(?:${re})` : '[^.]+',
  );
}

function evaluate(
  node: TraefikRuleNode,
  req: NormalizedRequest,
  syntax: RuleSyntax,
): boolean {
  switch (node.type) {
    case 'and':
      return node.children.every(c => evaluate(c, req, syntax));
    case 'or':
      return node.children.some(c => evaluate(c, req, syntax));
    case 'not':
      return !evaluate(node.child, req, syntax);
    default:
      break;
  }
  const host = normalizeHost(req.host ?? '');
  if (node.name === 'HostRegexp') {
    return node.args.some(a =>
      regexSearch(`^(?:${templateToRegex(a)})$`, host),
    );
  }
  const c = interpretMatcher(node, syntax);
  switch (c.kind) {
    case 'host':
      return c.hosts.some(h => hostMatches(h, host));
    case 'path':
      return c.values.some(v => {
        if (c.type === 'Exact') return req.path === v;
        if (c.type === 'PathPrefix') return req.path.startsWith(v);
        return regexSearch(v, req.path);
      });
    case 'header': {
      const actual = req.headers[c.name.toLowerCase()];
      if (actual === undefined) return false;
      return c.regex ? regexSearch(c.value, actual) : actual === c.value;
    }
    case 'query':
      return c.params.every(p => {
        const actual = req.query[p.name];
        if (actual === undefined) return false;
        if (p.value === undefined) return true;
        return p.regex ? regexSearch(p.value, actual) : actual === p.value;
      });
    case 'method':
      return c.methods.includes(req.method);
    default:
      return false;
  }
}

export interface TraefikRouting {
  /** Index of the IngressRoute route that serves the request. */
  route: number;
  match: string;
  priority: number;
}

/** The IngressRoute route that serves the request in Traefik, or undefined. */
export function traefikRouteFor(
  ingressRoute: IngressRouteObject,
  request: RouteTestRequest,
): TraefikRouting | undefined {
  const req = normalizeRequest(request);
  let best: TraefikRouting | undefined;
  (ingressRoute.spec.routes ?? []).forEach((route, index) => {
    const parsed = parseTraefikRule(route.match ?? '');
    if (!parsed.ok) return; // Traefik rejects the router
    const syntax: RuleSyntax =
      route.syntax === 'v2' || route.syntax === 'v3' ? route.syntax : undefined;
    if (!evaluate(parsed.node, req, syntax)) return;
    const priority = route.priority || route.match.length;
    if (!best || priority > best.priority) {
      best = { route: index, match: route.match, priority };
    }
  });
  return best;
}
