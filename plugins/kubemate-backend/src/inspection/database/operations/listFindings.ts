import { InputError } from '@backstage/errors';
import type { Knex } from 'knex';
import {
  Finding,
  FINDING_SORT_FIELDS,
  FINDING_STATES,
  FindingFilter,
  FindingSort,
  Page,
} from '../../InspectionStore';
import { clampLimit } from '../limits';
import { rowToFinding } from '../mapRows';
import { FindingRow, FINDINGS } from '../rows';
import { listTransitions } from './listTransitions';

const SORT_COLUMNS: Record<FindingSort['field'], string> = {
  severity: 'severity',
  state: 'state',
  ruleId: 'rule_id',
  category: 'category',
  namespace: 'namespace',
  name: 'name',
  kind: 'kind',
  firstSeenAt: 'first_seen_at',
  lastSeenAt: 'last_seen_at',
  stateChangedAt: 'state_changed_at',
};

const DEFAULT_ORDER: FindingSort[] = [
  { field: 'severity', order: 'desc' },
  { field: 'lastSeenAt', order: 'desc' },
];

function toArray<T>(v: T | T[] | undefined): T[] | undefined {
  if (v === undefined) return undefined;
  return Array.isArray(v) ? v : [v];
}

/** Findings that match the filter, sorted (ties by fingerprint) and paged, with the total. */
export async function listFindings(
  db: Knex,
  filter: FindingFilter = {},
  sort: FindingSort[] = [],
  page: Page & { includeHistory?: boolean } = {},
): Promise<{ items: Finding[]; total: number }> {
  for (const s of sort) {
    if (!FINDING_SORT_FIELDS.includes(s.field)) {
      throw new InputError(
        `Invalid sort field "${
          s.field
        }", expected one of ${FINDING_SORT_FIELDS.join(', ')}`,
      );
    }
  }
  for (const st of toArray(filter.state) ?? []) {
    if (!FINDING_STATES.includes(st))
      throw new InputError(`Invalid state "${st}"`);
  }
  const q = db<FindingRow>(FINDINGS);
  const inOrEq = (column: string, v: string | string[] | undefined) => {
    const values = toArray(v);
    if (values) q.whereIn(column, values);
  };
  if (filter.cluster) q.where('cluster', filter.cluster);
  inOrEq('severity', filter.severity);
  inOrEq('state', filter.state);
  inOrEq('rule_id', filter.ruleId);
  inOrEq('category', filter.category);
  inOrEq('namespace', filter.namespace);
  inOrEq('entity_ref', filter.entityRef);
  inOrEq('kind', filter.kind);
  if (filter.search) {
    const like = `%${filter.search
      .toLocaleLowerCase('en-US')
      .replace(/[%_\\]/g, c => `\\${c}`)}%`;
    q.where(b =>
      b
        .whereRaw(`lower(name) like ? escape '\\'`, [like])
        .orWhereRaw(`lower(title) like ? escape '\\'`, [like])
        .orWhereRaw(`lower(rule_id) like ? escape '\\'`, [like]),
    );
  }
  const [{ count }] = await q.clone().count({ count: '*' });
  for (const s of sort.length ? sort : DEFAULT_ORDER) {
    const dir = s.order === 'asc' ? 'asc' : 'desc';
    if (s.field === 'severity') {
      q.orderByRaw(
        `case severity when 'high' then 3 when 'medium' then 2 else 1 end ${dir}`,
      );
    } else {
      q.orderBy(SORT_COLUMNS[s.field], dir);
    }
  }
  q.orderBy('fingerprint', 'asc');
  const rows = await q
    .select()
    .limit(clampLimit(page.limit, 100))
    .offset(Math.max(0, page.offset ?? 0));
  const items = rows.map(rowToFinding);
  if (page.includeHistory !== false && items.length > 0) {
    const history = await listTransitions(
      db,
      items.map(i => i.fingerprint),
    );
    for (const item of items)
      item.history = history.get(item.fingerprint) ?? [];
  }
  return { items, total: Number(count) };
}
