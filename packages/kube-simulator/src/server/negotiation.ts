import YAML from 'yaml';
import { errors } from '../api/errors';

export interface Negotiated {
  format: 'json' | 'yaml';
  /** meta.k8s.io transformation: Table, PartialObjectMetadata(List). */
  as?: 'Table' | 'PartialObjectMetadata' | 'PartialObjectMetadataList';
  asVersion?: string;
  /** Aggregated discovery (apidiscovery.k8s.io). */
  discovery?: string;
}

interface MediaRange {
  type: string;
  params: Record<string, string>;
}

function parseMediaRanges(accept: string): MediaRange[] {
  return accept
    .split(',')
    .map(s => s.trim())
    .filter(Boolean)
    .map(s => {
      const [type, ...ps] = s.split(';').map(x => x.trim());
      const params: Record<string, string> = {};
      for (const p of ps) {
        const i = p.indexOf('=');
        if (i > 0) params[p.slice(0, i).trim()] = p.slice(i + 1).trim();
      }
      return { type: type.toLowerCase(), params };
    });
}

/** Chooses the response representation from the Accept header, like the apiserver's negotiator. */
export function negotiate(
  accept: string | undefined,
  opts: { discovery?: boolean } = {},
): Negotiated {
  if (!accept) return { format: 'json' };
  const ranges = parseMediaRanges(accept);
  let sawTransform = false;
  for (const r of ranges) {
    const isJson = r.type === 'application/json';
    const isYaml = r.type === 'application/yaml';
    if (!isJson && !isYaml) {
      if (r.type === '*/*' || r.type === 'application/*')
        return { format: 'json' };
      continue;
    }
    const as = r.params.as;
    if (!as) return { format: isJson ? 'json' : 'yaml' };
    sawTransform = true;
    const g = r.params.g;
    const v = r.params.v;
    if (
      g === 'apidiscovery.k8s.io' &&
      as === 'APIGroupDiscoveryList' &&
      opts.discovery &&
      (v === 'v2' || v === 'v2beta1')
    ) {
      return { format: 'json', discovery: v };
    }
    if (
      g === 'meta.k8s.io' &&
      (v === 'v1' || v === 'v1beta1') &&
      (as === 'Table' ||
        as === 'PartialObjectMetadata' ||
        as === 'PartialObjectMetadataList') &&
      !opts.discovery
    ) {
      return { format: isJson ? 'json' : 'yaml', as, asVersion: v };
    }
  }
  if (sawTransform) throw errors.notAcceptable();
  throw errors.notAcceptablePlain();
}

export type BodyType =
  | 'json'
  | 'yaml'
  | 'merge'
  | 'jsonpatch'
  | 'strategic'
  | 'apply'
  | 'protobuf';

export function bodyType(
  contentType: string | undefined,
): BodyType | undefined {
  const t = (contentType ?? '').split(';')[0].trim().toLowerCase();
  switch (t) {
    case 'application/json':
    case '':
      return 'json';
    case 'application/yaml':
    case 'application/x-yaml':
    case 'text/yaml':
      return 'yaml';
    case 'application/merge-patch+json':
      return 'merge';
    case 'application/json-patch+json':
      return 'jsonpatch';
    case 'application/strategic-merge-patch+json':
      return 'strategic';
    case 'application/vnd.kubernetes.protobuf':
      return 'protobuf';
    case 'application/apply-patch+yaml':
    case 'application/apply-patch+json':
      return 'apply';
    default:
      return undefined;
  }
}

export function encode(
  body: unknown,
  format: 'json' | 'yaml',
): { text: string; contentType: string } {
  if (format === 'yaml') {
    // sigs.k8s.io/yaml goes through JSON maps: sorted keys, sequences not indented, 1.1-style quoting
    const text = YAML.stringify(body, {
      aliasDuplicateObjects: false,
      sortMapEntries: true,
      indentSeq: false,
      version: '1.1',
    });
    return { text, contentType: 'application/yaml' };
  }
  return { text: JSON.stringify(body), contentType: 'application/json' };
}

export function parseYaml(text: string): unknown {
  return YAML.parse(text);
}
