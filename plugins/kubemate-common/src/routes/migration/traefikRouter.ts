import type { RouteTestRequest } from '../tester';
import {
  normalizeRequest,
  type NormalizedRequest,
} from '../tester/requestMatch';
import { normalizeHost } from '../tester/hostnames';
import { regexSearch } from './regex';
import {
  interpretMatcher,
  ruleRejection,
  ruleSyntaxOf,
  type RuleSyntax,
} from './traefikMatchers';
import { parseTraefikRule, type TraefikRuleNode } from './traefikRule';
import type { IngressRouteObject } from './types';

/**
 * Routing a request through an IngressRoute as Traefik does. Each route is a router whose rule
 * is read in its syntax (see `ruleSyntaxOf`); a rule Traefik refuses (unknown matcher, wrong
 * arguments, invalid regexp) serves nothing. Matchers: Host exact and without case (no
 * wildcard; the request's port and a trailing dot ignored); HostRegexp, PathRegexp,
 * HeaderRegexp and QueryRegexp Go regexps searched anywhere (v2 templates anchored); Path exact
 * and PathPrefix a plain string prefix of the routing path (percent-escapes decoded except
 * reserved characters); Header exact on the value; Query on any value in v3 (one argument: an
 * empty value), the first in v2; Method exact. The request carries no client address, so
 * ClientIP never matches. Among matching routes the highest priority wins: `priority` when set
 * (non-zero), else the length of the rule in bytes; on a tie Traefik's order is unspecified.
 */

const RESERVED = new Set([
  '%3A',
  '%2F',
  '%3F',
  '%23',
  '%5B',
  '%5D',
  '%40',
  '%21',
  '%24',
  '%26',
  '%27',
  '%28',
  '%29',
  '%2A',
  '%2B',
  '%2C',
  '%3B',
  '%3D',
  '%25',
]);

/** Traefik's routing path: percent-escapes decoded except those of reserved characters. */
export function routingPath(rawPath: string): string {
  const bytes: number[] = [];
  let out = '';
  const flush = () => {
    if (!bytes.length) return;
    try {
      out += decodeURIComponent(
        bytes.map(b => `%${b.toString(16).padStart(2, '0')}`).join(''),
      );
    } catch {
      out += String.fromCharCode(...bytes);
    }
    bytes.length = 0;
  };
  for (let i = 0; i < rawPath.length; i++) {
    const esc = rawPath.slice(i, i + 3).toUpperCase();
    if (/^%[0-9A-F]{2}$/.test(esc) && !RESERVED.has(esc)) {
      bytes.push(parseInt(esc.slice(1), 16));
      i += 2;
      continue;
    }
    flush();
    out += rawPath[i];
  }
  flush();
  return out;
}

interface TraefikRequest extends NormalizedRequest {
  routingPath: string;
  canonicalHost: string;
  /** The host as sent without its port (v2 HostRegexp compares it). */
  hostNoPort: string;
}

function evaluate(
  node: TraefikRuleNode,
  req: TraefikRequest,
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
  const c = interpretMatcher(node, syntax);
  switch (c.kind) {
    case 'host':
      return !!req.canonicalHost && c.hosts.includes(req.canonicalHost);
    case 'hostRegexp':
      return c.patterns.some(p =>
        regexSearch(p, c.lowerCase ? req.canonicalHost : req.hostNoPort),
      );
    case 'path':
      return c.values.some(v => {
        if (c.type === 'Exact') return req.routingPath === v;
        if (c.type === 'PathPrefix') return req.routingPath.startsWith(v);
        return regexSearch(v, req.routingPath);
      });
    case 'header':
      return c.headers.every(h => {
        const actual = req.headers[h.name.toLowerCase()];
        if (actual === undefined) return false;
        if (h.value === undefined) return true;
        return h.regex ? regexSearch(h.value, actual) : actual === h.value;
      });
    case 'query':
      return c.params.every(p => {
        const all = req.queryAll[p.name];
        if (!all) return false;
        const values = c.anyValue ? all : all.slice(0, 1);
        if (p.value === undefined) return true;
        return values.some(v =>
          p.regex ? regexSearch(p.value!, v) : v === p.value,
        );
      });
    case 'method':
      return c.methods.includes(req.method);
    default:
      // clientIP (no client address in the request) and invalid matchers
      return false;
  }
}

export interface TraefikRouting {
  /** Index of the IngressRoute route that serves the request. */
  route: number;
  match: string;
  priority: number;
  /** Other matching routes of the same priority: Traefik may pick any of them. */
  tiedWith?: number[];
}

export interface TraefikRouteForOptions {
  /** Traefik's default rule syntax for routes that set none (`core.defaultRuleSyntax`). */
  ruleSyntax?: RuleSyntax;
}

/** The priority of a Traefik router: `priority` when set, else the rule's length in bytes. */
export function traefikPriority(route: {
  match: string;
  priority?: number;
}): number {
  return route.priority || new TextEncoder().encode(route.match ?? '').length;
}

/** The IngressRoute route that serves the request in Traefik, or undefined (404). */
export function traefikRouteFor(
  ingressRoute: IngressRouteObject,
  request: RouteTestRequest,
  options: TraefikRouteForOptions = {},
): TraefikRouting | undefined {
  const base = normalizeRequest(request);
  const host = (request.host ?? '').trim();
  const req: TraefikRequest = {
    ...base,
    routingPath: routingPath(base.rawPath),
    canonicalHost: host ? normalizeHost(host) : '',
    hostNoPort: host.startsWith('[') ? host : host.replace(/:\d*$/, ''),
  };
  let best: TraefikRouting | undefined;
  (ingressRoute.spec.routes ?? []).forEach((route, index) => {
    const parsed = parseTraefikRule(route.match ?? '');
    if (!parsed.ok) return; // Traefik rejects the router
    const syntax = ruleSyntaxOf(ingressRoute, route, options.ruleSyntax);
    if (ruleRejection(parsed.node, syntax)) return;
    if (!evaluate(parsed.node, req, syntax)) return;
    const priority = traefikPriority(route);
    if (!best || priority > best.priority) {
      best = { route: index, match: route.match, priority };
    } else if (priority === best.priority) {
      best.tiedWith = [...(best.tiedWith ?? []), index];
    }
  });
  return best;
}
