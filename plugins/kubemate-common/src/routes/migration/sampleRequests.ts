import type { RouteTestRequest } from '../tester';
import {
  allMatchers,
  interpretMatcher,
  ruleSyntaxOf,
  type RuleSyntax,
} from './traefikMatchers';
import { parseTraefikRule } from './traefikRule';
import type { IngressRouteObject } from './types';

/** Paths that probe a path condition, including where string prefix and path segments differ. */
function probePaths(type: string, value: string): string[] {
  if (type === 'Exact') {
    return value.endsWith('/') && value !== '/'
      ? [value, value.slice(0, -1)]
      : [value, `${value}/`];
  }
  if (type === 'RegularExpression') {
    const literal =
      value.replace(/^\^/, '').match(/^[^\\.*+?()[\]{}|$^]*/)?.[0] ?? '';
    const base = literal.startsWith('/') ? literal : `/${literal}`;
    return [base, `${base}sample`, `/sample${base}`];
  }
  if (value === '/') return ['/', '/sample'];
  if (value.endsWith('/')) {
    return [
      value,
      `${value}sample`,
      value.slice(0, -1),
      `${value.slice(0, -1)}sample`,
    ];
  }
  return [value, `${value}/`, `${value}/sample`, `${value}sample`];
}

function probeHost(host: string): string {
  return host.replace(/^\*\*?\./, 'sample.');
}

/**
 * Sample requests derived from an IngressRoute's rules: each host with each path probe (the
 * value, below it, and the string-prefix case Gateway API treats differently), with the rule's
 * method, headers and query parameters, and once without them.
 */
export function sampleRequests(
  ingressRoute: IngressRouteObject,
  options: { ruleSyntax?: RuleSyntax } = {},
): RouteTestRequest[] {
  const out = new Map<string, RouteTestRequest>();
  const add = (r: RouteTestRequest) => out.set(JSON.stringify(r), r);
  for (const route of ingressRoute.spec.routes ?? []) {
    const parsed = parseTraefikRule(route.match ?? '');
    if (!parsed.ok) continue;
    const syntax = ruleSyntaxOf(ingressRoute, route, options.ruleSyntax);
    const hosts: string[] = [];
    const paths: string[] = [];
    const methods: string[] = [];
    const headers: Record<string, string> = {};
    const query: Record<string, string> = {};
    for (const m of allMatchers(parsed.node)) {
      const c = interpretMatcher(m, syntax);
      if (c.kind === 'host') hosts.push(...c.hosts.map(probeHost));
      if (c.kind === 'path')
        c.values.forEach(v => paths.push(...probePaths(c.type, v)));
      if (c.kind === 'method') methods.push(...c.methods);
      if (c.kind === 'header') {
        for (const h of c.headers) {
          if (!h.regex) headers[h.name] = h.value ?? 'sample';
        }
      }
      if (c.kind === 'query') {
        for (const p of c.params) {
          if (!p.regex) query[p.name] = p.value ?? 'sample';
        }
      }
    }
    const hostList = hosts.length ? hosts : ['sample.example.com'];
    const pathList = paths.length ? paths : ['/', '/sample'];
    const extras = {
      ...(Object.keys(headers).length ? { headers } : {}),
      ...(Object.keys(query).length ? { query } : {}),
    };
    for (const host of hostList) {
      for (const path of pathList) {
        for (const method of methods.length ? methods : ['GET']) {
          add({ host, path, method, ...extras });
        }
      }
    }
    if (methods.length || Object.keys(extras).length) {
      add({
        host: hostList[0],
        path: pathList[0],
        method: methods.includes('GET') ? 'POST' : 'GET',
      });
    }
    if (hosts.length) {
      // another host, and the same host in capitals with a port
      add({
        host: 'other.example.invalid',
        path: pathList[0],
        method: methods[0] ?? 'GET',
        ...extras,
      });
      add({
        host: `${hostList[0].toUpperCase()}:443`,
        path: pathList[0],
        method: methods[0] ?? 'GET',
        ...extras,
      });
    }
  }
  return [...out.values()];
}
