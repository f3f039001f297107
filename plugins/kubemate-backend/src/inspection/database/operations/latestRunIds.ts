import type { Knex } from 'knex';
import { RUNS } from '../rows';

/** Latest succeeded run of each (cluster, source), optionally of one cluster. */
export async function latestRunIds(
  db: Knex,
  cluster?: string,
): Promise<string[]> {
  const q = db(`${RUNS} as r`)
    .select('r.id')
    .where('r.status', 'succeeded')
    .whereNotExists(function newer() {
      this.select(1)
        .from(`${RUNS} as n`)
        .whereRaw('n.cluster = r.cluster')
        .whereRaw('n.source = r.source')
        .where('n.status', 'succeeded')
        .where(b =>
          b
            .whereRaw('n.started_at > r.started_at')
            .orWhere(c =>
              c.whereRaw('n.started_at = r.started_at').whereRaw('n.id > r.id'),
            ),
        );
    });
  if (cluster) q.where('r.cluster', cluster);
  const rows: Array<{ id: string }> = await q;
  return rows.map(row => row.id);
}
