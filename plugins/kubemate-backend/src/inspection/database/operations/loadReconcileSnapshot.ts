import type { Knex } from 'knex';
import type { SnapshotRow } from '../../reconcile';
import { FINDINGS } from '../rows';

/** A cluster's stored findings as reconciliation sees them (one query, no per-finding reads). */
export async function loadReconcileSnapshot(
  db: Knex,
  cluster: string,
): Promise<SnapshotRow[]> {
  return db(FINDINGS)
    .where({ cluster })
    .select(
      'fingerprint',
      'state',
      'resume_state',
      'ignored_until',
      'rule_id',
      'namespace',
      'host',
      'content_hash',
    );
}
