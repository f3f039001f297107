import { ObjectService } from '../api/objects';
import { ResourceDef } from '../api/registry';
import {
  clone,
  fnv32a,
  now,
  randomSuffix,
  safeEncode,
  stableStringify,
} from '../util/objects';
import { KObject, OwnerReference } from '../util/types';
import { Store } from '../storage/store';
import { toExternal } from '../api/conversion';

export const CM = 'kube-controller-manager';

/** Typed access to the resource definitions controllers use. */
export class Res {
  constructor(private readonly objects: ObjectService) {}

  def(group: string, plural: string): ResourceDef {
    const d = this.objects.registry.byResource(group, plural);
    if (!d) throw new Error(`no resource ${group}/${plural}`);
    return d;
  }
}

export function ownerRef(owner: KObject, controller = true): OwnerReference {
  return {
    apiVersion: owner.apiVersion!,
    kind: owner.kind!,
    name: owner.metadata.name!,
    uid: owner.metadata.uid!,
    controller,
    blockOwnerDeletion: true,
  };
}

export function controllerOf(obj: KObject): OwnerReference | undefined {
  return obj.metadata.ownerReferences?.find(r => r.controller);
}

export function ownedBy(store: Store, key: string, owner: KObject): KObject[] {
  const uid = owner.metadata.uid;
  return store
    .list(key, owner.metadata.namespace)
    .filter(o => controllerOf(o)?.uid === uid);
}

/** Deterministic pod-template-hash: FNV-32a of the template, encoded like rand.SafeEncodeString. */
export function templateHash(template: unknown, collisionCount = 0): string {
  const t = clone(template) as {
    metadata?: { labels?: Record<string, string> };
  };
  if (t?.metadata?.labels) delete t.metadata.labels['pod-template-hash'];
  return safeEncode(
    fnv32a(stableStringify(t) + (collisionCount ? String(collisionCount) : '')),
  );
}

export function isPodReady(p: KObject): boolean {
  return (p.status?.conditions ?? []).some(
    (c: { type: string; status: string }) =>
      c.type === 'Ready' && c.status === 'True',
  );
}

export function isPodActive(p: KObject): boolean {
  return (
    !p.metadata.deletionTimestamp &&
    p.status?.phase !== 'Succeeded' &&
    p.status?.phase !== 'Failed'
  );
}

/** Resolves an int-or-percent against a total (maxSurge rounds up, maxUnavailable down). */
export function intOrPercent(
  v: unknown,
  total: number,
  roundUp: boolean,
): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.endsWith('%')) {
    const n = (Number(v.slice(0, -1)) * total) / 100;
    return roundUp ? Math.ceil(n) : Math.floor(n);
  }
  if (typeof v === 'string' && /^\d+$/.test(v)) return Number(v);
  return 0;
}

/** Emits core/v1 Events the way client-go's recorder does, aggregating repeats by count. */
export class EventRecorder {
  private static seq = 0;

  constructor(private readonly objects: ObjectService) {}

  record(
    obj: KObject,
    type: 'Normal' | 'Warning',
    reason: string,
    message: string,
    component: string,
    host?: string,
    fieldPath?: string,
  ) {
    const ns = obj.metadata.namespace ?? 'default';
    const def = this.objects.registry.lookup('', 'v1', 'events')!;
    const store = this.objects.store;
    if (!store.get('/namespaces', undefined, ns)) return;
    const existing = store.list('events', ns).find(e => {
      const inv = e.involvedObject as { uid?: string } | undefined;
      const src = e.source as { component?: string } | undefined;
      return (
        inv?.uid === obj.metadata.uid &&
        e.reason === reason &&
        e.message === message &&
        src?.component === component
      );
    });
    const ts = now();
    if (existing) {
      const next = toExternal(def, clone(existing));
      next.count = ((existing.count as number) ?? 1) + 1;
      next.lastTimestamp = ts;
      delete next.metadata.resourceVersion;
      try {
        this.objects.update(def, ns, existing.metadata.name!, next, {
          manager: component,
        });
      } catch {
        /* raced with deletion */
      }
      return;
    }
    const involved: Record<string, unknown> = {
      kind: obj.kind,
      namespace: obj.metadata.namespace,
      name: obj.metadata.name,
      uid: obj.metadata.uid,
      apiVersion: obj.apiVersion,
      resourceVersion: obj.metadata.resourceVersion,
    };
    if (fieldPath) involved.fieldPath = fieldPath;
    // like client-go: the event time in hex (microseconds here, kept monotonic so names sort by time)
    EventRecorder.seq = Math.max(EventRecorder.seq + 1, Date.now() * 1000);
    const hex = EventRecorder.seq.toString(16).padStart(16, '0').slice(-16);
    const ev: KObject = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: `${obj.metadata.name}.${hex}`, namespace: ns },
      involvedObject: involved,
      reason,
      message,
      source: host ? { component, host } : { component },
      firstTimestamp: ts,
      lastTimestamp: ts,
      count: 1,
      type,
      eventTime: null,
      reportingComponent: '',
      reportingInstance: '',
    };
    try {
      this.objects.create(def, ns, ev, { manager: component });
    } catch {
      /* namespace going away */
    }
  }
}

export function genName(prefix: string): string {
  return `${prefix}${randomSuffix()}`;
}
