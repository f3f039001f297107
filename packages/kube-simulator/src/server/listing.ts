import { ResourceDef } from '../api/registry';
import { errors, StatusError } from '../api/errors';
import {
  FieldRequirement,
  LabelSelector,
  matchFields,
  matchLabels,
  parseFieldSelector,
  parseLabelSelector,
} from '../api/selectors';
import { KObject } from '../util/types';

export interface ListOptions {
  labelSelector: LabelSelector;
  fieldSelector: FieldRequirement[];
  hasSelector: boolean;
  limit?: number;
  continueToken?: { rv: number; start: string };
  resourceVersion?: string;
  resourceVersionMatch?: string;
  watch: boolean;
  timeoutSeconds?: number;
  allowWatchBookmarks: boolean;
}

export function encodeContinue(rv: number, start: string): string {
  return Buffer.from(
    JSON.stringify({ v: 'meta.k8s.io/v1', rv, start: `${start}\u0000` }),
  ).toString('base64url');
}

function decodeContinue(token: string): { rv: number; start: string } {
  let parsed: { v?: string; rv?: number; start?: string };
  try {
    const raw = Buffer.from(token, 'base64url').toString('utf8');
    parsed = JSON.parse(raw);
  } catch (e) {
    const code = Buffer.from(token, 'base64url')[0] ?? 0;
    // Go's %q-style rendering of the offending byte
    const ch =
      code < 0x20 || (code >= 0x7f && code <= 0x9f)
        ? `\\u00${code.toString(16).padStart(2, '0')}`
        : String.fromCharCode(code);
    throw errors.badRequest(
      `invalid continue token: continue key is not valid: invalid character '${ch}' looking for beginning of value`,
    );
  }
  if (
    parsed.v !== 'meta.k8s.io/v1' ||
    typeof parsed.rv !== 'number' ||
    typeof parsed.start !== 'string'
  ) {
    throw errors.badRequest(
      'invalid continue token: continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)',
    );
  }
  return {
    rv: parsed.rv,
    start: parsed.start.endsWith('\u0000')
      ? parsed.start.slice(0, -1)
      : parsed.start,
  };
}

export function parseListOptions(
  q: URLSearchParams,
  def: ResourceDef,
): ListOptions {
  const limitRaw = q.get('limit');
  let limit: number | undefined;
  if (limitRaw !== null && limitRaw !== '') {
    if (!/^-?\d+$/.test(limitRaw))
      throw errors.badRequest(
        `strconv.ParseInt: parsing ${JSON.stringify(limitRaw)}: invalid syntax`,
      );
    limit = Number(limitRaw);
    if (limit <= 0) limit = undefined;
  }
  const ls = q.get('labelSelector') ?? '';
  const fs = q.get('fieldSelector') ?? '';
  const rv = q.get('resourceVersion') ?? undefined;
  const rvm = q.get('resourceVersionMatch') ?? undefined;
  if (rvm && !rv) {
    throw new StatusError(
      422,
      'Invalid',
      'ListOptions.meta.k8s.io "" is invalid: resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden unless resourceVersion is provided',
      {
        group: 'meta.k8s.io',
        kind: 'ListOptions',
        causes: [
          {
            reason: 'FieldValueForbidden',
            message:
              'Forbidden: resourceVersionMatch is forbidden unless resourceVersion is provided',
            field: 'resourceVersionMatch',
          },
        ],
      },
    );
  }
  const cont = q.get('continue');
  const watch = q.get('watch');
  const ts = q.get('timeoutSeconds');
  return {
    labelSelector: parseLabelSelector(ls),
    fieldSelector: parseFieldSelector(fs, def.plural),
    hasSelector: !!ls.trim() || !!fs.trim(),
    limit,
    continueToken: cont ? decodeContinue(cont) : undefined,
    resourceVersion: rv,
    resourceVersionMatch: rvm,
    watch: watch === 'true' || watch === '1',
    timeoutSeconds: ts ? Number(ts) : undefined,
    allowWatchBookmarks:
      q.get('allowWatchBookmarks') === 'true' ||
      q.get('allowWatchBookmarks') === '1',
  };
}

export function matches(opts: ListOptions, obj: KObject): boolean {
  return (
    matchLabels(opts.labelSelector, obj.metadata.labels) &&
    matchFields(opts.fieldSelector, obj)
  );
}
