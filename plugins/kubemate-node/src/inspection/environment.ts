import { Environment, ParseResult } from '@marcbachmann/cel-js';
import { ClusterIndex } from './ClusterIndex';
import {
  imageTag,
  isControlled,
  matchesSelector,
  parseQuantity,
  podTemplateOf,
  LabelSelector,
} from './kube';
import {
  grantsAll,
  grantsPodExec,
  invalidLabelValues,
  minAvailableOf,
} from './ruleHelpers';
import { isPlaceholderValue, secretValueKind } from './secretPatterns';
import { KubeObject, POD_SPEC_KINDS } from './types';

/**
 * What a relational rule function can see during a run.
 *
 * @public
 */
export interface RuleFunctionContext {
  index: ClusterIndex;
  now: Date;
}

/**
 * A code escape hatch for rules: a CEL function backed by TypeScript,
 * registered by signature (`myCheck(map, string): bool`). The handler
 * receives the run context first, then the CEL arguments. Integers cross
 * the boundary as `bigint`, doubles as `number`, timestamps as `Date`.
 *
 * @public
 */
export interface RuleFunction {
  signature: string;
  description?: string;
  handler: (ctx: RuleFunctionContext, ...args: any[]) => unknown;
}

/** Variables every rule expression can use. @public */
export const RULE_VARIABLES: Record<
  string,
  { type: string; description: string }
> = {
  object: {
    type: 'map',
    description: 'The Kubernetes object under inspection.',
  },
  podSpec: {
    type: 'map',
    description:
      'The pod spec of a workload (PodSpec targets); `{}` otherwise.',
  },
  podMetadata: {
    type: 'map',
    description: 'The pod template metadata of a workload (PodSpec targets).',
  },
  container: {
    type: 'map',
    description:
      'The container under inspection (perContainer targets); `{}` otherwise.',
  },
  params: {
    type: 'map',
    description: 'Rule parameters after profile overrides.',
  },
  now: {
    type: 'google.protobuf.Timestamp',
    description: 'Start time of the run.',
  },
  cluster: { type: 'string', description: 'Name of the inspected cluster.' },
};

type Dict = Record<string, any>;

const nsOf = (o: KubeObject) => o.metadata?.namespace ?? '';

// Pod and template labels per namespace, built once per run (index).
const podLabelCache = new WeakMap<
  ClusterIndex,
  Map<string, Record<string, string>[]>
>();

/**
 * A Linux capability name as container runtimes read it: trimmed,
 * upper-cased, without the `CAP_` prefix (`cap_net_admin` → `NET_ADMIN`).
 * `ALL` is a keyword, not a capability: only `all` in any case means it
 * (`CAP_ALL` stays `CAP_ALL`, which runtimes reject as unknown). Anything
 * that is not a string gives `""`.
 */
export function normalizeCapability(value: unknown): string {
  if (typeof value !== 'string') return '';
  const upper = value.trim().toUpperCase();
  if (upper === 'CAP_ALL') return upper;
  return upper.startsWith('CAP_') ? upper.slice(4) : upper;
}

/** Built-in relational and helper functions available to every rule. @public */
export const builtinFunctions: RuleFunction[] = [
  {
    signature: 'pods(string, map): list',
    description:
      'Pods in a namespace matching a `{label: value}` selector (empty selector → none).',
    handler: ({ index }, ns: string, selector: Dict) =>
      index.pods(ns, selector),
  },
  {
    signature: 'podCount(string, map): int',
    description:
      'Number of pods in a namespace matching a `{label: value}` selector.',
    handler: ({ index }, ns: string, selector: Dict) =>
      BigInt(index.pods(ns, selector).length),
  },
  {
    signature: 'services(string): list',
    description: 'Services in a namespace.',
    handler: ({ index }, ns: string) => index.inNamespace('Service', ns),
  },
  {
    signature: 'serviceExists(string, string): bool',
    description: 'Whether Service `name` exists in `namespace`.',
    handler: ({ index }, ns: string, name: string) =>
      index.get('Service', ns, name) !== undefined,
  },
  {
    signature: 'objects(string, string): list',
    description:
      'Objects of a kind in a namespace (`""` for cluster-scoped kinds).',
    handler: ({ index }, kind: string, ns: string) =>
      index.inNamespace(kind, ns),
  },
  {
    signature: 'objectExists(string, string, string): bool',
    description:
      'Whether an object of `kind` named `name` exists in `namespace`.',
    handler: ({ index }, kind: string, ns: string, name: string) =>
      index.get(kind, ns, name) !== undefined,
  },
  {
    signature: 'hasNetworkPolicy(string): bool',
    description: 'Whether the namespace has at least one NetworkPolicy.',
    handler: ({ index }, ns: string) =>
      index.inNamespace('NetworkPolicy', ns).length > 0,
  },
  {
    signature: 'quotaCount(string): int',
    description: 'Number of ResourceQuotas in the namespace.',
    handler: ({ index }, ns: string) =>
      BigInt(index.inNamespace('ResourceQuota', ns).length),
  },
  {
    signature: 'limitRangeCount(string): int',
    description: 'Number of LimitRanges in the namespace.',
    handler: ({ index }, ns: string) =>
      BigInt(index.inNamespace('LimitRange', ns).length),
  },
  {
    signature: 'hasPDB(map): bool',
    description:
      'Whether a PodDisruptionBudget selects the pods of a workload.',
    handler: ({ index }, obj: KubeObject) => index.hasPDB(obj),
  },
  {
    signature: 'hasHPA(map): bool',
    description: 'Whether a HorizontalPodAutoscaler targets the workload.',
    handler: ({ index }, obj: KubeObject) => index.hasHPA(obj),
  },
  {
    signature: 'serviceAccountAutomount(string, string): bool',
    description:
      'Whether ServiceAccount `name` in `namespace` mounts its token by default (its `automountServiceAccountToken`; `true` when unset or not found).',
    handler: ({ index }, ns: string, name: string) =>
      index.serviceAccountAutomount(ns, name),
  },
  {
    signature: 'httpRoutesForService(string, string): list',
    description:
      'HTTPRoutes attached to a Service through `parentRefs` (GAMMA).',
    handler: ({ index }, ns: string, name: string) =>
      index.httpRoutesForService(ns, name),
  },
  {
    signature: 'certNotAfter(map): google.protobuf.Timestamp',
    description:
      'Expiry (notAfter) of the certificate in a TLS Secret (`data["tls.crt"]`, base64 PEM).',
    handler: ({ index }, secret: KubeObject) =>
      index.certificateNotAfter(secret),
  },
  {
    signature: 'daysUntil(google.protobuf.Timestamp): double',
    description:
      'Days from the start of the run to a timestamp (negative if past).',
    handler: ({ now }, t: Date) => (t.getTime() - now.getTime()) / 86_400_000,
  },
  {
    signature: 'string(google.protobuf.Timestamp): string',
    description: 'RFC 3339 text of a timestamp.',
    handler: (_ctx, t: Date) => t.toISOString(),
  },
  {
    signature: 'imageTag(string): string',
    description:
      'Tag of an image reference (`""` if none, the digest if pinned).',
    handler: (_ctx, image: string) => imageTag(image),
  },
  {
    signature: 'quantity(dyn): double',
    description: 'Parse a Kubernetes quantity (`500m`, `1Gi`) into a number.',
    handler: (_ctx, value: unknown) => parseQuantity(value),
  },
  {
    signature: 'selectorMatches(map, map): bool',
    description:
      'Whether a LabelSelector (`matchLabels`/`matchExpressions`) matches a label map.',
    handler: (_ctx, selector: LabelSelector, labels: Record<string, string>) =>
      matchesSelector(selector, labels),
  },
  {
    signature: 'capability(dyn): string',
    description:
      'A capability name as the runtime reads it: upper-cased, without `CAP_` (`cap_net_admin` → `NET_ADMIN`, `all` → `ALL`).',
    handler: (_ctx, value: unknown) => normalizeCapability(value),
  },
  {
    signature: 'secretValueKind(dyn): string',
    description:
      'What kind of secret a literal value looks like (`"private key"`, `"AWS access key id"`, `"GitHub token"`, `"Slack token"`, `"Google API key"`, `"JWT"`, `"URL with password"`, `"high-entropy string"`), `""` if none.',
    handler: (_ctx, value: unknown) => secretValueKind(value),
  },
  {
    signature: 'isPlaceholder(dyn): bool',
    description:
      'Whether a literal value is a placeholder, not a secret: empty, `${VAR}`, `$(VAR)`, `{{ ... }}`, a boolean or a number.',
    handler: (_ctx, value: unknown) => isPlaceholderValue(value),
  },
  {
    signature: 'lookup(string, string, string): map',
    description:
      'The object of `kind` named `name` in `namespace` (`""` for cluster-scoped kinds), `{}` if there is none.',
    handler: ({ index }, kind: string, ns: string, name: string) =>
      index.get(kind, ns, name) ?? {},
  },
  {
    signature: 'podLabelsIn(string): list',
    description:
      'Label maps of the pods in a namespace and of the pod templates of its workloads (not controlled by another object), so a selector can be tested against manifests as well as live pods.',
    handler: ({ index }, ns: string) => {
      let byNs = podLabelCache.get(index);
      if (!byNs) {
        byNs = new Map();
        podLabelCache.set(index, byNs);
      }
      const cached = byNs.get(ns);
      if (cached) return cached;
      const out: Record<string, string>[] = [];
      for (const kind of POD_SPEC_KINDS) {
        for (const o of index.inNamespace(kind, ns)) {
          if (kind !== 'Pod' && isControlled(o)) continue;
          const labels =
            kind === 'Pod'
              ? o.metadata?.labels
              : podTemplateOf(o)?.metadata?.labels;
          if (labels) out.push(labels);
        }
      }
      byNs.set(ns, out);
      return out;
    },
  },
  {
    signature: 'roleRefRules(map): list',
    description:
      'The `rules` of the Role or ClusterRole a RoleBinding / ClusterRoleBinding refers to (`[]` if it is not in the cluster or the manifests).',
    handler: ({ index }, binding: Dict) => {
      const ref = binding?.roleRef ?? {};
      const role =
        ref.kind === 'ClusterRole'
          ? index.get('ClusterRole', '', ref.name ?? '')
          : index.get('Role', nsOf(binding), ref.name ?? '');
      return (role as Dict | undefined)?.rules ?? [];
    },
  },
  {
    signature: 'grantsPodExec(dyn): bool',
    description:
      'Whether RBAC `rules` allow `pods/exec` or `pods/attach` (core or `*` API group; resource `pods/exec`, `pods/attach`, `pods/*` or `*`; verb `create`, `get` or `*`).',
    handler: (_ctx, rules: unknown) => grantsPodExec(rules),
  },
  {
    signature: 'grantsAll(dyn): bool',
    description:
      'Whether RBAC `rules` grant everything: API group `*`, resource `*` and verb `*` (or all of get, list, watch, create, update, patch, delete), or nonResourceURLs `*` with verb `*`.',
    handler: (_ctx, rules: unknown) => grantsAll(rules),
  },
  {
    signature: 'minAvailable(map, double): double',
    description:
      'Pods a PodDisruptionBudget keeps available for a workload of `replicas` pods: its `minAvailable` (a percentage rounded up), or `replicas − maxUnavailable` (a percentage rounded up as Kubernetes does); `-1` if it sets neither.',
    handler: (_ctx, pdb: Dict, replicas: number) =>
      minAvailableOf(pdb, Number(replicas)),
  },
  {
    signature: 'invalidLabelValues(map): list',
    description:
      'Labels of an object and of its pod template whose value is not a valid label value (at most 63 characters, alphanumerics, `-`, `_`, `.`, starting and ending alphanumeric; empty allowed), as `key=value` strings.',
    handler: (_ctx, obj: KubeObject) => invalidLabelValues(obj),
  },
  {
    signature: 'namespaceOf(map): string',
    description: 'Namespace of an object (`""` for cluster-scoped objects).',
    handler: (_ctx, obj: KubeObject) => nsOf(obj),
  },
];

/**
 * A CEL environment for rules, with the built-in relational functions and any
 * custom ones. The environment is shared by every rule compiled with it;
 * during `inspect()` its run context points at the current cluster index.
 * Runs are synchronous, so one environment can serve many inspectors.
 *
 * @public
 */
export class RuleEnvironment {
  readonly cel: Environment;
  readonly functions: RuleFunction[];
  private current?: RuleFunctionContext;

  constructor(options?: { functions?: RuleFunction[] }) {
    this.cel = new Environment({
      enableOptionalTypes: true,
      homogeneousAggregateLiterals: false,
    });
    for (const [name, v] of Object.entries(RULE_VARIABLES)) {
      this.cel.registerVariable(name, v.type, { description: v.description });
    }
    this.functions = [...builtinFunctions, ...(options?.functions ?? [])];
    for (const fn of this.functions) {
      const handler = fn.handler;
      this.cel.registerFunction(
        fn.signature,
        (...args: unknown[]) => handler(this.context(), ...args),
        fn.description ? { description: fn.description } : undefined,
      );
    }
  }

  /** Parse (compile) an expression; throws ParseError. */
  parse(expression: string): ParseResult {
    return this.cel.parse(expression);
  }

  /** Run `fn` with relational functions bound to `ctx`. */
  withContext<T>(ctx: RuleFunctionContext, fn: () => T): T {
    const previous = this.current;
    this.current = ctx;
    try {
      return fn();
    } finally {
      this.current = previous;
    }
  }

  private context(): RuleFunctionContext {
    if (!this.current) {
      throw new Error(
        'relational rule functions are only available during inspect()',
      );
    }
    return this.current;
  }
}

let defaultEnvironment: RuleEnvironment | undefined;

/** The shared environment used when no custom functions are registered. @public */
export function getDefaultRuleEnvironment(): RuleEnvironment {
  if (!defaultEnvironment) defaultEnvironment = new RuleEnvironment();
  return defaultEnvironment;
}
