import { Store } from '../storage/store';
import { UserInfo } from './authn';

export interface Attributes {
  verb: string;
  apiGroup: string;
  resource: string;
  subresource?: string;
  namespace?: string;
  name?: string;
  /** Set for non-resource requests. */
  path?: string;
}

export interface Decision {
  allowed: boolean;
  reason?: string;
}

interface PolicyRule {
  verbs?: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

interface Subject {
  kind: string;
  name: string;
  namespace?: string;
}

// Discovery and health are readable by every authenticated user (system:discovery, system:public-info-viewer).
const DISCOVERY_PATHS = [
  '/api',
  '/api/*',
  '/apis',
  '/apis/*',
  '/healthz',
  '/livez',
  '/openapi',
  '/openapi/*',
  '/readyz',
  '/version',
  '/version/',
];
const SELF_REVIEWS = [
  'selfsubjectaccessreviews',
  'selfsubjectrulesreviews',
  'selfsubjectreviews',
];

function matchPath(patterns: string[], path: string): boolean {
  return patterns.some(
    p =>
      p === '*' ||
      p === path ||
      (p.endsWith('*') && path.startsWith(p.slice(0, -1))),
  );
}

function ruleAllows(rule: PolicyRule, a: Attributes): boolean {
  const verbs = rule.verbs ?? [];
  if (!verbs.includes('*') && !verbs.includes(a.verb)) return false;
  if (a.path !== undefined)
    return matchPath(rule.nonResourceURLs ?? [], a.path);
  const groups = rule.apiGroups ?? [];
  if (!groups.includes('*') && !groups.includes(a.apiGroup)) return false;
  const res = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
  const resources = rule.resources ?? [];
  if (
    !resources.includes('*') &&
    !resources.includes(res) &&
    !(a.subresource && resources.includes(`*/${a.subresource}`))
  )
    return false;
  const names = rule.resourceNames ?? [];
  if (names.length && (!a.name || !names.includes(a.name))) return false;
  return true;
}

function subjectMatches(
  s: Subject,
  user: UserInfo,
  bindingNs?: string,
): boolean {
  if (s.kind === 'User') return s.name === user.name;
  if (s.kind === 'Group') return user.groups.includes(s.name);
  if (s.kind === 'ServiceAccount')
    return (
      user.name ===
      `system:serviceaccount:${s.namespace ?? bindingNs}:${s.name}`
    );
  return false;
}

/** RBAC evaluated against Role/ClusterRole(Binding) objects in the store; system:masters bypasses it. */
export class RbacAuthorizer {
  constructor(private readonly store: Store) {}

  authorize(user: UserInfo, a: Attributes): Decision {
    if (user.groups.includes('system:masters')) return { allowed: true };
    const authenticated = user.groups.includes('system:authenticated');
    if (a.path !== undefined) {
      if (
        a.verb === 'get' &&
        ['/version', '/version/', '/healthz', '/livez', '/readyz'].includes(
          a.path,
        )
      )
        return { allowed: true };
      if (
        authenticated &&
        a.verb === 'get' &&
        matchPath(DISCOVERY_PATHS, a.path)
      )
        return { allowed: true };
    }
    if (
      authenticated &&
      a.apiGroup === 'authorization.k8s.io' &&
      a.verb === 'create' &&
      SELF_REVIEWS.includes(a.resource)
    )
      return { allowed: true };
    if (
      authenticated &&
      a.apiGroup === 'authentication.k8s.io' &&
      a.verb === 'create' &&
      a.resource === 'selfsubjectreviews'
    )
      return { allowed: true };
    for (const b of this.store.list(
      'rbac.authorization.k8s.io/clusterrolebindings',
    )) {
      const subjects = (b.subjects ?? []) as Subject[];
      if (!subjects.some(s => subjectMatches(s, user))) continue;
      const roleRef = b.roleRef as { kind: string; name: string };
      const role = this.store.get(
        'rbac.authorization.k8s.io/clusterroles',
        undefined,
        roleRef.name,
      );
      if (((role?.rules ?? []) as PolicyRule[]).some(r => ruleAllows(r, a))) {
        return {
          allowed: true,
          reason: `RBAC: allowed by ClusterRoleBinding "${b.metadata.name}" of ClusterRole "${roleRef.name}" to User "${user.name}"`,
        };
      }
    }
    if (a.namespace && a.path === undefined) {
      for (const b of this.store.list(
        'rbac.authorization.k8s.io/rolebindings',
        a.namespace,
      )) {
        const subjects = (b.subjects ?? []) as Subject[];
        if (!subjects.some(s => subjectMatches(s, user, a.namespace))) continue;
        const roleRef = b.roleRef as { kind: string; name: string };
        const role =
          roleRef.kind === 'ClusterRole'
            ? this.store.get(
                'rbac.authorization.k8s.io/clusterroles',
                undefined,
                roleRef.name,
              )
            : this.store.get(
                'rbac.authorization.k8s.io/roles',
                a.namespace,
                roleRef.name,
              );
        if (((role?.rules ?? []) as PolicyRule[]).some(r => ruleAllows(r, a))) {
          return {
            allowed: true,
            reason: `RBAC: allowed by RoleBinding "${b.metadata.name}/${a.namespace}" of ${roleRef.kind} "${roleRef.name}" to User "${user.name}"`,
          };
        }
      }
    }
    return { allowed: false };
  }

  /** Rules that apply to the user in a namespace (SelfSubjectRulesReview). */
  rulesFor(
    user: UserInfo,
    namespace: string,
  ): { resourceRules: PolicyRule[]; nonResourceRules: PolicyRule[] } {
    if (user.groups.includes('system:masters')) {
      return {
        resourceRules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }],
        nonResourceRules: [{ verbs: ['*'], nonResourceURLs: ['*'] }],
      };
    }
    const resourceRules: PolicyRule[] = [
      {
        verbs: ['create'],
        apiGroups: ['authorization.k8s.io'],
        resources: ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'],
      },
    ];
    const nonResourceRules: PolicyRule[] = [
      { verbs: ['get'], nonResourceURLs: DISCOVERY_PATHS },
      {
        verbs: ['get'],
        nonResourceURLs: [
          '/healthz',
          '/livez',
          '/readyz',
          '/version',
          '/version/',
        ],
      },
    ];
    const add = (rules: PolicyRule[]) => {
      for (const r of rules) {
        if (r.nonResourceURLs) nonResourceRules.push(r);
        else
          resourceRules.push({
            verbs: r.verbs,
            apiGroups: r.apiGroups,
            resources: r.resources,
            ...(r.resourceNames ? { resourceNames: r.resourceNames } : {}),
          });
      }
    };
    for (const b of this.store.list(
      'rbac.authorization.k8s.io/clusterrolebindings',
    )) {
      if (!((b.subjects ?? []) as Subject[]).some(s => subjectMatches(s, user)))
        continue;
      add(
        (this.store.get(
          'rbac.authorization.k8s.io/clusterroles',
          undefined,
          (b.roleRef as { name: string }).name,
        )?.rules ?? []) as PolicyRule[],
      );
    }
    for (const b of this.store.list(
      'rbac.authorization.k8s.io/rolebindings',
      namespace,
    )) {
      if (
        !((b.subjects ?? []) as Subject[]).some(s =>
          subjectMatches(s, user, namespace),
        )
      )
        continue;
      const ref = b.roleRef as { kind: string; name: string };
      const role =
        ref.kind === 'ClusterRole'
          ? this.store.get(
              'rbac.authorization.k8s.io/clusterroles',
              undefined,
              ref.name,
            )
          : this.store.get(
              'rbac.authorization.k8s.io/roles',
              namespace,
              ref.name,
            );
      add((role?.rules ?? []) as PolicyRule[]);
    }
    return { resourceRules, nonResourceRules };
  }
}

export function forbiddenMessage(user: UserInfo, a: Attributes): string {
  if (a.path !== undefined)
    return `forbidden: User "${user.name}" cannot ${a.verb} path "${a.path}"`;
  const res = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
  const subject = a.name ? `${res} "${a.name}"` : res;
  const scope = a.namespace
    ? `in the namespace "${a.namespace}"`
    : 'at the cluster scope';
  return `${subject} is forbidden: User "${user.name}" cannot ${a.verb} resource "${res}" in API group "${a.apiGroup}" ${scope}`;
}
