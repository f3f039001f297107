import { errors } from './errors';
import { KObject, isObject } from '../util/types';

export type Requirement =
  | { key: string; op: 'eq' | 'neq'; values: [string] }
  | { key: string; op: 'in' | 'notin'; values: string[] }
  | { key: string; op: 'exists' | 'notexists'; values: [] };

export type LabelSelector = Requirement[];

/** Matches labels against parsed requirements; `!=`/`notin` also match objects lacking the key. */
export function matchLabels(
  sel: LabelSelector,
  labels: Record<string, string> | undefined,
): boolean {
  for (const r of sel) {
    const has =
      labels !== undefined &&
      Object.prototype.hasOwnProperty.call(labels, r.key);
    const v = has ? labels![r.key] : undefined;
    switch (r.op) {
      case 'eq':
        if (!has || v !== r.values[0]) return false;
        break;
      case 'neq':
        if (has && v === r.values[0]) return false;
        break;
      case 'in':
        if (!has || !r.values.includes(v!)) return false;
        break;
      case 'notin':
        if (has && r.values.includes(v!)) return false;
        break;
      case 'exists':
        if (!has) return false;
        break;
      case 'notexists':
        if (has) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

type Tok = {
  t: 'id' | 'op' | 'lp' | 'rp' | 'comma' | 'not' | 'end';
  v: string;
};

function lex(s: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    if (c === ' ' || c === '\t') {
      i++;
      continue;
    }
    if (c === ',') {
      toks.push({ t: 'comma', v: ',' });
      i++;
    } else if (c === '(') {
      toks.push({ t: 'lp', v: '(' });
      i++;
    } else if (c === ')') {
      toks.push({ t: 'rp', v: ')' });
      i++;
    } else if (s.startsWith('==', i)) {
      toks.push({ t: 'op', v: '==' });
      i += 2;
    } else if (s.startsWith('!=', i)) {
      toks.push({ t: 'op', v: '!=' });
      i += 2;
    } else if (c === '=') {
      toks.push({ t: 'op', v: '=' });
      i++;
    } else if (c === '!') {
      toks.push({ t: 'not', v: '!' });
      i++;
    } else {
      let j = i;
      while (j < s.length && !' \t,()=!'.includes(s[j])) j++;
      toks.push({ t: 'id', v: s.slice(i, j) });
      i = j;
    }
  }
  toks.push({ t: 'end', v: '' });
  return toks;
}

const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** Parses the labelSelector query syntax, with the apiserver's error messages. */
export function parseLabelSelector(input: string | undefined): LabelSelector {
  if (!input || !input.trim()) return [];
  const toks = lex(input);
  let p = 0;
  const reqs: LabelSelector = [];
  const fail = (m: string) => {
    throw errors.badRequest(m);
  };
  const show = (t: Tok) => (t.t === 'end' ? '' : t.v);
  for (;;) {
    let t = toks[p];
    if (t.t === 'not') {
      p++;
      const k = toks[p];
      if (k.t !== 'id')
        fail(
          `unable to parse requirement: found '${show(
            k,
          )}', expected: identifier`,
        );
      p++;
      reqs.push({ key: k.v, op: 'notexists', values: [] });
    } else if (t.t === 'id') {
      const key = t.v;
      p++;
      t = toks[p];
      if (t.t === 'comma' || t.t === 'end') {
        reqs.push({ key, op: 'exists', values: [] });
      } else if (t.t === 'op') {
        p++;
        const v = toks[p];
        let value = '';
        if (v.t === 'id') {
          value = v.v;
          p++;
        }
        if (!LABEL_VALUE.test(value))
          fail(`unable to parse requirement: invalid label value: "${value}"`);
        reqs.push({ key, op: t.v === '!=' ? 'neq' : 'eq', values: [value] });
      } else if (t.t === 'id' && (t.v === 'in' || t.v === 'notin')) {
        const op = t.v as 'in' | 'notin';
        p++;
        if (toks[p].t !== 'lp')
          fail(
            `unable to parse requirement: found '${show(
              toks[p],
            )}', expected: '('`,
          );
        p++;
        const values: string[] = [];
        for (;;) {
          const v = toks[p];
          if (v.t === 'id') {
            values.push(v.v);
            p++;
          } else if (v.t === 'rp' && values.length === 0) {
            break;
          }
          const sep = toks[p];
          if (sep.t === 'comma') {
            p++;
            continue;
          }
          if (sep.t === 'rp') break;
          fail(
            `unable to parse requirement: found '${show(
              sep,
            )}', expected: ',' or ')'`,
          );
        }
        p++;
        reqs.push({ key, op, values });
      } else {
        fail(
          `unable to parse requirement: found '${show(
            t,
          )}', expected: in, notin, =, ==, !=, gt, lt`,
        );
      }
    } else {
      fail(`found '${show(t)}', expected: !, identifier, or 'end of string'`);
    }
    t = toks[p];
    if (t.t === 'end') break;
    if (t.t !== 'comma')
      fail(`found '${show(t)}', expected: ',' or 'end of string'`);
    p++;
  }
  return reqs;
}

export interface LabelSelectorObject {
  matchLabels?: Record<string, string>;
  matchExpressions?: Array<{
    key: string;
    operator: string;
    values?: string[];
  }>;
}

/** Converts a metav1.LabelSelector into requirements. An empty selector matches everything. */
export function fromSelectorObject(
  sel: LabelSelectorObject | undefined | null,
): LabelSelector {
  const out: LabelSelector = [];
  if (!sel) return out;
  for (const [k, v] of Object.entries(sel.matchLabels ?? {}))
    out.push({ key: k, op: 'eq', values: [v] });
  for (const e of sel.matchExpressions ?? []) {
    const op = e.operator;
    if (op === 'In') out.push({ key: e.key, op: 'in', values: e.values ?? [] });
    else if (op === 'NotIn')
      out.push({ key: e.key, op: 'notin', values: e.values ?? [] });
    else if (op === 'Exists')
      out.push({ key: e.key, op: 'exists', values: [] });
    else if (op === 'DoesNotExist')
      out.push({ key: e.key, op: 'notexists', values: [] });
  }
  return out;
}

export function selectorObjectToString(
  sel: LabelSelectorObject | undefined | null,
): string {
  if (!sel) return '';
  const parts: string[] = [];
  for (const [k, v] of Object.entries(sel.matchLabels ?? {}))
    parts.push(`${k}=${v}`);
  for (const e of sel.matchExpressions ?? []) {
    if (e.operator === 'In')
      parts.push(`${e.key} in (${(e.values ?? []).join(',')})`);
    else if (e.operator === 'NotIn')
      parts.push(`${e.key} notin (${(e.values ?? []).join(',')})`);
    else if (e.operator === 'Exists') parts.push(e.key);
    else if (e.operator === 'DoesNotExist') parts.push(`!${e.key}`);
  }
  return parts.sort().join(',');
}

export function mapSelectorToString(
  sel: Record<string, string> | undefined,
): string {
  if (!sel) return '';
  return Object.keys(sel)
    .sort()
    .map(k => `${k}=${sel[k]}`)
    .join(',');
}

// ---------- field selectors ----------

export interface FieldRequirement {
  field: string;
  op: 'eq' | 'neq';
  value: string;
}

/** Field labels each resource supports beyond metadata.name / metadata.namespace. */
const FIELD_LABELS: Record<string, string[]> = {
  pods: [
    'spec.nodeName',
    'spec.restartPolicy',
    'spec.schedulerName',
    'spec.serviceAccountName',
    'status.phase',
    'status.podIP',
    'status.podIPs',
    'status.nominatedNodeName',
  ],
  events: [
    'involvedObject.kind',
    'involvedObject.namespace',
    'involvedObject.name',
    'involvedObject.uid',
    'involvedObject.apiVersion',
    'involvedObject.resourceVersion',
    'involvedObject.fieldPath',
    'reason',
    'reportingComponent',
    'source',
    'type',
  ],
  secrets: ['type'],
  namespaces: ['status.phase'],
  nodes: ['spec.unschedulable'],
  jobs: ['status.successful'],
  replicasets: ['status.replicas'],
  replicationcontrollers: ['status.replicas'],
};

export function parseFieldSelector(
  input: string | undefined,
  plural: string,
): FieldRequirement[] {
  if (!input || !input.trim()) return [];
  const reqs: FieldRequirement[] = [];
  for (const part of input.split(',')) {
    const m = /^([^=!]+)(==|!=|=)(.*)$/.exec(part.trim());
    if (!m)
      throw errors.badRequest(
        `invalid selector: '${input}'; can't understand '${part}'`,
      );
    const field = m[1].trim();
    const extra = FIELD_LABELS[plural];
    const allowed = ['metadata.name', 'metadata.namespace', ...(extra ?? [])];
    if (!allowed.includes(field)) {
      if (extra) throw errors.badRequest(`field label not supported: ${field}`);
      throw errors.badRequest(
        `"${field}" is not a known field selector: only "metadata.name", "metadata.namespace"`,
      );
    }
    reqs.push({ field, op: m[2] === '!=' ? 'neq' : 'eq', value: m[3] });
  }
  return reqs;
}

function fieldValue(obj: KObject, field: string): string {
  if (field === 'source') {
    const src = (obj as { source?: { component?: string } }).source;
    return src?.component ?? '';
  }
  let cur: unknown = obj;
  for (const seg of field.split('.')) {
    if (!isObject(cur)) return '';
    cur = cur[seg];
  }
  if (cur === undefined || cur === null) return '';
  return String(cur);
}

export function matchFields(reqs: FieldRequirement[], obj: KObject): boolean {
  for (const r of reqs) {
    const v = fieldValue(obj, r.field);
    if (r.op === 'eq' ? v !== r.value : v === r.value) return false;
  }
  return true;
}
