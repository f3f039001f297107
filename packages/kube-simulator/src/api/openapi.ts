import { Registry, ResourceDef } from './registry';
import { VERSION_INFO } from './discovery';

/** Minimal OpenAPI v2: enough structure for clients that fetch it; no schemas. */
export function openApiV2(reg: Registry) {
  return {
    swagger: '2.0',
    info: { title: 'Kubernetes', version: VERSION_INFO.gitVersion },
    paths: {},
    definitions: {},
    'x-kubemate-simulator': { resources: reg.all().length },
  };
}

function pbString(field: number, value: string): Buffer {
  const bytes = Buffer.from(value, 'utf8');
  return Buffer.concat([Buffer.from([(field << 3) | 2, bytes.length]), bytes]);
}

function pbMessage(field: number, body: Buffer): Buffer {
  return Buffer.concat([Buffer.from([(field << 3) | 2, body.length]), body]);
}

/**
 * The same empty document in the gnostic protobuf encoding kubectl asks for
 * (`application/com.github.proto-openapi.spec.v2@v1.0+protobuf`): swagger=1, info=2{title=1,
 * version=2}, paths=8. With no definitions, kubectl's client-side validation skips unknown kinds.
 */
export function openApiV2Protobuf(): Buffer {
  const info = Buffer.concat([
    pbString(1, 'Kubernetes'),
    pbString(2, VERSION_INFO.gitVersion),
  ]);
  return Buffer.concat([
    pbString(1, '2.0'),
    pbMessage(2, info),
    pbMessage(8, Buffer.alloc(0)),
  ]);
}

/** OpenAPI v3 discovery index: one entry per served group-version. */
export function openApiV3Index(reg: Registry) {
  const paths: Record<string, { serverRelativeURL: string }> = {};
  paths['api/v1'] = { serverRelativeURL: '/openapi/v3/api/v1?hash=sim' };
  for (const g of reg.groups()) {
    for (const v of reg.versionsOf(g))
      paths[`apis/${g}/${v}`] = {
        serverRelativeURL: `/openapi/v3/apis/${g}/${v}?hash=${
          reg.all().length
        }`,
      };
  }
  return { paths };
}

const QUERY = (name: string) => ({
  name,
  in: 'query',
  schema: { type: 'string', uniqueItems: true },
});

function schemaName(def: ResourceDef): string {
  return def.group
    ? `${def.group.split('.').reverse().join('.')}.${def.version}.${def.kind}`
    : `io.k8s.api.core.v1.${def.kind}`;
}

/**
 * Per group-version OpenAPI v3: item paths whose PATCH advertises `fieldValidation`, which is what
 * kubectl checks before trusting server-side field validation. Schemas are open objects.
 */
export function openApiV3GroupVersion(
  reg: Registry,
  group: string,
  version: string,
) {
  const paths: Record<string, unknown> = {};
  const schemas: Record<string, unknown> = {};
  for (const def of reg.inGroupVersion(group, version)) {
    const prefix = group ? `/apis/${group}/${version}` : `/api/${version}`;
    const item = def.namespaced
      ? `${prefix}/namespaces/{namespace}/${def.plural}/{name}`
      : `${prefix}/${def.plural}/{name}`;
    const gvk = { group, version, kind: def.kind };
    const name = schemaName(def);
    const params = [
      QUERY('dryRun'),
      QUERY('fieldManager'),
      QUERY('fieldValidation'),
      QUERY('force'),
    ];
    const ok = {
      '200': {
        description: 'OK',
        content: {
          'application/json': {
            schema: { $ref: `#/components/schemas/${name}` },
          },
        },
      },
    };
    if (def.verbs.includes('patch')) {
      paths[item] = {
        get: {
          operationId: `read${def.kind}`,
          responses: ok,
          'x-kubernetes-action': 'get',
          'x-kubernetes-group-version-kind': gvk,
        },
        put: {
          operationId: `replace${def.kind}`,
          parameters: params,
          responses: ok,
          'x-kubernetes-action': 'put',
          'x-kubernetes-group-version-kind': gvk,
        },
        patch: {
          operationId: `patch${def.kind}`,
          parameters: params,
          responses: ok,
          'x-kubernetes-action': 'patch',
          'x-kubernetes-group-version-kind': gvk,
        },
      };
    }
    schemas[name] = {
      type: 'object',
      description: `${def.kind} (simulated; schema not published)`,
      'x-kubernetes-group-version-kind': [gvk],
      'x-kubernetes-preserve-unknown-fields': true,
    };
  }
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: VERSION_INFO.gitVersion },
    paths,
    components: { schemas },
  };
}
