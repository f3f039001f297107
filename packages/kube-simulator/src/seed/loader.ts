import fs from 'fs';
import path from 'path';
import YAML from 'yaml';
import { ObjectService } from '../api/objects';
import { StatusError } from '../api/errors';
import { toExternal } from '../api/conversion';
import { clone } from '../util/objects';
import { KObject, isObject } from '../util/types';
import { shortLivedCert } from '../server/tls';

const SEED_MANAGER = 'kubectl-client-side-apply';
export const GENERATE_TLS_ANN = 'simulator.kubemate.io/generate-tls';

/** Fills a kubernetes.io/tls Secret annotated `simulator.kubemate.io/generate-tls: "cn=...,days=N"`. */
function generateTls(obj: KObject) {
  const spec = obj.metadata?.annotations?.[GENERATE_TLS_ANN];
  if (obj.kind !== 'Secret' || !spec) return;
  const kv = Object.fromEntries(
    spec.split(',').map(p => p.split('=').map(s => s.trim())),
  );
  const material = shortLivedCert(
    kv.cn ?? obj.metadata.name!,
    Number(kv.days ?? 10),
  );
  if (!material) return;
  obj.data = {
    ...(isObject(obj.data) ? obj.data : {}),
    'tls.crt': Buffer.from(material.cert).toString('base64'),
    'tls.key': Buffer.from(material.key).toString('base64'),
  };
}

function rank(o: KObject): number {
  if (o.kind === 'CustomResourceDefinition') return 0;
  if (o.kind === 'Namespace') return 1;
  if (
    [
      'ClusterRole',
      'Role',
      'ServiceAccount',
      'ConfigMap',
      'Secret',
      'StorageClass',
      'PersistentVolumeClaim',
      'GatewayClass',
    ].includes(o.kind ?? '')
  )
    return 2;
  return 3;
}

/** Parses multi-document YAML, flattening `kind: List`. */
export function parseManifests(text: string): KObject[] {
  const out: KObject[] = [];
  for (const doc of YAML.parseAllDocuments(text)) {
    const v = doc.toJS() as unknown;
    if (!isObject(v)) continue;
    if (v.kind === 'List' && Array.isArray(v.items))
      out.push(...(v.items as KObject[]));
    else out.push(v as KObject);
  }
  return out;
}

export function readManifests(p: string): KObject[] {
  const stat = fs.statSync(p);
  if (stat.isDirectory()) {
    return fs
      .readdirSync(p)
      .filter(f => /\.(ya?ml|json)$/.test(f))
      .sort()
      .flatMap(f => readManifests(path.join(p, f)));
  }
  return parseManifests(fs.readFileSync(p, 'utf8'));
}

/** Creates or replaces objects in dependency order (CRDs, namespaces, then the rest). */
export function applyManifests(o: ObjectService, objs: KObject[]): KObject[] {
  const sorted = [...objs].sort((a, b) => rank(a) - rank(b));
  const out: KObject[] = [];
  for (const obj of sorted) {
    generateTls(obj);
    const def =
      obj.apiVersion && obj.kind
        ? o.registry.byKind(obj.apiVersion, obj.kind)
        : undefined;
    if (!def)
      throw new Error(
        `unknown kind ${obj.apiVersion}/${obj.kind} (${obj.metadata?.name})`,
      );
    const ns = def.namespaced
      ? obj.metadata?.namespace ?? 'default'
      : undefined;
    if (ns && !o.store.get('/namespaces', undefined, ns)) {
      o.create(
        o.registry.lookup('', 'v1', 'namespaces')!,
        undefined,
        { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } },
        { manager: SEED_MANAGER },
      );
    }
    const existing = o.store.get(def.storageKey, ns, obj.metadata.name!);
    try {
      if (existing) {
        const next = clone(obj);
        delete next.metadata.resourceVersion;
        out.push(
          o.update(def, ns, obj.metadata.name!, next, {
            manager: SEED_MANAGER,
          }),
        );
        if (obj.status && def.subresources.some(s => s.name === 'status')) {
          const cur = toExternal(
            def,
            clone(o.store.get(def.storageKey, ns, obj.metadata.name!)!),
          );
          cur.status = obj.status;
          delete cur.metadata.resourceVersion;
          o.update(def, ns, obj.metadata.name!, cur, {
            manager: SEED_MANAGER,
            subresource: 'status',
          });
        }
      } else {
        const created = o.create(def, ns, clone(obj), {
          manager: SEED_MANAGER,
        });
        out.push(created);
      }
    } catch (e) {
      if (e instanceof StatusError)
        throw new Error(
          `seed ${obj.kind} ${ns ? `${ns}/` : ''}${obj.metadata.name}: ${
            e.message
          }`,
        );
      throw e;
    }
  }
  return out;
}

export function loadSeed(o: ObjectService, p: string): KObject[] {
  return applyManifests(o, readManifests(p));
}
