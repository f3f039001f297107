import type { RouteTestRequest } from '../tester';
import { interpretMatcher, type RuleSyntax } from './traefikMatchers';
import { parseTraefikRule, type TraefikRuleNode } from './traefikRule';
import type { IngressRouteObject } from './types';

type Matcher = Extract<TraefikRuleNode, { type: 'matcher' }>;

function matchers(node: TraefikRuleNode): Matcher[] {
  if (node.type === 'matcher') return [node];
  if (node.type === 'not') return matchers(node.child);
  return node.children.flatMap(matchers);
}

/** Paths that probe a path condition, including where string prefix and path segments differ. */
function probePaths(type: string, value: string): string[] {
  if (type === 'Exact') return [value, `${value}/`];
  if (type === 'RegularExpression') {
    const literal =
      value.replace(/^\^/, '').match(/^[^\\.*+?()[\]{}|$^]*/)?.[0] ?? '';
    return [literal.startsWith('/') ? literal : `/${literal}`];
  }
  if (value === '/') return ['/', '/sample'];
  if (value.endsWith('/')) return [value, `${value}sample`, value.slice(0, -1)];
  return [value, `${value}/sample`, `${value}sample`];
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
): RouteTestRequest[] {
  const out = new Map<string, RouteTestRequest>();
  const add = (r: RouteTestRequest) => out.set(JSON.stringify(r), r);
  for (const route of ingressRoute.spec.routes ?? []) {
    const parsed = parseTraefikRule(route.match ?? '');
    if (!parsed.ok) continue;
    const syntax: RuleSyntax =
      route.syntax === 'v2' || route.syntax === 'v3' ? route.syntax : undefined;
    const hosts: string[] = [];
    const paths: string[] = [];
    const methods: string[] = [];
    const headers: Record<string, string> = {};
    const query: Record<string, string> = {};
    for (const m of matchers(parsed.node)) {
      const c = interpretMatcher(m, syntax);
      if (c.kind === 'host') hosts.push(...c.hosts.map(probeHost));
      if (c.kind === 'path')
        c.values.forEach(v => paths.push(...probePaths(c.type, v)));
      if (c.kind === 'method') methods.push(...c.methods);
      if (c.kind === 'header' && !c.regex) headers[c.name] = c.value;
      if (c.kind === 'query') {
        for (const p of c.params) if (!p.regex) query[p.name] = p.value ?? '';
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
  }
  return [...out.values()];
}
