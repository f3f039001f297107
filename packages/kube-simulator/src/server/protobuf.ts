/**
 * Decoding of Kubernetes protobuf request bodies (`application/vnd.kubernetes.protobuf`) for the
 * types kubectl's typed commands send (create deployment/configmap/secret/namespace/job/cronjob/
 * service, auth can-i). A schema maps field numbers of k8s.io/api generated.proto to JSON names.
 */

type Kind =
  | 'string'
  | 'bytes'
  | 'int'
  | 'bool'
  | 'time'
  | 'quantity'
  | 'intorstr'
  | { msg: Schema }
  | { map: Kind }
  | { list: Kind }
  | { inline: Schema };

/** field number → [json name, kind, pointer?]; pointer fields keep zero values. */
type Schema = Record<number, [string, Kind, boolean?]>;

const S = (s: Schema): Kind => ({ msg: s });
const L = (k: Kind): Kind => ({ list: k });
const M = (k: Kind): Kind => ({ map: k });

const ownerRef: Schema = {
  1: ['kind', 'string'],
  3: ['name', 'string'],
  4: ['uid', 'string'],
  5: ['apiVersion', 'string'],
  6: ['controller', 'bool', true],
  7: ['blockOwnerDeletion', 'bool', true],
};
const objectMeta: Schema = {
  1: ['name', 'string'],
  2: ['generateName', 'string'],
  3: ['namespace', 'string'],
  5: ['uid', 'string'],
  6: ['resourceVersion', 'string'],
  7: ['generation', 'int'],
  8: ['creationTimestamp', 'time'],
  11: ['labels', M('string')],
  12: ['annotations', M('string')],
  13: ['ownerReferences', L(S(ownerRef))],
  14: ['finalizers', L('string')],
};
const labelSelector: Schema = {
  1: ['matchLabels', M('string')],
  2: [
    'matchExpressions',
    L(
      S({
        1: ['key', 'string'],
        2: ['operator', 'string'],
        3: ['values', L('string')],
      }),
    ),
  ],
};
const keyRef: Schema = {
  1: ['', { inline: { 1: ['name', 'string'] } }],
  2: ['key', 'string'],
  3: ['optional', 'bool', true],
};
const envVar: Schema = {
  1: ['name', 'string'],
  2: ['value', 'string'],
  3: [
    'valueFrom',
    S({
      1: [
        'fieldRef',
        S({ 1: ['apiVersion', 'string'], 2: ['fieldPath', 'string'] }),
      ],
      3: ['configMapKeyRef', S(keyRef)],
      4: ['secretKeyRef', S(keyRef)],
    }),
  ],
};
const envFrom: Schema = {
  1: ['prefix', 'string'],
  2: [
    'configMapRef',
    S({
      1: ['', { inline: { 1: ['name', 'string'] } }],
      2: ['optional', 'bool', true],
    }),
  ],
  3: [
    'secretRef',
    S({
      1: ['', { inline: { 1: ['name', 'string'] } }],
      2: ['optional', 'bool', true],
    }),
  ],
};
const probe: Schema = {
  1: [
    '',
    {
      inline: {
        1: ['exec', S({ 1: ['command', L('string')] })],
        2: [
          'httpGet',
          S({
            1: ['path', 'string'],
            2: ['port', 'intorstr'],
            3: ['host', 'string'],
            4: ['scheme', 'string'],
          }),
        ],
        3: ['tcpSocket', S({ 1: ['port', 'intorstr'], 2: ['host', 'string'] })],
      },
    },
  ],
  2: ['initialDelaySeconds', 'int'],
  3: ['timeoutSeconds', 'int'],
  4: ['periodSeconds', 'int'],
  5: ['successThreshold', 'int'],
  6: ['failureThreshold', 'int'],
};
const container: Schema = {
  1: ['name', 'string'],
  2: ['image', 'string'],
  3: ['command', L('string')],
  4: ['args', L('string')],
  5: ['workingDir', 'string'],
  6: [
    'ports',
    L(
      S({
        1: ['name', 'string'],
        2: ['hostPort', 'int'],
        3: ['containerPort', 'int'],
        4: ['protocol', 'string'],
        5: ['hostIP', 'string'],
      }),
    ),
  ],
  7: ['env', L(S(envVar))],
  8: [
    'resources',
    S({ 1: ['limits', M('quantity')], 2: ['requests', M('quantity')] }),
  ],
  9: [
    'volumeMounts',
    L(
      S({
        1: ['name', 'string'],
        2: ['readOnly', 'bool'],
        3: ['mountPath', 'string'],
        4: ['subPath', 'string'],
      }),
    ),
  ],
  10: ['livenessProbe', S(probe)],
  11: ['readinessProbe', S(probe)],
  13: ['terminationMessagePath', 'string'],
  14: ['imagePullPolicy', 'string'],
  15: [
    'securityContext',
    S({
      2: ['privileged', 'bool', true],
      4: ['runAsUser', 'int', true],
      5: ['runAsNonRoot', 'bool', true],
      6: ['readOnlyRootFilesystem', 'bool', true],
      7: ['allowPrivilegeEscalation', 'bool', true],
      8: ['runAsGroup', 'int', true],
    }),
  ],
  16: ['stdin', 'bool'],
  17: ['stdinOnce', 'bool'],
  18: ['tty', 'bool'],
  19: ['envFrom', L(S(envFrom))],
  20: ['terminationMessagePolicy', 'string'],
  22: ['startupProbe', S(probe)],
};
const volume: Schema = {
  1: ['name', 'string'],
  2: [
    '',
    {
      inline: {
        1: [
          'hostPath',
          S({ 1: ['path', 'string'], 2: ['type', 'string', true] }),
        ],
        2: [
          'emptyDir',
          S({ 1: ['medium', 'string'], 2: ['sizeLimit', 'quantity'] }),
        ],
        6: [
          'secret',
          S({
            1: ['secretName', 'string'],
            3: ['defaultMode', 'int', true],
            4: ['optional', 'bool', true],
          }),
        ],
        10: [
          'persistentVolumeClaim',
          S({ 1: ['claimName', 'string'], 2: ['readOnly', 'bool'] }),
        ],
        19: [
          'configMap',
          S({
            1: ['', { inline: { 1: ['name', 'string'] } }],
            3: ['defaultMode', 'int', true],
            4: ['optional', 'bool', true],
          }),
        ],
      },
    },
  ],
};
const podSpec: Schema = {
  1: ['volumes', L(S(volume))],
  2: ['containers', L(S(container))],
  3: ['restartPolicy', 'string'],
  4: ['terminationGracePeriodSeconds', 'int', true],
  5: ['activeDeadlineSeconds', 'int', true],
  6: ['dnsPolicy', 'string'],
  7: ['nodeSelector', M('string')],
  8: ['serviceAccountName', 'string'],
  9: ['serviceAccount', 'string'],
  10: ['nodeName', 'string'],
  11: ['hostNetwork', 'bool'],
  12: ['hostPID', 'bool'],
  13: ['hostIPC', 'bool'],
  14: [
    'securityContext',
    S({
      2: ['runAsUser', 'int', true],
      3: ['runAsNonRoot', 'bool', true],
      5: ['fsGroup', 'int', true],
      6: ['runAsGroup', 'int', true],
    }),
  ],
  15: ['imagePullSecrets', L(S({ 1: ['name', 'string'] }))],
  16: ['hostname', 'string'],
  17: ['subdomain', 'string'],
  19: ['schedulerName', 'string'],
  20: ['initContainers', L(S(container))],
  21: ['automountServiceAccountToken', 'bool', true],
  22: [
    'tolerations',
    L(
      S({
        1: ['key', 'string'],
        2: ['operator', 'string'],
        3: ['value', 'string'],
        4: ['effect', 'string'],
        5: ['tolerationSeconds', 'int', true],
      }),
    ),
  ],
  24: ['priorityClassName', 'string'],
  25: ['priority', 'int', true],
  30: ['enableServiceLinks', 'bool', true],
};
const podTemplate: Schema = {
  1: ['metadata', S(objectMeta)],
  2: ['spec', S(podSpec)],
};
const jobSpec: Schema = {
  1: ['parallelism', 'int', true],
  2: ['completions', 'int', true],
  3: ['activeDeadlineSeconds', 'int', true],
  4: ['selector', S(labelSelector)],
  5: ['manualSelector', 'bool', true],
  6: ['template', S(podTemplate)],
  7: ['backoffLimit', 'int', true],
  8: ['ttlSecondsAfterFinished', 'int', true],
  9: ['completionMode', 'string', true],
  10: ['suspend', 'bool', true],
};

const SCHEMAS: Record<string, Schema> = {
  '/configmaps': {
    1: ['metadata', S(objectMeta)],
    2: ['data', M('string')],
    3: ['binaryData', M('bytes')],
    4: ['immutable', 'bool', true],
  },
  '/secrets': {
    1: ['metadata', S(objectMeta)],
    2: ['data', M('bytes')],
    3: ['type', 'string'],
    4: ['stringData', M('string')],
    5: ['immutable', 'bool', true],
  },
  '/namespaces': {
    1: ['metadata', S(objectMeta)],
    2: ['spec', S({ 1: ['finalizers', L('string')] })],
  },
  '/serviceaccounts': { 1: ['metadata', S(objectMeta)] },
  '/services': {
    1: ['metadata', S(objectMeta)],
    2: [
      'spec',
      S({
        1: [
          'ports',
          L(
            S({
              1: ['name', 'string'],
              2: ['protocol', 'string'],
              3: ['port', 'int'],
              4: ['targetPort', 'intorstr'],
              5: ['nodePort', 'int'],
            }),
          ),
        ],
        2: ['selector', M('string')],
        3: ['clusterIP', 'string'],
        4: ['type', 'string'],
        5: ['externalIPs', L('string')],
        7: ['sessionAffinity', 'string'],
        10: ['externalName', 'string'],
      }),
    ],
  },
  '/pods': { 1: ['metadata', S(objectMeta)], 2: ['spec', S(podSpec)] },
  'apps/deployments': {
    1: ['metadata', S(objectMeta)],
    2: [
      'spec',
      S({
        1: ['replicas', 'int', true],
        2: ['selector', S(labelSelector)],
        3: ['template', S(podTemplate)],
        4: [
          'strategy',
          S({
            1: ['type', 'string'],
            2: [
              'rollingUpdate',
              S({
                1: ['maxUnavailable', 'intorstr'],
                2: ['maxSurge', 'intorstr'],
              }),
            ],
          }),
        ],
        5: ['minReadySeconds', 'int'],
        6: ['revisionHistoryLimit', 'int', true],
        7: ['paused', 'bool'],
        9: ['progressDeadlineSeconds', 'int', true],
      }),
    ],
  },
  'batch/jobs': { 1: ['metadata', S(objectMeta)], 2: ['spec', S(jobSpec)] },
  'batch/cronjobs': {
    1: ['metadata', S(objectMeta)],
    2: [
      'spec',
      S({
        1: ['schedule', 'string'],
        2: ['startingDeadlineSeconds', 'int', true],
        3: ['concurrencyPolicy', 'string'],
        4: ['suspend', 'bool', true],
        5: [
          'jobTemplate',
          S({ 1: ['metadata', S(objectMeta)], 2: ['spec', S(jobSpec)] }),
        ],
        6: ['successfulJobsHistoryLimit', 'int', true],
        7: ['failedJobsHistoryLimit', 'int', true],
        8: ['timeZone', 'string', true],
      }),
    ],
  },
  'authorization.k8s.io/selfsubjectaccessreviews': {
    1: ['metadata', S(objectMeta)],
    2: [
      'spec',
      S({
        1: [
          'resourceAttributes',
          S({
            1: ['namespace', 'string'],
            2: ['verb', 'string'],
            3: ['group', 'string'],
            4: ['version', 'string'],
            5: ['resource', 'string'],
            6: ['subresource', 'string'],
            7: ['name', 'string'],
          }),
        ],
        2: [
          'nonResourceAttributes',
          S({ 1: ['path', 'string'], 2: ['verb', 'string'] }),
        ],
      }),
    ],
  },
  'authorization.k8s.io/selfsubjectrulesreviews': {
    1: ['metadata', S(objectMeta)],
    2: ['spec', S({ 1: ['namespace', 'string'] })],
  },
};

export const PROTOBUF_MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);

interface Field {
  no: number;
  wire: number;
  num?: bigint;
  bytes?: Buffer;
}

function varint(buf: Buffer, pos: number): [bigint, number] {
  let result = 0n;
  let shift = 0n;
  let p = pos;
  for (;;) {
    if (p >= buf.length) throw new Error('truncated varint');
    const b = buf[p++];
    result |= BigInt(b & 0x7f) << shift;
    if (!(b & 0x80)) break;
    shift += 7n;
  }
  return [result, p];
}

function fields(buf: Buffer): Field[] {
  const out: Field[] = [];
  let p = 0;
  while (p < buf.length) {
    const [tag, p1] = varint(buf, p);
    const no = Number(tag >> 3n);
    const wire = Number(tag & 7n);
    p = p1;
    if (wire === 0) {
      const [v, p2] = varint(buf, p);
      out.push({ no, wire, num: v });
      p = p2;
    } else if (wire === 2) {
      const [len, p2] = varint(buf, p);
      out.push({ no, wire, bytes: buf.subarray(p2, p2 + Number(len)) });
      p = p2 + Number(len);
    } else if (wire === 1) {
      out.push({ no, wire, bytes: buf.subarray(p, p + 8) });
      p += 8;
    } else if (wire === 5) {
      out.push({ no, wire, bytes: buf.subarray(p, p + 4) });
      p += 4;
    } else throw new Error(`unsupported wire type ${wire}`);
  }
  return out;
}

function toInt(v: bigint): number {
  return Number(BigInt.asIntN(64, v));
}

function scalar(kind: Kind, f: Field): unknown {
  switch (kind) {
    case 'string':
      return f.bytes!.toString('utf8');
    case 'bytes':
      return f.bytes!.toString('base64');
    case 'int':
      return toInt(f.num ?? 0n);
    case 'bool':
      return (f.num ?? 0n) !== 0n;
    case 'time': {
      const t = decodeMessage(f.bytes!, {
        1: ['seconds', 'int'],
        2: ['nanos', 'int'],
      }) as { seconds?: number };
      return t.seconds
        ? new Date(t.seconds * 1000).toISOString().replace(/\.\d+Z$/, 'Z')
        : undefined;
    }
    case 'quantity':
      return (
        (
          decodeMessage(f.bytes!, { 1: ['string', 'string'] }) as {
            string?: string;
          }
        ).string ?? '0'
      );
    case 'intorstr': {
      const v = decodeMessage(f.bytes!, {
        1: ['type', 'int', true],
        2: ['intVal', 'int', true],
        3: ['strVal', 'string'],
      }) as { type?: number; intVal?: number; strVal?: string };
      return v.type === 1 ? v.strVal ?? '' : v.intVal ?? 0;
    }
    default:
      if ('msg' in kind) return decodeMessage(f.bytes!, kind.msg);
      throw new Error('bad kind');
  }
}

function decodeMessage(buf: Buffer, schema: Schema): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields(buf)) {
    const spec = schema[f.no];
    if (!spec) continue; // fields we do not model are dropped, like unknown JSON fields
    const [name, kind, pointer] = spec;
    const numeric = kind === 'int' || kind === 'bool';
    if (numeric !== (f.wire === 0)) continue; // schema drift: never misread a field
    if (typeof kind === 'object' && 'inline' in kind) {
      Object.assign(out, decodeMessage(f.bytes!, kind.inline));
      continue;
    }
    if (typeof kind === 'object' && 'list' in kind) {
      const arr = (out[name] as unknown[]) ?? [];
      arr.push(scalar(kind.list, f));
      out[name] = arr;
      continue;
    }
    if (typeof kind === 'object' && 'map' in kind) {
      const entry = fields(f.bytes!);
      const k = entry.find(e => e.no === 1)?.bytes?.toString('utf8') ?? '';
      const vf = entry.find(e => e.no === 2);
      const m = (out[name] as Record<string, unknown>) ?? {};
      let value: unknown = kind.map === 'string' ? '' : undefined;
      if (vf) value = scalar(kind.map, vf);
      m[k] = value;
      out[name] = m;
      continue;
    }
    const v = scalar(kind, f);
    // gogo emits non-pointer zero values; JSON would omit them (omitempty)
    if (v === undefined || (!pointer && (v === '' || v === 0 || v === false)))
      continue;
    out[name] = v;
  }
  return out;
}

/** Decodes a protobuf body for the given storage key, or throws when the type is not modelled. */
export function decodeProtobuf(
  storageKey: string,
  body: Buffer,
): Record<string, unknown> {
  if (!body.subarray(0, 4).equals(PROTOBUF_MAGIC))
    throw new Error('missing k8s protobuf magic');
  const unknown = decodeMessage(body.subarray(4), {
    1: ['typeMeta', S({ 1: ['apiVersion', 'string'], 2: ['kind', 'string'] })],
    2: ['raw', 'bytes'],
  }) as {
    typeMeta?: { apiVersion?: string; kind?: string };
    raw?: string;
  };
  const schema = SCHEMAS[storageKey];
  if (!schema) throw new Error(`protobuf is not supported for ${storageKey}`);
  const obj = decodeMessage(Buffer.from(unknown.raw ?? '', 'base64'), schema);
  return {
    apiVersion: unknown.typeMeta?.apiVersion,
    kind: unknown.typeMeta?.kind,
    ...obj,
    metadata: obj.metadata ?? {},
  };
}

export function protobufSupported(storageKey: string): boolean {
  return storageKey in SCHEMAS;
}
