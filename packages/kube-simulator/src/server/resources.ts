import { IncomingMessage, ServerResponse } from 'http';
import { ResourceDef, gv } from '../api/registry';
import {
  StatusError,
  errors,
  invalid,
  invalidGeneric,
  fieldErr,
} from '../api/errors';
import { tableFor } from '../api/table';
import { toExternal } from '../api/conversion';
import { unknownBuiltinFields } from '../api/prune';
import { UserInfo } from '../auth/authn';
import { mergePatch } from '../patch/mergePatch';
import { JsonPatchError, jsonPatch } from '../patch/jsonPatch';
import { strategicMerge } from '../patch/strategicMerge';
import { ApplyConflictError, serverSideApply } from '../patch/apply';
import { managerFromUserAgent } from '../patch/managedFields';
import { clone, orderKeys, orderMeta, stableStringify } from '../util/objects';
import { KObject, isObject } from '../util/types';
import { SimContext } from './context';
import {
  ListOptions,
  encodeContinue,
  matches,
  parseListOptions,
} from './listing';
import {
  BodyType,
  Negotiated,
  bodyType,
  encode,
  parseYaml,
} from './negotiation';
import { serveWatch } from './watch';
import { serveLogs } from './logs';
import { virtualCreate, virtualGet, virtualList } from './virtual';
import { decodeProtobuf, protobufSupported } from './protobuf';

export interface ResourceRequest {
  method: string;
  def: ResourceDef;
  namespace?: string;
  name?: string;
  subresource?: string;
  verb: string;
  query: URLSearchParams;
  user: UserInfo;
  neg: Negotiated;
  req: IncomingMessage;
  res: ServerResponse;
  rawBody: Buffer;
}

const BASE_HEADERS = {
  'Cache-Control': 'no-cache, private',
  'X-Kubernetes-Pf-Flowschema-Uid': '8a2b4c6d-0000-4000-8000-00000000f10a',
  'X-Kubernetes-Pf-Prioritylevel-Uid': '8a2b4c6d-0000-4000-8000-00000000f10b',
};

/** Serializes an object the way the apiserver does: Go field order, or sorted keys for custom resources. */
export function shapeObject(
  def: ResourceDef | undefined,
  obj: KObject,
  withTypeMeta = true,
): Record<string, unknown> {
  if (def?.crd) {
    const sorted = JSON.parse(stableStringify(obj)) as Record<string, unknown>;
    return sorted;
  }
  const { apiVersion, kind, metadata, ...rest } = obj;
  const out: Record<string, unknown> = {};
  if (withTypeMeta) {
    out.kind = kind;
    out.apiVersion = apiVersion;
  }
  out.metadata = orderMeta(metadata as Record<string, unknown>);
  return orderKeys({ ...out, ...rest }, [
    'kind',
    'apiVersion',
    'metadata',
    'spec',
    'status',
  ]);
}

export function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  neg: Negotiated | undefined,
  extra: Record<string, string> = {},
) {
  const { text, contentType } = encode(body, neg?.format ?? 'json');
  res.writeHead(status, {
    ...BASE_HEADERS,
    'Content-Type': contentType,
    ...extra,
  });
  res.end(text);
}

export function sendRaw(
  res: ServerResponse,
  status: number,
  text: string,
  contentType: string,
) {
  res.writeHead(status, { ...BASE_HEADERS, 'Content-Type': contentType });
  res.end(text);
}

export function sendError(
  res: ServerResponse,
  err: StatusError,
  neg?: Negotiated,
) {
  if (res.headersSent) {
    res.end();
    return;
  }
  send(
    res,
    err.code,
    err.toStatus(),
    neg && !neg.as ? neg : { format: 'json' },
    err.headers,
  );
}

function partialMeta(obj: KObject, asVersion = 'v1') {
  return {
    kind: 'PartialObjectMetadata',
    apiVersion: `meta.k8s.io/${asVersion}`,
    metadata: orderMeta(obj.metadata as Record<string, unknown>),
  };
}

function rowObject(
  def: ResourceDef,
  o: KObject,
  include: string,
  asVersion?: string,
) {
  if (include === 'None') return null;
  if (include === 'Object') return shapeObject(def, toExternal(def, clone(o)));
  return partialMeta(o, asVersion);
}

export function toTable(
  def: ResourceDef,
  objs: KObject[],
  rr: { query: URLSearchParams; neg: Negotiated },
  rv: string,
  withColumns = true,
  cont?: string,
) {
  const t = tableFor(def);
  const include = rr.query.get('includeObject') ?? 'Metadata';
  const meta: Record<string, unknown> = { resourceVersion: rv };
  if (cont) meta.continue = cont;
  return {
    kind: 'Table',
    apiVersion: `meta.k8s.io/${rr.neg.asVersion ?? 'v1'}`,
    metadata: meta,
    columnDefinitions: withColumns ? t.columns : null,
    rows: objs.map(o => ({
      cells: t.row(o),
      object: rowObject(def, o, include, rr.neg.asVersion),
    })),
  };
}

function respondObject(rr: ResourceRequest, status: number, obj: KObject) {
  if (rr.neg.as === 'Table') {
    send(
      rr.res,
      status,
      toTable(rr.def, [obj], rr, obj.metadata.resourceVersion ?? ''),
      rr.neg,
    );
  } else if (rr.neg.as === 'PartialObjectMetadata') {
    send(rr.res, status, partialMeta(obj, rr.neg.asVersion), rr.neg);
  } else if (rr.neg.as === 'PartialObjectMetadataList') {
    throw errors.notAcceptable();
  } else {
    send(rr.res, status, shapeObject(rr.def, obj), rr.neg);
  }
}

function storageKeyFor(rr: ResourceRequest): string {
  return rr.def.virtual
    ? `${rr.def.group}/${rr.def.plural}`
    : rr.def.storageKey;
}

function decodeBody(
  rr: ResourceRequest,
  expect: 'object' | 'patch',
): { type: BodyType; value: unknown } {
  const ct = rr.req.headers['content-type'];
  const type = bodyType(ct);
  if (
    type === 'protobuf' &&
    expect === 'object' &&
    protobufSupported(storageKeyFor(rr))
  ) {
    try {
      return {
        type: 'json',
        value: decodeProtobuf(storageKeyFor(rr), rr.rawBody),
      };
    } catch (e) {
      throw errors.badRequest(
        `the object provided is unrecognized (must be of type ${
          rr.def.kind
        }): ${(e as Error).message}`,
      );
    }
  }
  const text = rr.rawBody.toString('utf8');
  if (
    !type ||
    type === 'protobuf' ||
    (expect === 'object' && !['json', 'yaml'].includes(type))
  ) {
    throw errors.unsupportedMediaType(
      'the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf',
    );
  }
  if (expect === 'patch') {
    if (type === 'json' || type === 'yaml')
      throw errors.unsupportedMediaType('415: Unsupported Media Type', {});
    if (type === 'strategic' && rr.def.crd) {
      throw errors.unsupportedMediaType(
        'the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml',
      );
    }
  }
  try {
    const value =
      type === 'yaml' || type === 'apply'
        ? parseYaml(text)
        : JSON.parse(text || 'null');
    return { type, value };
  } catch (e) {
    if (expect === 'patch')
      throw errors.badRequest(`error decoding patch: ${(e as Error).message}`);
    throw errors.badRequest(
      `the object provided is unrecognized (must be of type ${
        rr.def.kind
      }): couldn't get version/kind; json parse error: unexpected end of JSON input (${text.slice(
        0,
        60,
      )})`,
    );
  }
}

function checkTypeMeta(rr: ResourceRequest, body: unknown): KObject {
  if (!isObject(body))
    throw errors.badRequest(
      `the object provided is unrecognized (must be of type ${rr.def.kind}): couldn't get version/kind; json parse error: expected an object`,
    );
  const def = rr.def;
  const kind = body.kind as string | undefined;
  const apiVersion = body.apiVersion as string | undefined;
  const want = gv(def);
  if (kind && kind !== def.kind) {
    throw errors.badRequest(
      `${kind} in version "${def.version}" cannot be handled as a ${
        def.kind
      }: converting (${def.version}.${kind}) to (${def.group || 'core'}.${
        def.kind
      }): unknown conversion`,
    );
  }
  if (apiVersion && apiVersion !== want) {
    const sameGroupOtherVersion =
      def.group &&
      apiVersion.startsWith(`${def.group}/`) &&
      rr.def.storageKey !== 'events';
    if (!sameGroupOtherVersion) {
      throw errors.badRequest(
        `${def.kind} in version "${def.version}" cannot be handled as a ${def.kind}: no kind "${def.kind}" is registered for version "${apiVersion}" in scheme "pkg/api/legacyscheme/scheme.go:30"`,
      );
    }
  }
  // Go decoding errors for the common wrong-type mistakes
  if (def.storageKey === '/configmaps' && isObject(body.data)) {
    for (const [k, v] of Object.entries(body.data)) {
      if (typeof v !== 'string') {
        throw errors.badRequest(
          `${def.kind} in version "${def.version}" cannot be handled as a ${
            def.kind
          }: v1.ConfigMap.Data: ReadString: expects " or n, but found ${JSON.stringify(
            v,
          )}, error found in #10 byte of ...|"${k}": ${JSON.stringify(v)}|...`,
        );
      }
    }
  }
  if (body.metadata !== undefined && !isObject(body.metadata))
    throw errors.badRequest(
      `${def.kind} in version "${def.version}" cannot be handled as a ${def.kind}: metadata must be an object`,
    );
  const obj = body as KObject;
  if (!obj.metadata) obj.metadata = {};
  return obj;
}

function dryRun(q: URLSearchParams, optsKind: string): boolean {
  const vals = q.getAll('dryRun');
  if (!vals.length) return false;
  if (vals.every(v => v === 'All')) return true;
  const shown = `[]string{${vals.map(v => JSON.stringify(v)).join(', ')}}`;
  throw new StatusError(
    422,
    'Invalid',
    `${optsKind}.meta.k8s.io "" is invalid: dryRun: Unsupported value: ${shown}: supported values: "All"`,
    {
      group: 'meta.k8s.io',
      kind: optsKind,
      causes: [
        {
          reason: 'FieldValueNotSupported',
          message: `Unsupported value: ${shown}: supported values: "All"`,
          field: 'dryRun',
        },
      ],
    },
  );
}

/**
 * `fieldValidation=Strict` refuses what would otherwise be dropped silently. The simulator knows
 * the top-level and metadata fields of built-in kinds (not their nested schemas), so that is
 * what it checks; a real API server checks every level.
 */
function checkFieldValidation(
  rr: ResourceRequest,
  def: ResourceDef,
  body: KObject,
) {
  // events.k8s.io Events are stored as core Events: their fields are checked after conversion.
  if (
    rr.query.get('fieldValidation') !== 'Strict' ||
    def.crd ||
    def.virtual ||
    def.group === 'events.k8s.io'
  )
    return;
  const unknown = unknownBuiltinFields(def.storageKey, body);
  if (unknown.length) {
    throw errors.badRequest(
      `${def.kind} in version "${def.version}" cannot be handled as a ${
        def.kind
      }: strict decoding error: ${unknown
        .map(f => `unknown field ${JSON.stringify(f)}`)
        .join(', ')}`,
    );
  }
}

function manager(rr: ResourceRequest): string {
  return (
    rr.query.get('fieldManager') ||
    managerFromUserAgent(rr.req.headers['user-agent'])
  );
}

// ---------- scale ----------

function scaleOf(_def: ResourceDef, obj: KObject): KObject {
  const sel = obj.spec?.selector;
  const selector =
    isObject(sel) && (sel.matchLabels || sel.matchExpressions)
      ? Object.entries((sel.matchLabels ?? {}) as Record<string, string>)
          .map(([k, v]) => `${k}=${v}`)
          .join(',')
      : Object.entries((sel ?? {}) as Record<string, string>)
          .map(([k, v]) => `${k}=${v}`)
          .join(',');
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: {
      name: obj.metadata.name,
      namespace: obj.metadata.namespace,
      uid: obj.metadata.uid,
      resourceVersion: obj.metadata.resourceVersion,
      creationTimestamp: obj.metadata.creationTimestamp,
    },
    spec: { replicas: obj.spec?.replicas ?? 0 },
    status: { replicas: obj.status?.replicas ?? 0, selector },
  };
}

function writeScale(
  ctx: SimContext,
  rr: ResourceRequest,
  scale: KObject,
  dry: boolean,
): KObject {
  const def = rr.def;
  const name = rr.name!;
  const current = ctx.objects.getStored(def, rr.namespace, name);
  const errs = [];
  if (!scale.metadata?.namespace && rr.method === 'PUT' && !scale.metadata?.uid)
    errs.push(fieldErr.required('metadata.namespace'));
  const replicas = scale.spec?.replicas;
  if (typeof replicas === 'number' && replicas < 0)
    errs.push(
      fieldErr.invalid(
        'spec.replicas',
        replicas,
        'must be greater than or equal to 0',
      ),
    );
  if (errs.length) throw invalid('Scale', 'autoscaling', name, errs);
  const rv = scale.metadata?.resourceVersion;
  if (rv && rv !== current.metadata.resourceVersion)
    throw errors.conflict(def.plural, def.group, name);
  const next = toExternal(def, clone(current));
  next.spec = { ...(next.spec ?? {}), replicas: replicas ?? 0 };
  delete next.metadata.resourceVersion;
  const updated = ctx.objects.update(def, rr.namespace, name, next, {
    manager: manager(rr),
    dryRun: dry,
    subresource: 'scale',
  });
  return scaleOf(def, updated);
}

// ---------- main dispatcher ----------

export async function handleResource(
  ctx: SimContext,
  rr: ResourceRequest,
): Promise<void> {
  const { def, verb } = rr;
  if (def.virtual) {
    if (verb === 'create') {
      const { value } = decodeBody(rr, 'object');
      const out = virtualCreate(ctx, rr, checkTypeMeta(rr, value));
      send(rr.res, 201, out, rr.neg);
      return;
    }
    if (verb === 'get') {
      respondObject(rr, 200, virtualGet(ctx, rr));
      return;
    }
    if (verb === 'list') {
      const items = virtualList(ctx, rr).filter(o =>
        matches(parseListOptions(rr.query, def), o),
      );
      sendList(rr, items, String(ctx.store.currentRv()));
      return;
    }
    throw errors.methodNotAllowed();
  }

  const sub = rr.subresource;
  if (sub === 'log') {
    await serveLogs(ctx, rr);
    return;
  }
  if (sub === 'scale') {
    const obj = ctx.objects.getStoredOrScale404(def, rr.namespace, rr.name!);
    if (verb === 'get') {
      send(rr.res, 200, scaleOf(def, obj), rr.neg);
      return;
    }
    const dry = dryRun(
      rr.query,
      verb === 'update' ? 'UpdateOptions' : 'PatchOptions',
    );
    if (verb === 'update') {
      const { value } = decodeBody(rr, 'object');
      send(rr.res, 200, writeScale(ctx, rr, value as KObject, dry), rr.neg);
      return;
    }
    if (verb === 'patch') {
      const { type, value } = decodeBody(rr, 'patch');
      const patched = applyPatchBody(
        type,
        scaleOf(def, obj),
        value,
        false,
      ) as KObject;
      send(rr.res, 200, writeScale(ctx, rr, patched, dry), rr.neg);
      return;
    }
    throw errors.methodNotAllowed();
  }
  if (sub === 'exec' || sub === 'attach' || sub === 'portforward') {
    // streaming needs SPDY/WebSocket upgrades, which the simulator does not implement
    throw errors.badRequest('Upgrade request required');
  }
  if (sub === 'proxy' || sub === 'binding' || sub === 'finalize') {
    throw new StatusError(
      503,
      'ServiceUnavailable',
      `the simulator does not implement ${def.plural}/${sub}`,
    );
  }
  if (sub === 'eviction' && verb === 'create') {
    ctx.objects.delete(def, rr.namespace, rr.name!, {});
    send(
      rr.res,
      201,
      {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Success',
        code: 201,
      },
      rr.neg,
    );
    return;
  }
  if (sub === 'token' && verb === 'create') {
    const exp = new Date(Date.now() + 3600_000)
      .toISOString()
      .replace(/\.\d+Z$/, 'Z');
    send(
      rr.res,
      201,
      {
        kind: 'TokenRequest',
        apiVersion: 'authentication.k8s.io/v1',
        metadata: {
          name: rr.name,
          namespace: rr.namespace,
          creationTimestamp: null,
        },
        spec: { audiences: [], expirationSeconds: 3600, boundObjectRef: null },
        status: {
          token: `sim-sa-token.${rr.namespace}.${rr.name}`,
          expirationTimestamp: exp,
        },
      },
      rr.neg,
    );
    return;
  }

  switch (verb) {
    case 'get': {
      const obj = ctx.objects.get(def, rr.namespace, rr.name!);
      respondObject(rr, 200, obj);
      return;
    }
    case 'list':
    case 'watch': {
      const opts = parseListOptions(rr.query, def);
      if (verb === 'watch' || opts.watch) {
        serveWatch(ctx, rr, opts);
        return;
      }
      list(ctx, rr, opts);
      return;
    }
    case 'create': {
      if (rr.name && !sub) throw errors.methodNotAllowed();
      const dry = dryRun(rr.query, 'CreateOptions');
      const { value } = decodeBody(rr, 'object');
      const body = checkTypeMeta(rr, value);
      checkFieldValidation(rr, def, body);
      const bodyNs = body.metadata.namespace;
      if (def.namespaced && bodyNs && rr.namespace && bodyNs !== rr.namespace) {
        throw errors.badRequest(
          'the namespace of the provided object does not match the namespace sent on the request',
        );
      }
      const ns = def.namespaced ? rr.namespace ?? bodyNs : undefined;
      if (def.namespaced && !ns) throw errors.notFoundGeneric();
      const created = ctx.objects.create(def, ns, body, {
        manager: manager(rr),
        dryRun: dry,
      });
      if (dry) delete created.metadata.resourceVersion;
      respondObject(rr, 201, created);
      return;
    }
    case 'update': {
      if (!rr.name) throw errors.methodNotAllowed();
      const dry = dryRun(rr.query, 'UpdateOptions');
      const { value } = decodeBody(rr, 'object');
      const body = checkTypeMeta(rr, value);
      checkFieldValidation(rr, def, body);
      if (body.metadata.name && body.metadata.name !== rr.name) {
        throw errors.badRequest(
          `the name of the object (${body.metadata.name}) does not match the name on the URL (${rr.name})`,
        );
      }
      if (
        def.namespaced &&
        body.metadata.namespace &&
        body.metadata.namespace !== rr.namespace
      ) {
        throw errors.badRequest(
          'the namespace of the provided object does not match the namespace sent on the request',
        );
      }
      const updated = ctx.objects.update(def, rr.namespace, rr.name, body, {
        manager: manager(rr),
        dryRun: dry,
        subresource: sub,
      });
      respondObject(rr, 200, updated);
      return;
    }
    case 'patch': {
      if (!rr.name) throw errors.methodNotAllowed();
      const dry = dryRun(rr.query, 'PatchOptions');
      const { type, value } = decodeBody(rr, 'patch');
      if (type === 'apply') {
        apply(ctx, rr, value, dry);
        return;
      }
      const current = ctx.objects.get(def, rr.namespace, rr.name);
      const patched = applyPatchBody(type, current, value, !def.crd) as KObject;
      if (!isObject(patched)) throw invalidGeneric();
      if (
        isObject(patched.metadata) &&
        patched.metadata.name !== undefined &&
        patched.metadata.name !== rr.name
      ) {
        throw errors.badRequest(
          `the name of the object (${patched.metadata.name}) does not match the name on the URL (${rr.name})`,
        );
      }
      const updated = ctx.objects.update(def, rr.namespace, rr.name, patched, {
        manager: manager(rr),
        dryRun: dry,
        subresource: sub,
      });
      respondObject(rr, 200, updated);
      return;
    }
    case 'delete': {
      const dry = dryRun(rr.query, 'DeleteOptions');
      const opts = deleteOptions(rr);
      const out = ctx.objects.delete(def, rr.namespace, rr.name!, {
        ...opts,
        dryRun: dry,
      });
      if (out.status) send(rr.res, 200, out.status, rr.neg);
      else respondObject(rr, 200, out.object!);
      return;
    }
    case 'deletecollection': {
      const dry = dryRun(rr.query, 'DeleteOptions');
      const opts = parseListOptions(rr.query, def);
      const dopts = deleteOptions(rr);
      const victims = ctx.store
        .list(def.storageKey, rr.namespace)
        .filter(o => matches(opts, o));
      const deleted: KObject[] = [];
      for (const v of victims) {
        const r = ctx.objects.delete(
          def,
          v.metadata.namespace,
          v.metadata.name!,
          { ...dopts, dryRun: dry },
        );
        deleted.push(r.object ?? toExternal(def, clone(v)));
      }
      sendList(rr, deleted, String(ctx.store.currentRv()));
      return;
    }
    default:
      throw errors.methodNotAllowed();
  }
}

function deleteOptions(rr: ResourceRequest) {
  let body: Record<string, unknown> = {};
  if (rr.rawBody.length) {
    try {
      const v = JSON.parse(rr.rawBody.toString('utf8'));
      if (isObject(v)) body = v;
    } catch {
      throw errors.badRequest('error decoding DeleteOptions');
    }
  }
  const policy =
    (rr.query.get('propagationPolicy') ??
      (body.propagationPolicy as string | undefined)) ||
    undefined;
  const orphan = rr.query.get('orphanDependents') ?? body.orphanDependents;
  const effective =
    policy ?? (orphan === true || orphan === 'true' ? 'Orphan' : undefined);
  if (
    effective &&
    !['Foreground', 'Background', 'Orphan'].includes(effective)
  ) {
    throw new StatusError(
      422,
      'Invalid',
      `DeleteOptions.meta.k8s.io "" is invalid: propagationPolicy: Unsupported value: "${effective}": supported values: "Foreground", "Background", "Orphan", "nil"`,
      {
        group: 'meta.k8s.io',
        kind: 'DeleteOptions',
        causes: [
          {
            reason: 'FieldValueNotSupported',
            message: `Unsupported value: "${effective}": supported values: "Foreground", "Background", "Orphan", "nil"`,
            field: 'propagationPolicy',
          },
        ],
      },
    );
  }
  const gp = rr.query.get('gracePeriodSeconds') ?? body.gracePeriodSeconds;
  return {
    propagationPolicy: effective,
    preconditions: body.preconditions as
      | { uid?: string; resourceVersion?: string }
      | undefined,
    gracePeriodSeconds:
      gp !== undefined && gp !== null ? Number(gp) : undefined,
  };
}

function applyPatchBody(
  type: BodyType,
  current: unknown,
  patch: unknown,
  structured: boolean,
): unknown {
  switch (type) {
    case 'merge':
      if (!isObject(patch))
        throw errors.badRequest(
          'json: cannot unmarshal into Go value of type map[string]interface {}',
        );
      return mergePatch(current, patch);
    case 'jsonpatch':
      try {
        return jsonPatch(current, patch);
      } catch (e) {
        if (e instanceof JsonPatchError) throw invalidGeneric();
        throw errors.badRequest((e as Error).message);
      }
    case 'strategic':
      if (!isObject(patch))
        throw errors.badRequest(
          'json: cannot unmarshal into Go value of type map[string]interface {}',
        );
      return structured
        ? strategicMerge(current, patch)
        : mergePatch(current, patch);
    default:
      throw errors.unsupportedMediaType('415: Unsupported Media Type', {});
  }
}

function apply(
  ctx: SimContext,
  rr: ResourceRequest,
  value: unknown,
  dry: boolean,
) {
  const def = rr.def;
  const fm = rr.query.get('fieldManager');
  if (!fm) {
    throw new StatusError(
      422,
      'Invalid',
      'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch',
      {
        group: 'meta.k8s.io',
        kind: 'PatchOptions',
        causes: [
          {
            reason: 'FieldValueRequired',
            message: 'Required value: is required for apply patch',
            field: 'fieldManager',
          },
        ],
      },
    );
  }
  if (!isObject(value))
    throw errors.badRequest(
      'error decoding YAML: apply patch must be an object',
    );
  const cfg = value as KObject;
  if (cfg.apiVersion !== gv(def)) {
    throw errors.badRequest(
      `Incorrect version specified in apply patch. Specified patch version: ${
        cfg.apiVersion ?? ''
      }, expected: ${gv(def)}`,
    );
  }
  if (cfg.kind !== def.kind) {
    throw errors.badRequest(
      `Incorrect kind specified in apply patch. Specified patch kind: ${
        cfg.kind ?? ''
      }, expected: ${def.kind}`,
    );
  }
  cfg.metadata = isObject(cfg.metadata) ? cfg.metadata : {};
  if (cfg.metadata.name && cfg.metadata.name !== rr.name) {
    throw errors.badRequest(
      `the name of the object (${cfg.metadata.name}) does not match the name on the URL (${rr.name})`,
    );
  }
  cfg.metadata.name = rr.name;
  const existing = ctx.store.get(
    def.storageKey,
    def.namespaced ? rr.namespace : undefined,
    rr.name!,
  );
  const live = existing ? toExternal(def, clone(existing)) : undefined;
  let merged: KObject;
  try {
    merged = serverSideApply(live, cfg, {
      manager: fm,
      apiVersion: gv(def),
      force: rr.query.get('force') === 'true',
      structured: !def.crd,
    });
  } catch (e) {
    if (e instanceof ApplyConflictError) {
      const causes = e.conflicts.map(c => ({
        reason: 'FieldManagerConflict',
        message:
          c.operation === 'Update'
            ? `conflict with "${c.manager}" using ${c.apiVersion}`
            : `conflict with "${c.manager}"`,
        field: c.field,
      }));
      const n = causes.length;
      const msg =
        n === 1
          ? `Apply failed with 1 conflict: ${causes[0].message}: ${causes[0].field}`
          : `Apply failed with ${n} conflicts: ${causes
              .map(c => `${c.message}: ${c.field}`)
              .join('\n')}`;
      throw new StatusError(409, 'Conflict', msg, { causes });
    }
    throw e;
  }
  const opts = {
    manager: fm,
    dryRun: dry,
    subresource: rr.subresource,
    presetManagedFields: true,
  };
  if (!existing) {
    const created = ctx.objects.create(def, rr.namespace, merged, opts);
    if (dry) delete created.metadata.resourceVersion;
    respondObject(rr, 201, created);
    return;
  }
  delete merged.metadata.resourceVersion;
  const updated = ctx.objects.update(def, rr.namespace, rr.name!, merged, opts);
  respondObject(rr, 200, updated);
}

function list(ctx: SimContext, rr: ResourceRequest, opts: ListOptions) {
  const def = rr.def;
  const current = ctx.store.currentRv();
  if (
    opts.resourceVersion !== undefined &&
    opts.resourceVersion !== '' &&
    opts.resourceVersion !== '0'
  ) {
    const n = Number(opts.resourceVersion);
    if (!Number.isInteger(n)) {
      throw new StatusError(
        500,
        '',
        `resourceVersion: Invalid value: ${JSON.stringify(
          opts.resourceVersion,
        )}: strconv.ParseUint: parsing ${JSON.stringify(
          opts.resourceVersion,
        )}: invalid syntax`,
      );
    }
    if (n > current) {
      throw errors.timeout(
        `Timeout: Too large resource version: ${n}, current: ${current}`,
        {
          causes: [
            {
              reason: 'ResourceVersionTooLarge',
              message: 'Too large resource version',
            },
          ],
          retryAfterSeconds: 1,
        },
      );
    }
    if (opts.resourceVersionMatch === 'Exact' && n < ctx.store.oldestRv()) {
      throw errors.gone(
        'The resourceVersion for the provided list is too old.',
      );
    }
  }
  if (opts.continueToken && opts.continueToken.rv < ctx.store.oldestRv()) {
    throw errors.gone(
      'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.',
      { continue: encodeContinue(current, opts.continueToken.start) },
    );
  }
  const ns = def.namespaced ? rr.namespace : undefined;
  const entries = ctx.store.listEntries(def.storageKey, ns);
  const fromCache = opts.resourceVersion === '0';
  let start = 0;
  if (opts.continueToken) {
    const s = opts.continueToken.start;
    const keyOf = (o: KObject) =>
      o.metadata.namespace && !ns
        ? `${o.metadata.namespace}/${o.metadata.name}`
        : o.metadata.name!;
    start = entries.findIndex(e => keyOf(e.obj) > s);
    if (start < 0) start = entries.length;
  }
  const limit = fromCache ? undefined : opts.limit;
  const picked: typeof entries = [];
  let i = start;
  for (; i < entries.length; i++) {
    const e = entries[i];
    if (opts.hasSelector && !matches(opts, e.obj)) continue;
    if (limit !== undefined && picked.length >= limit) break;
    picked.push(e);
  }
  const listRv = opts.continueToken
    ? String(opts.continueToken.rv)
    : String(current);
  let cont: string | undefined;
  let remaining: number | undefined;
  if (limit !== undefined && i < entries.length) {
    const last = picked[picked.length - 1]?.obj;
    let lastKey = '';
    if (last)
      lastKey =
        last.metadata.namespace && !ns
          ? `${last.metadata.namespace}/${last.metadata.name}`
          : last.metadata.name!;
    // Only report more when something after the last item would still match.
    const more = opts.hasSelector
      ? entries.slice(i).some(e => matches(opts, e.obj))
      : true;
    if (more) {
      cont = encodeContinue(Number(listRv), lastKey);
      if (!opts.hasSelector) remaining = entries.length - i;
    }
  }
  sendList(
    rr,
    picked.map(e => e.obj),
    listRv,
    cont,
    remaining,
    picked,
  );
}

function sendList(
  rr: ResourceRequest,
  items: KObject[],
  rv: string,
  cont?: string,
  remaining?: number,
  entries?: Array<{ obj: KObject; itemJson: () => string }>,
) {
  const def = rr.def;
  if (rr.neg.as === 'Table') {
    send(rr.res, 200, toTable(def, items, rr, rv, true, cont), rr.neg);
    return;
  }
  if (rr.neg.as === 'PartialObjectMetadataList') {
    const meta: Record<string, unknown> = { resourceVersion: rv };
    if (cont) meta.continue = cont;
    send(
      rr.res,
      200,
      {
        kind: 'PartialObjectMetadataList',
        apiVersion: `meta.k8s.io/${rr.neg.asVersion}`,
        metadata: meta,
        items: items.map(o => partialMeta(o, rr.neg.asVersion)),
      },
      rr.neg,
    );
    return;
  }
  if (rr.neg.as) throw errors.notAcceptable();
  const meta: Record<string, unknown> = { resourceVersion: rv };
  if (def.crd) meta.continue = cont ?? '';
  else if (cont) meta.continue = cont;
  if (remaining !== undefined) meta.remainingItemCount = remaining;
  const listKind = `${def.kind}List`;
  const apiVersion = gv(def);
  const plain =
    !def.crd &&
    def.storageKey !== 'events' &&
    def.storageKey !== 'autoscaling/horizontalpodautoscalers';
  if (rr.neg.format === 'json' && plain && entries) {
    // Fast path: splice the cached item JSON, so listing 10k pods avoids re-serializing.
    const head = JSON.stringify({ kind: listKind, apiVersion, metadata: meta });
    const body = `${head.slice(0, -1)},"items":[${entries
      .map(e => e.itemJson())
      .join(',')}]}`;
    sendRaw(rr.res, 200, body, 'application/json');
    return;
  }
  const shaped = items.map(o => {
    const ext = toExternal(def, clone(o));
    if (def.crd) return shapeObject(def, ext);
    const s = shapeObject(def, ext, false);
    return s;
  });
  const body = def.crd
    ? JSON.parse(
        stableStringify({
          apiVersion,
          items: shaped,
          kind: listKind,
          metadata: meta,
        }),
      )
    : { kind: listKind, apiVersion, metadata: meta, items: shaped };
  send(rr.res, 200, body, rr.neg);
}
