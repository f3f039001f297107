import { Registry, ResourceDef } from './registry';

export const VERSION_INFO = {
  major: '1',
  minor: '32',
  gitVersion: 'v1.32.0-kubemate-sim',
  gitCommit: '0000000000000000000000000000000000000000',
  gitTreeState: 'clean',
  buildDate: '2025-01-01T00:00:00Z',
  goVersion: 'go1.23.4',
  compiler: 'gc',
  platform: 'linux/amd64',
};

export function apiVersions(serverAddress: string) {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  };
}

function groupEntry(reg: Registry, group: string) {
  const pv = reg.preferredVersion(group)!;
  const versions = reg.versionsOf(group);
  const ordered = [pv, ...versions.filter(v => v !== pv)];
  return {
    name: group,
    versions: ordered.map(v => ({ groupVersion: `${group}/${v}`, version: v })),
    preferredVersion: { groupVersion: `${group}/${pv}`, version: pv },
  };
}

export function apiGroupList(reg: Registry) {
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: reg.groups().map(g => groupEntry(reg, g)),
  };
}

export function apiGroup(reg: Registry, group: string) {
  return { kind: 'APIGroup', apiVersion: 'v1', ...groupEntry(reg, group) };
}

function resourceEntries(def: ResourceDef) {
  const main: Record<string, unknown> = {
    name: def.plural,
    // 1.20 leaves singularName empty for built-in resources; CRDs carry theirs
    singularName: def.crd ? def.singular : '',
    namespaced: def.namespaced,
    kind: def.kind,
    verbs: def.verbs,
  };
  if (def.shortNames?.length) main.shortNames = def.shortNames;
  if (def.categories?.length) main.categories = def.categories;
  if (def.storageVersionHash) main.storageVersionHash = def.storageVersionHash;
  const subs = def.subresources.map(s => {
    const e: Record<string, unknown> = {
      name: `${def.plural}/${s.name}`,
      singularName: '',
      namespaced: def.namespaced,
    };
    if (s.group !== undefined) e.group = s.group;
    if (s.version !== undefined) e.version = s.version;
    e.kind = s.kind;
    e.verbs = s.verbs;
    return e;
  });
  return [main, ...subs];
}

export function apiResourceList(reg: Registry, group: string, version: string) {
  const defs = reg
    .inGroupVersion(group, version)
    .slice()
    .sort((a, b) => (a.plural < b.plural ? -1 : 1));
  const body: Record<string, unknown> = { kind: 'APIResourceList' };
  if (group) body.apiVersion = 'v1';
  body.groupVersion = group ? `${group}/${version}` : version;
  body.resources = defs.flatMap(resourceEntries);
  return body;
}

function aggregatedResource(def: ResourceDef) {
  const r: Record<string, unknown> = {
    resource: def.plural,
    responseKind: { group: '', version: '', kind: def.kind },
    scope: def.namespaced ? 'Namespaced' : 'Cluster',
    singularResource: def.singular,
    verbs: def.verbs,
  };
  if (def.shortNames?.length) r.shortNames = def.shortNames;
  if (def.categories?.length) r.categories = def.categories;
  if (def.subresources.length) {
    r.subresources = def.subresources.map(s => ({
      subresource: s.name,
      responseKind: {
        group: s.group ?? '',
        version: s.version ?? '',
        kind: s.kind,
      },
      verbs: s.verbs,
    }));
  }
  return r;
}

/** apidiscovery.k8s.io/v2 APIGroupDiscoveryList for /api (core) or /apis (everything else). */
export function aggregatedDiscovery(
  reg: Registry,
  core: boolean,
  version: string,
) {
  const groups = core ? [''] : reg.groups();
  const items = groups.map(g => {
    const pv = reg.preferredVersion(g) ?? 'v1';
    const versions = core
      ? ['v1']
      : [pv, ...reg.versionsOf(g).filter(v => v !== pv)];
    return {
      metadata: { name: g, creationTimestamp: null },
      versions: versions.map(v => ({
        version: v,
        resources: reg
          .inGroupVersion(g, v)
          .slice()
          .sort((a, b) => (a.plural < b.plural ? -1 : 1))
          .map(aggregatedResource),
        freshness: 'Current',
      })),
    };
  });
  return {
    kind: 'APIGroupDiscoveryList',
    apiVersion: `apidiscovery.k8s.io/${version}`,
    metadata: {},
    items,
  };
}

export const ROOT_PATHS = [
  '/api',
  '/api/v1',
  '/apis',
  '/apis/',
  '/healthz',
  '/livez',
  '/metrics',
  '/openapi/v2',
  '/openapi/v3',
  '/readyz',
  '/version',
];
