import type { DatabaseService } from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';
import type {
  AuditEvent,
  AuditIntent,
  AuditLogStore,
  AuditOutcome,
  AuditQuery,
  AuditRecord,
} from './AuditLogStore';

const TABLE = 'kubemate_audit_events';

interface Row {
  id: string | number;
  at: Date | string | number;
  actor: string;
  entity_ref: string | null;
  cluster: string | null;
  namespace: string | null;
  kind: string | null;
  name: string | null;
  operation: string;
  parameters: string | null;
  result: AuditEvent['result'];
  error: string | null;
  before_yaml: string | null;
  after_yaml: string | null;
}

export class DatabaseAuditLogStore implements AuditLogStore {
  private constructor(private readonly db: Knex) {}

  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseAuditLogStore> {
    return new DatabaseAuditLogStore(await options.database.getClient());
  }

  async record(e: AuditEvent): Promise<void> {
    await this.db(TABLE).insert(this.row(e));
  }

  async begin(intent: AuditIntent): Promise<string> {
    const [inserted] = await this.db(TABLE)
      .insert(this.row({ ...intent, result: 'pending' }))
      .returning('id');
    // pg answers { id }, SQLite the same or the bare id depending on the driver.
    const id: unknown =
      typeof inserted === 'object' && inserted !== null
        ? (inserted as { id: unknown }).id
        : inserted;
    if (id === undefined || id === null) {
      throw new Error('The audit store did not return the id of the record');
    }
    return String(id);
  }

  async complete(id: string, outcome: AuditOutcome): Promise<void> {
    const updated = await this.db(TABLE)
      .where({ id, result: 'pending' })
      .update({
        result: outcome.result,
        error: outcome.error ?? null,
        after_yaml: outcome.afterYaml ?? null,
      });
    if (updated !== 1) {
      throw new Error(`No pending audit record with id ${id}`);
    }
  }

  private row(e: AuditEvent) {
    return {
      at: e.at,
      actor: e.actor,
      entity_ref: e.entityRef ?? null,
      cluster: e.cluster ?? null,
      namespace: e.namespace ?? null,
      kind: e.kind ?? null,
      name: e.name ?? null,
      operation: e.operation,
      parameters: e.parameters ? JSON.stringify(e.parameters) : null,
      result: e.result,
      error: e.error ?? null,
      before_yaml: e.beforeYaml ?? null,
      after_yaml: e.afterYaml ?? null,
    };
  }

  async list(q: AuditQuery): Promise<{ items: AuditRecord[]; total: number }> {
    const filtered = () => {
      const query = this.db<Row>(TABLE);
      const equal = {
        entity_ref: q.entityRef,
        actor: q.actor,
        cluster: q.cluster,
        namespace: q.namespace,
        kind: q.kind,
        name: q.name,
        operation: q.operation,
        result: q.result,
      };
      for (const [column, value] of Object.entries(equal)) {
        if (value !== undefined) query.where(column, value);
      }
      if (q.since) query.where('at', '>=', q.since);
      if (q.until) query.where('at', '<', q.until);
      return query;
    };
    const [{ count }] = await filtered().count({ count: '*' });
    const rows: Row[] = await filtered()
      .select()
      .orderBy([
        { column: 'at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(q.limit)
      .offset(q.offset);
    return {
      total: Number(count),
      items: rows.map(r => ({
        id: String(r.id),
        at: new Date(r.at),
        actor: r.actor,
        ...(r.entity_ref ? { entityRef: r.entity_ref } : {}),
        ...(r.cluster ? { cluster: r.cluster } : {}),
        ...(r.namespace ? { namespace: r.namespace } : {}),
        ...(r.kind ? { kind: r.kind } : {}),
        ...(r.name ? { name: r.name } : {}),
        operation: r.operation,
        ...(r.parameters ? { parameters: JSON.parse(r.parameters) } : {}),
        result: r.result,
        ...(r.error ? { error: r.error } : {}),
        ...(r.before_yaml ? { beforeYaml: r.before_yaml } : {}),
        ...(r.after_yaml ? { afterYaml: r.after_yaml } : {}),
      })),
    };
  }
}
