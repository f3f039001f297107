import type { DatabaseService } from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';
import type { ClusterVersion } from '@kubemate/plugin-kubemate-common';
import type {
  ClusterProbeResult,
  ClusterStatusStore,
  StoredClusterStatus,
} from './ClusterStatusStore';

const TABLE = 'kubemate_cluster_status';
interface Row {
  cluster_name: string;
  reachable: boolean | number;
  git_version: string | null;
  version_json: string | null;
  error: string | null;
  latency_ms: number | null;
  checked_at: Date | string;
  last_seen_at: Date | string | null;
}

export class DatabaseClusterStatusStore implements ClusterStatusStore {
  private constructor(private readonly db: Knex) {}

  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseClusterStatusStore> {
    return new DatabaseClusterStatusStore(await options.database.getClient());
  }

  static fromKnex(db: Knex): DatabaseClusterStatusStore {
    return new DatabaseClusterStatusStore(db);
  }

  async record(results: ClusterProbeResult[]): Promise<void> {
    if (results.length === 0) return;
    const rows = results.map(r => ({
      cluster_name: r.clusterName,
      reachable: r.reachable,
      git_version: r.version?.gitVersion ?? null,
      version_json: r.version ? JSON.stringify(r.version) : null,
      error: r.error ?? null,
      latency_ms: r.latencyMs ?? null,
      checked_at: r.checkedAt,
      last_seen_at: r.reachable ? r.checkedAt : null,
    }));
    // One statement for the whole batch; an unreachable probe keeps the old last_seen_at.
    await this.db(TABLE)
      .insert(rows)
      .onConflict('cluster_name')
      .merge({
        reachable: this.db.raw('excluded.reachable'),
        git_version: this.db.raw('excluded.git_version'),
        version_json: this.db.raw('excluded.version_json'),
        error: this.db.raw('excluded.error'),
        latency_ms: this.db.raw('excluded.latency_ms'),
        checked_at: this.db.raw('excluded.checked_at'),
        last_seen_at: this.db.raw(
          `coalesce(excluded.last_seen_at, ${TABLE}.last_seen_at)`,
        ),
      });
  }

  async list(): Promise<StoredClusterStatus[]> {
    const rows: Row[] = await this.db(TABLE).select().orderBy('cluster_name');
    return rows.map(row => ({
      clusterName: row.cluster_name,
      reachable: Boolean(row.reachable),
      version: row.version_json
        ? (JSON.parse(row.version_json) as ClusterVersion)
        : undefined,
      error: row.error ?? undefined,
      latencyMs: row.latency_ms ?? undefined,
      checkedAt: new Date(row.checked_at),
      lastSeenAt: row.last_seen_at ? new Date(row.last_seen_at) : undefined,
    }));
  }
}
