import fs from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { adminRoutes } from '../../admin/contract';
import { auditRoutes } from '../../audit/contract';
import { clusterRoutes } from '../../clusters/contract';
import { inspectionRoutes } from '../../inspection/contract';
import { meshRoutes } from '../../mesh/contract';
import { serviceProfileRoutes } from '../../mesh/serviceProfiles';
import { routeRoutes } from '../../routes/contract';
import { namespaceRoutes } from '../../namespaces/contract';
import { observabilityRoutes } from '../../observability/contract';
import { probeRoutes } from '../../probes/contract';
import { releaseRoutes } from '../../releases/contract';
import { scaffoldingRoutes } from '../../scaffolding/contract';
import { workloadRoutes } from '../../workloads/contract';
import { configDataRoutes } from '../../workloads/configData';
import { entityParamsSchema } from '../primitives';
import type { KubemateRoute } from '../route';
import { kubemateRoutes, type KubemateRouteId } from '../routes';
import { API_INTRO, ROUTE_NOTES, SECTION_NOTES } from './apiNotes';
import { describeType, fieldTable, shapeOf } from './describeSchema';
import { ENDPOINT_SECURITY } from './endpointSecurity';

/** Path of the generated reference in the repository. */
export const API_DOCS_PATH = path.resolve(
  __dirname,
  '../../../../../docs/api-reference.md',
);

const SECTIONS: [string, Record<string, KubemateRoute>][] = [
  ['Clusters', clusterRoutes],
  ['Workloads', workloadRoutes],
  ['ConfigMaps and Secrets', configDataRoutes],
  ['Observability links', observabilityRoutes],
  ['Audit', auditRoutes],
  ['Inspection', inspectionRoutes],
  ['Mesh', { ...meshRoutes, ...serviceProfileRoutes }],
  ['Routes', routeRoutes],
  ['Namespaces', namespaceRoutes],
  ['Admin console', adminRoutes],
  ['Releases', releaseRoutes],
  ['Probes', probeRoutes],
  ['Templates (scaffolder)', scaffoldingRoutes],
];

const isSchema = (r: KubemateRoute['response']): r is z.ZodType =>
  !('contentType' in r);

/** Named object types reachable from a schema (through lists, pages and fields). */
function collectTypes(s: z.ZodType, into: Map<string, z.ZodType>) {
  const def = s.def as unknown as {
    type: string;
    element?: z.ZodType;
    innerType?: z.ZodType;
  };
  if (def.type === 'array' || def.innerType) {
    collectTypes(def.element ?? def.innerType!, into);
    return;
  }
  const shape = shapeOf(s);
  const name = s.description;
  if (name && /^[A-Z]\w*$/.test(name) && !into.has(name)) {
    into.set(name, s);
  }
  for (const field of Object.values(shape ?? {})) collectTypes(field, into);
}

function routeText(id: string, route: KubemateRoute): string {
  const parts = [`### \`${route.method} /api/kubemate${route.path}\``];
  const permission = route.permission?.includes(' ')
    ? route.permission
    : `\`${route.permission}\``;
  parts.push(
    `${route.summary}.${
      route.permission ? ` Permission: ${permission}.` : ''
    } Route id \`${id}\`.`,
  );
  for (const [label, schema] of [
    // The entity parameters are described once, in the section's introduction.
    [
      'Path parameters',
      route.params === entityParamsSchema ? undefined : route.params,
    ],
    ['Query', route.query],
    ['Body', route.body],
  ] as const) {
    if (!schema) continue;
    const table = fieldTable(schema);
    if (table) parts.push(`${label}:\n\n${table}`);
    else parts.push(`${label}: ${describeType(schema)}.`);
  }
  const { response } = route;
  parts.push(
    isSchema(response)
      ? `Answer: \`${response.description ?? describeType(response)}\` (JSON).`
      : `Answer: \`${response.contentType}\`.`,
  );
  const notes = ROUTE_NOTES[id as KubemateRouteId];
  if (notes) parts.push(notes);
  return parts.join('\n\n');
}

/** docs/api-reference.md from the contract's route table and schemas. */
export function generateApiDocs(): string {
  const out = [
    '# API reference',
    '<!-- Generated from the contract in plugins/kubemate-common (yarn workspace @kubemate/plugin-kubemate-common docs:api). Edit the schemas or src/contract/docs/apiNotes.ts, not this file. -->',
    API_INTRO,
  ];
  const documented = new Set(SECTIONS.flatMap(([, r]) => Object.keys(r)));
  const missing = Object.keys(kubemateRoutes).filter(id => !documented.has(id));
  if (missing.length) {
    throw new Error(
      `Routes in no API reference section: ${missing.join(', ')}`,
    );
  }
  const types = new Map<string, z.ZodType>();
  for (const [section, routes] of SECTIONS) {
    out.push(`## ${section}`);
    if (SECTION_NOTES[section]) out.push(SECTION_NOTES[section]);
    for (const [id, route] of Object.entries(routes)) {
      out.push(routeText(id, route));
      if (isSchema(route.response)) collectTypes(route.response, types);
    }
  }
  out.push(
    '## Types',
    'Fields of the answers named above. Types without a table are TypeScript types of `@kubemate/plugin-kubemate-common`.',
  );
  for (const [name, schema] of [...types].sort(([a], [b]) =>
    a.localeCompare(b),
  )) {
    const table = fieldTable(schema);
    out.push(
      `### \`${name}\``,
      table ??
        'Defined as a TypeScript type in `@kubemate/plugin-kubemate-common`.',
    );
  }
  return `${out.join('\n\n')}\n`;
}

/** docs/security.md, whose endpoint table lies between these markers. */
export const SECURITY_DOCS_PATH = path.resolve(
  __dirname,
  '../../../../../docs/security.md',
);
const TABLE_START = '<!-- endpoints:start -->';
const TABLE_END = '<!-- endpoints:end -->';

const cell = (text: string) => text.replace(/\|/g, '\\|');

/** The endpoint table: every route, its permission, what it is checked on, audit and limits. */
export function generateEndpointTable(): string {
  const routes: Record<string, KubemateRoute> = kubemateRoutes;
  const rows = Object.entries(routes).map(([id, route]) => {
    const guard = ENDPOINT_SECURITY[id as KubemateRouteId];
    let permission = route.permission ?? '—';
    if (route.permission && !route.permission.includes(' ')) {
      permission = `\`${route.permission}\``;
    }
    return `| \`${route.method} ${route.path}\` | ${cell(permission)} | ${cell(
      guard.checkedOn,
    )} | ${cell(guard.audited)} | ${cell(guard.limits)} |`;
  });
  return [
    TABLE_START,
    '<!-- prettier-ignore-start -->',
    '<!-- Generated from the contract (yarn workspace @kubemate/plugin-kubemate-common docs:api): edit src/contract/docs/endpointSecurity.ts. -->',
    '',
    'Paths are under `/api/kubemate`. Every route but the health check needs a signed-in user or an allowed service token; a missing permission is a `403`.',
    '',
    '| Endpoint | Permission | Checked on | Audited | Limits |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
    '<!-- prettier-ignore-end -->',
    '',
    TABLE_END,
  ].join('\n');
}

/** docs/security.md with its endpoint table regenerated. */
export function withEndpointTable(securityDocs: string): string {
  const start = securityDocs.indexOf(TABLE_START);
  const end = securityDocs.indexOf(TABLE_END);
  if (start < 0 || end < start) {
    throw new Error(
      `docs/security.md has no ${TABLE_START} … ${TABLE_END} section`,
    );
  }
  return (
    securityDocs.slice(0, start) +
    generateEndpointTable() +
    securityDocs.slice(end + TABLE_END.length)
  );
}

if (require.main === module) {
  fs.writeFileSync(API_DOCS_PATH, generateApiDocs());
  process.stdout.write(`wrote ${API_DOCS_PATH}\n`);
  fs.writeFileSync(
    SECURITY_DOCS_PATH,
    withEndpointTable(fs.readFileSync(SECURITY_DOCS_PATH, 'utf8')),
  );
  process.stdout.write(`wrote the endpoint table of ${SECURITY_DOCS_PATH}\n`);
}
