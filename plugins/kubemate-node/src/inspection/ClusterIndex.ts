import { X509Certificate } from 'node:crypto';
import {
  LabelSelector,
  matchesMap,
  matchesSelector,
  podTemplateOf,
} from './kube';
import { KubeObject } from './types';

const EMPTY: KubeObject[] = [];

/** Annotation listing rule ids (or `*`) a resource or namespace is exempt from. @public */
export const EXEMPT_ANNOTATION = 'kubemate.io/inspection-exempt';

type Dict = Record<string, any>;

function nsOf(obj: KubeObject): string {
  return obj.metadata?.namespace ?? '';
}

function nameOf(obj: KubeObject): string {
  return obj.metadata?.name ?? '';
}

const isPlainObject = (v: unknown): v is Dict =>
  typeof v === 'object' &&
  v !== null &&
  Object.prototype.toString.call(v) === '[object Object]';

/**
 * `value` without explicit `null`s (object fields and list entries), as the
 * API server would store it: in a manifest `field: null` means "unset". The
 * same reference is returned when there is nothing to remove, so live
 * objects (which rarely hold nulls) are not copied; otherwise only the path
 * to each null is copied. Dates, buffers and other non-plain values are kept
 * as they are.
 */
export function withoutNulls<T>(value: T): T {
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item = value[i];
      const pruned = item === null ? undefined : withoutNulls(item);
      if (!out && pruned !== item) out = value.slice(0, i);
      if (out && pruned !== undefined) out.push(pruned);
    }
    return (out ?? value) as T;
  }
  if (!isPlainObject(value)) return value;
  let out: Dict | undefined;
  for (const key in value) {
    if (!Object.prototype.hasOwnProperty.call(value, key)) continue;
    const item = value[key];
    if (item !== null && typeof item !== 'object') continue;
    const pruned = item === null ? undefined : withoutNulls(item);
    if (pruned === item) continue;
    out ??= { ...value };
    if (pruned === undefined) delete out[key];
    else out[key] = pruned;
  }
  return (out ?? value) as T;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * An index over all objects of one cluster, built once per inspection run,
 * so relational rule functions are map lookups instead of scans. Explicit
 * `null` fields are dropped on the way in (see {@link withoutNulls}), so
 * rules never see them. Secondary
 * indexes (pod labels, HPA targets, routes) are built lazily on first use.
 *
 * @public
 */
export class ClusterIndex {
  private readonly byKind = new Map<string, KubeObject[]>();
  private readonly byKindNs = new Map<string, KubeObject[]>();
  private readonly byKindNsName = new Map<string, KubeObject>();
  private podLabels?: Map<string, Map<string, KubeObject[]>>;
  private hpaTargets?: Set<string>;
  private serviceRoutes?: Map<string, KubeObject[]>;
  private namespaceExempt?: Map<string, Set<string>>;
  private readonly certCache = new WeakMap<object, Date>();
  private readonly selectorCache = new Map<string, KubeObject[]>();

  constructor(objects: Iterable<KubeObject>) {
    let count = 0;
    for (const original of objects) {
      // Manifest-shaped input may say `field: null`; rules see it unset.
      const obj = withoutNulls(original);
      const kind = obj?.kind;
      if (!kind) continue;
      count++;
      const ns = nsOf(obj);
      push(this.byKind, kind, obj);
      push(this.byKindNs, `${kind}/${ns}`, obj);
      this.byKindNsName.set(`${kind}/${ns}/${nameOf(obj)}`, obj);
    }
    this.size = count;
  }

  /** Number of indexed objects. */
  readonly size: number;

  /** All objects of a kind. */
  ofKind(kind: string): KubeObject[] {
    return this.byKind.get(kind) ?? EMPTY;
  }

  /** Objects of a kind in a namespace (`""` for cluster-scoped). */
  inNamespace(kind: string, namespace: string): KubeObject[] {
    return this.byKindNs.get(`${kind}/${namespace}`) ?? EMPTY;
  }

  /** One object by kind, namespace and name. */
  get(kind: string, namespace: string, name: string): KubeObject | undefined {
    return this.byKindNsName.get(`${kind}/${namespace}/${name}`);
  }

  kinds(): string[] {
    return [...this.byKind.keys()];
  }

  /** Pods in a namespace matching a Service-style `{key: value}` selector. */
  pods(namespace: string, selector: Record<string, unknown>): KubeObject[] {
    if (!selector) return EMPTY;
    const keys = Object.keys(selector);
    if (keys.length === 0) return EMPTY;
    keys.sort();
    const cacheKey = `${namespace}\u0000${keys
      .map(k => `${k}=${selector[k]}`)
      .join('\u0000')}`;
    const cached = this.selectorCache.get(cacheKey);
    if (cached) return cached;

    const labels = this.podLabelIndex().get(namespace);
    let smallest: KubeObject[] | undefined;
    for (const k of keys) {
      const list = labels?.get(`${k}=${selector[k]}`);
      if (!list) {
        smallest = EMPTY;
        break;
      }
      if (!smallest || list.length < smallest.length) smallest = list;
    }
    const result =
      smallest && smallest.length
        ? smallest.filter(p => matchesMap(selector, p.metadata?.labels))
        : EMPTY;
    this.selectorCache.set(cacheKey, result);
    return result;
  }

  private podLabelIndex() {
    if (!this.podLabels) {
      const index = new Map<string, Map<string, KubeObject[]>>();
      for (const pod of this.ofKind('Pod')) {
        const labels = pod.metadata?.labels;
        if (!labels) continue;
        const ns = nsOf(pod);
        let nsIndex = index.get(ns);
        if (!nsIndex) {
          nsIndex = new Map();
          index.set(ns, nsIndex);
        }
        for (const k of Object.keys(labels)) {
          push(nsIndex, `${k}=${labels[k]}`, pod);
        }
      }
      this.podLabels = index;
    }
    return this.podLabels;
  }

  /** Whether a PodDisruptionBudget in the workload's namespace selects its pods. */
  hasPDB(workload: KubeObject): boolean {
    const labels = podTemplateOf(workload)?.metadata?.labels;
    if (!labels) return false;
    for (const pdb of this.inNamespace('PodDisruptionBudget', nsOf(workload))) {
      const selector = (pdb.spec as Dict | undefined)?.selector as
        | LabelSelector
        | undefined;
      if (matchesSelector(selector, labels)) return true;
    }
    return false;
  }

  /** Whether a HorizontalPodAutoscaler targets the workload. */
  hasHPA(workload: KubeObject): boolean {
    if (!this.hpaTargets) {
      const targets = new Set<string>();
      for (const hpa of this.ofKind('HorizontalPodAutoscaler')) {
        const ref = (hpa.spec as Dict | undefined)?.scaleTargetRef;
        if (ref?.kind && ref?.name) {
          targets.add(`${nsOf(hpa)}/${ref.kind}/${ref.name}`);
        }
      }
      this.hpaTargets = targets;
    }
    return this.hpaTargets.has(
      `${nsOf(workload)}/${workload.kind}/${nameOf(workload)}`,
    );
  }

  /** HTTPRoutes whose parentRefs attach them to a Service (GAMMA / Linkerd). */
  httpRoutesForService(namespace: string, name: string): KubeObject[] {
    if (!this.serviceRoutes) {
      const map = new Map<string, KubeObject[]>();
      for (const route of this.ofKind('HTTPRoute')) {
        const parents = (route.spec as Dict | undefined)?.parentRefs ?? [];
        for (const ref of parents as Dict[]) {
          if (ref?.kind !== 'Service') continue;
          const ns = ref.namespace ?? nsOf(route);
          push(map, `${ns}/${ref.name}`, route);
        }
      }
      this.serviceRoutes = map;
    }
    return this.serviceRoutes.get(`${namespace}/${name}`) ?? EMPTY;
  }

  /**
   * Whether a ServiceAccount mounts its token into pods that do not say
   * otherwise: its `automountServiceAccountToken`, `true` (the Kubernetes
   * default) when unset or when the ServiceAccount is not in the index.
   */
  serviceAccountAutomount(namespace: string, name: string): boolean {
    const sa = this.get('ServiceAccount', namespace, name || 'default');
    return (sa as Dict | undefined)?.automountServiceAccountToken !== false;
  }

  /** Rule ids a namespace is exempt from through its annotation. */
  namespaceExemptions(namespace: string): Set<string> | undefined {
    if (!this.namespaceExempt) {
      const map = new Map<string, Set<string>>();
      for (const ns of this.ofKind('Namespace')) {
        const value = ns.metadata?.annotations?.[EXEMPT_ANNOTATION];
        if (value) map.set(nameOf(ns), parseExemptList(value));
      }
      this.namespaceExempt = map;
    }
    return this.namespaceExempt.get(namespace);
  }

  /** notAfter of the certificate in a `kubernetes.io/tls` Secret (`data["tls.crt"]`). */
  certificateNotAfter(secret: KubeObject): Date {
    const cached = this.certCache.get(secret);
    if (cached) return cached;
    const data = secret.data as Record<string, string> | undefined;
    const encoded = data?.['tls.crt'];
    if (!encoded) {
      throw new Error(`secret ${nameOf(secret)} has no tls.crt`);
    }
    const pem = Buffer.from(encoded, 'base64');
    const notAfter = new Date(new X509Certificate(pem).validTo);
    if (Number.isNaN(notAfter.getTime())) {
      throw new Error(
        `secret ${nameOf(secret)}: unreadable certificate expiry`,
      );
    }
    this.certCache.set(secret, notAfter);
    return notAfter;
  }
}

/** Parse the exemption annotation value: comma-separated rule ids or `*`. */
export function parseExemptList(value: string): Set<string> {
  return new Set(
    value
      .split(',')
      .map(s => s.trim())
      .filter(Boolean),
  );
}
