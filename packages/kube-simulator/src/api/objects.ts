import { Store } from '../storage/store';
import { clone, deepEqual, now, randomSuffix, uid } from '../util/objects';
import { KObject, isObject } from '../util/types';
import { validateCustomResource } from './crdSchema';
import {
  applyDefaults,
  defaultsAfterUid,
  initialStatus,
  podQosClass,
  tracksGeneration,
} from './defaults';
import {
  FieldError,
  StatusBody,
  StatusError,
  errors,
  fieldErr,
  invalid,
  successStatus,
} from './errors';
import { Registry, ResourceDef, gv, hasSub } from './registry';
import {
  validateConfigKeys,
  validateLabels,
  validateName,
  validatePodSpec,
  validateWorkload,
} from './validation';
import { updateManagedFields } from '../patch/managedFields';
import { fromExternal, toExternal } from './conversion';
import { pruneBuiltin } from './prune';
import { applyLimitRanges } from './admission';

export interface WriteOptions {
  manager: string;
  dryRun?: boolean;
  subresource?: string;
  /** Keep `status` from the body on create (kubelet registering nodes, seeding, generators). */
  keepStatus?: boolean;
  /** managedFields already computed (server-side apply). */
  presetManagedFields?: boolean;
}

export interface DeleteOptions {
  propagationPolicy?: string;
  preconditions?: { uid?: string; resourceVersion?: string };
  dryRun?: boolean;
  gracePeriodSeconds?: number;
}

const NAME_AS_LABEL = new Set(['/namespaces', '/services']);

/**
 * The object lifecycle shared by the HTTP API and the controllers: defaulting, validation,
 * generation, managedFields, optimistic concurrency, finalizers and deletion.
 */
export class ObjectService {
  /** Called after writes to CRDs so the registry can follow. */
  onCrdChange?: (crd: KObject, deleted: boolean) => void;
  /** Grace period for running pods before they disappear (ms), 0 = immediate. */
  podTerminationMs = 0;

  constructor(readonly store: Store, readonly registry: Registry) {}

  isStructured(def: ResourceDef): boolean {
    return !def.crd;
  }

  getStored(def: ResourceDef, ns: string | undefined, name: string): KObject {
    const obj = this.store.get(
      def.storageKey,
      def.namespaced ? ns : undefined,
      name,
    );
    if (!obj) throw errors.notFound(def.plural, def.group, name);
    return obj;
  }

  /** Like getStored, but with the `<resource>/scale` 404 wording. */
  getStoredOrScale404(
    def: ResourceDef,
    ns: string | undefined,
    name: string,
  ): KObject {
    const obj = this.store.get(
      def.storageKey,
      def.namespaced ? ns : undefined,
      name,
    );
    if (!obj) throw errors.notFound(`${def.plural}/scale`, def.group, name);
    return obj;
  }

  /** A copy in the representation of `def`'s version. */
  get(def: ResourceDef, ns: string | undefined, name: string): KObject {
    return toExternal(def, clone(this.getStored(def, ns, name)));
  }

  ensureNamespace(
    def: ResourceDef,
    ns: string | undefined,
    verb: 'create' | 'update',
    name = '',
  ) {
    if (!def.namespaced || !ns) return;
    const nsObj = this.store.get('/namespaces', undefined, ns);
    if (!nsObj) throw errors.notFound('namespaces', '', ns);
    if (verb === 'create' && nsObj.metadata.deletionTimestamp) {
      throw errors.forbidden(
        `${def.plural} "${name}" is forbidden: unable to create new content in namespace ${ns} because it is being terminated`,
        { kind: def.plural },
      );
    }
  }

  private validate(def: ResourceDef, obj: KObject, isCreate: boolean): KObject {
    const errs: FieldError[] = [];
    if (isCreate)
      errs.push(
        ...validateName(
          obj.metadata.name,
          obj.metadata.generateName,
          NAME_AS_LABEL.has(def.storageKey),
        ),
      );
    errs.push(...validateLabels(obj.metadata.labels, 'metadata.labels'));
    const k = def.storageKey;
    if (k === '/configmaps') {
      errs.push(
        ...validateConfigKeys(obj.data, 'data'),
        ...validateConfigKeys(obj.binaryData, 'binaryData'),
      );
    } else if (k === '/secrets') {
      errs.push(...validateConfigKeys(obj.data, 'data'));
    } else if (
      k === 'apps/deployments' ||
      k === 'apps/replicasets' ||
      k === 'apps/statefulsets'
    ) {
      errs.push(...validateWorkload(obj, { replicas: true }));
    } else if (k === 'apps/daemonsets') {
      errs.push(...validateWorkload(obj, { replicas: false }));
    } else if (k === '/pods') {
      errs.push(...validatePodSpec(obj.spec, 'spec'));
    } else if (k === 'batch/jobs') {
      errs.push(
        ...validatePodSpec(obj.spec?.template?.spec, 'spec.template.spec'),
      );
      const rp = obj.spec?.template?.spec?.restartPolicy;
      if (rp === 'Always')
        errs.push(
          fieldErr.notSupported('spec.template.spec.restartPolicy', rp, [
            'OnFailure',
            'Never',
          ]),
        );
    } else if (k === 'batch/cronjobs') {
      if (!obj.spec?.schedule) errs.push(fieldErr.required('spec.schedule'));
    } else if (k === 'apiextensions.k8s.io/customresourcedefinitions') {
      const s = obj.spec ?? {};
      const expected = `${s.names?.plural}.${s.group}`;
      if (obj.metadata.name !== expected) {
        errs.push(
          fieldErr.invalid(
            'metadata.name',
            obj.metadata.name,
            'must be spec.names.plural+"."+spec.group',
          ),
        );
      }
    }
    let out = obj;
    if (def.crd) {
      const schema = def.crd.schema;
      const res = validateCustomResource(
        obj as Record<string, unknown>,
        schema as Record<string, unknown> | undefined,
      );
      errs.push(...res.errs);
      out = res.obj as KObject;
    }
    if (errs.length)
      throw invalid(
        def.kind,
        def.group,
        obj.metadata.name ?? obj.metadata.generateName,
        errs,
      );
    return out;
  }

  private specChanged(def: ResourceDef, a: KObject, b: KObject): boolean {
    if (def.crd) {
      const strip = (o: KObject) => {
        const { metadata: _m, status: _s, ...rest } = o;
        return rest;
      };
      return !deepEqual(strip(a), strip(b));
    }
    return !deepEqual(a.spec, b.spec);
  }

  create(
    def: ResourceDef,
    ns: string | undefined,
    body: KObject,
    opts: WriteOptions,
  ): KObject {
    let obj = fromExternal(def, clone(body));
    obj.apiVersion = gv(this.storageDef(def));
    obj.kind = def.kind;
    obj.metadata = isObject(obj.metadata) ? obj.metadata : {};
    if (!def.crd) pruneBuiltin(def.storageKey, obj);
    if (def.namespaced) obj.metadata.namespace = ns;
    else delete obj.metadata.namespace;
    this.ensureNamespace(
      def,
      ns,
      'create',
      obj.metadata.name ?? obj.metadata.generateName ?? '',
    );
    if (!obj.metadata.name && obj.metadata.generateName) {
      obj.metadata.name = `${obj.metadata.generateName}${randomSuffix()}`;
    }
    for (const f of [
      'uid',
      'resourceVersion',
      'deletionTimestamp',
      'deletionGracePeriodSeconds',
      'selfLink',
    ])
      delete obj.metadata[f];
    applyDefaults(def.storageKey, obj);
    if (def.storageKey === '/pods' && ns)
      applyLimitRanges(this.store.list('/limitranges', ns), obj);
    if (opts.keepStatus && obj.status !== undefined) {
      // trusted internal writer
    } else if (hasSub(def, 'status')) {
      const st = initialStatus(def.storageKey, obj);
      if (def.crd) delete obj.status;
      else obj.status = st;
    } else if (def.storageKey === '/pods') {
      obj.status = { phase: 'Pending', qosClass: podQosClass(obj.spec ?? {}) };
    }
    obj = this.validate(def, obj, true);
    if (
      this.store.get(def.storageKey, obj.metadata.namespace, obj.metadata.name!)
    ) {
      throw errors.alreadyExists(def.plural, def.group, obj.metadata.name!);
    }
    obj.metadata.uid = uid();
    defaultsAfterUid(def.storageKey, obj);
    obj.metadata.creationTimestamp = now();
    if (tracksGeneration(def.storageKey, !!def.crd))
      obj.metadata.generation = 1;
    if (!opts.presetManagedFields) {
      obj.metadata.managedFields = updateManagedFields(undefined, obj, {
        manager: opts.manager,
        apiVersion: gv(def),
        structured: this.isStructured(def),
      });
    }
    if (opts.dryRun) return toExternal(def, obj);
    const stored = this.store.create(def.storageKey, obj);
    if (def.storageKey === 'apiextensions.k8s.io/customresourcedefinitions')
      this.onCrdChange?.(stored, false);
    return toExternal(def, clone(stored));
  }

  /** The version objects of this resource are stored in. */
  storageDef(def: ResourceDef): ResourceDef {
    if (def.storageKey === 'events')
      return this.registry.lookup('', 'v1', 'events') ?? def;
    if (def.storageKey === 'autoscaling/horizontalpodautoscalers')
      return (
        this.registry.lookup('autoscaling', 'v2', 'horizontalpodautoscalers') ??
        def
      );
    return def;
  }

  /**
   * PUT semantics. `body` is the desired object in `def`'s version. With a resourceVersion it is
   * a compare-and-swap; without one it is unconditional.
   */
  update(
    def: ResourceDef,
    ns: string | undefined,
    name: string,
    body: KObject,
    opts: WriteOptions,
  ): KObject {
    const current = this.getStored(def, ns, name);
    let next = fromExternal(def, clone(body));
    if (!isObject(next.metadata)) next.metadata = {};
    const rv = next.metadata.resourceVersion;
    if (rv && rv !== current.metadata.resourceVersion)
      throw errors.conflict(def.plural, def.group, name);
    if (next.metadata.uid && next.metadata.uid !== current.metadata.uid) {
      throw errors.conflict(
        def.plural,
        def.group,
        name,
        `Precondition failed: UID in precondition: ${next.metadata.uid}, UID in object meta: ${current.metadata.uid}`,
      );
    }
    const sub = opts.subresource;
    if (
      sub === 'status' &&
      !opts.dryRun &&
      deepEqual(current.status, next.status)
    ) {
      // controllers rewrite status every pass: skip the whole write path when nothing changed
      const sameAnn =
        def.group !== 'apps' ||
        next.metadata.annotations === undefined ||
        deepEqual(
          current.metadata.annotations ?? {},
          next.metadata.annotations,
        );
      if (sameAnn) return toExternal(def, clone(current));
    }
    if (!def.crd) pruneBuiltin(def.storageKey, next);
    if (sub === 'status') {
      // only status changes; spec and label edits are ignored (apps types also take annotations,
      // which is how the deployment controller records the revision without bumping generation)
      const statusOnly = clone(current);
      statusOnly.status = next.status;
      if (def.group === 'apps' && next.metadata.annotations !== undefined)
        statusOnly.metadata.annotations = next.metadata.annotations;
      next = statusOnly;
    } else {
      next.apiVersion = current.apiVersion;
      next.kind = current.kind;
      if (hasSub(def, 'status')) {
        if (current.status === undefined) delete next.status;
        else next.status = clone(current.status);
      }
      next.metadata.namespace = current.metadata.namespace;
      next.metadata.name = current.metadata.name;
      applyDefaults(def.storageKey, next);
      if (def.storageKey === '/namespaces' || def.storageKey === '/pods') {
        if (current.status && next.status === undefined)
          next.status = clone(current.status);
      }
    }
    for (const f of [
      'uid',
      'creationTimestamp',
      'deletionTimestamp',
      'deletionGracePeriodSeconds',
      'generation',
    ] as const) {
      const meta = next.metadata as Record<string, unknown>;
      if (current.metadata[f] !== undefined) meta[f] = current.metadata[f];
      else delete meta[f];
    }
    if (
      current.metadata.generateName &&
      next.metadata.generateName === undefined
    )
      next.metadata.generateName = current.metadata.generateName;
    next = this.validate(def, next, false);
    const annotationsBump =
      def.storageKey === 'apps/deployments' &&
      sub !== 'status' &&
      !deepEqual(
        current.metadata.annotations ?? {},
        next.metadata.annotations ?? {},
      );
    if (
      tracksGeneration(def.storageKey, !!def.crd) &&
      sub !== 'status' &&
      (this.specChanged(def, current, next) || annotationsBump)
    ) {
      next.metadata.generation = (current.metadata.generation ?? 0) + 1;
    }
    if (!opts.presetManagedFields) {
      next.metadata.managedFields = updateManagedFields(current, next, {
        manager: opts.manager,
        apiVersion: gv(def),
        structured: this.isStructured(def),
        subresource: sub,
      });
    }
    if (opts.dryRun) {
      next.metadata.resourceVersion = current.metadata.resourceVersion;
      return toExternal(def, next);
    }
    return toExternal(def, clone(this.commitUpdate(def, next)));
  }

  /** Writes an updated object, finishing deletion once the last finalizer is gone. */
  commitUpdate(def: ResourceDef, next: KObject): KObject {
    if (
      next.metadata.deletionTimestamp &&
      !(next.metadata.finalizers ?? []).length &&
      def.storageKey !== '/namespaces' &&
      def.storageKey !== '/pods'
    ) {
      const gone = this.store.delete(
        def.storageKey,
        next.metadata.namespace,
        next.metadata.name!,
      );
      return gone ?? next;
    }
    const stored = this.store.update(def.storageKey, next);
    if (def.storageKey === 'apiextensions.k8s.io/customresourcedefinitions')
      this.onCrdChange?.(stored, false);
    return stored;
  }

  delete(
    def: ResourceDef,
    ns: string | undefined,
    name: string,
    opts: DeleteOptions,
  ): { object?: KObject; status?: StatusBody } {
    const current = this.getStored(def, ns, name);
    const pre = opts.preconditions;
    if (pre?.uid && pre.uid !== current.metadata.uid) {
      throw new StatusError(
        409,
        'Conflict',
        `Operation cannot be fulfilled on ${def.kind} "${name}": the UID in the precondition (${pre.uid}) does not match the UID in record (${current.metadata.uid}). The object might have been deleted and then recreated`,
        { name, ...(def.group ? { group: def.group } : {}), kind: def.kind },
      );
    }
    if (
      pre?.resourceVersion &&
      pre.resourceVersion !== current.metadata.resourceVersion
    ) {
      throw new StatusError(
        409,
        'Conflict',
        `Operation cannot be fulfilled on ${def.kind} "${name}": the ResourceVersion in the precondition (${pre.resourceVersion}) does not match the ResourceVersion in record (${current.metadata.resourceVersion}). The object might have been modified`,
        { name, ...(def.group ? { group: def.group } : {}), kind: def.kind },
      );
    }
    const policy = opts.propagationPolicy;
    const success = () => {
      const d: Record<string, string> = { name };
      if (def.group) d.group = def.group;
      d.kind = def.plural;
      d.uid = current.metadata.uid!;
      return { status: successStatus(d) };
    };
    const key = def.storageKey;
    const finalizers = [...(current.metadata.finalizers ?? [])];
    if (policy === 'Foreground' && !finalizers.includes('foregroundDeletion'))
      finalizers.push('foregroundDeletion');
    if (policy === 'Orphan' && !finalizers.includes('orphan'))
      finalizers.push('orphan');
    const graceful =
      key === '/pods' &&
      !!current.spec?.nodeName &&
      (opts.gracePeriodSeconds ?? 1) > 0 &&
      this.podTerminationMs > 0;
    if (
      key === '/namespaces' ||
      finalizers.length ||
      graceful ||
      key === '/pods'
    ) {
      if (current.metadata.deletionTimestamp && !graceful) {
        return { object: toExternal(def, clone(current)) };
      }
      const next = clone(current);
      next.metadata.deletionTimestamp =
        current.metadata.deletionTimestamp ?? now();
      const grace = graceful
        ? opts.gracePeriodSeconds ??
          current.spec?.terminationGracePeriodSeconds ??
          30
        : 0;
      next.metadata.deletionGracePeriodSeconds = key === '/pods' ? grace : 0;
      if (finalizers.length) next.metadata.finalizers = finalizers;
      if (key === '/namespaces')
        next.status = { ...(next.status ?? {}), phase: 'Terminating' };
      if (
        tracksGeneration(key, !!def.crd) &&
        !current.metadata.deletionTimestamp
      )
        next.metadata.generation = (current.metadata.generation ?? 0) + 1;
      if (opts.dryRun) return { object: toExternal(def, next) };
      if (key === '/pods' && !graceful && !finalizers.length) {
        this.store.delete(key, current.metadata.namespace, name);
        return { object: toExternal(def, next) };
      }
      const stored = this.store.update(key, next);
      return { object: toExternal(def, clone(stored)) };
    }
    if (opts.dryRun) return success();
    this.store.delete(key, current.metadata.namespace, name);
    if (key === 'apiextensions.k8s.io/customresourcedefinitions') {
      // deleting a CRD deletes every custom resource it served
      const crKey = `${current.spec?.group}/${current.spec?.names?.plural}`;
      for (const cr of this.store.list(crKey))
        this.store.delete(crKey, cr.metadata.namespace, cr.metadata.name!);
      this.onCrdChange?.(current, true);
    }
    return success();
  }
}
