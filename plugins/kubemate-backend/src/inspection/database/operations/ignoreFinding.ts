import { ConflictError, NotFoundError } from '@backstage/errors';
import type { Knex } from 'knex';
import type { FindingState } from '../../InspectionStore';
import { resumeState } from '../../reconcile';
import { isPostgres } from '../dialect';
import {
  FindingRow,
  FINDINGS,
  NewTransitionRow,
  NOT_IGNORED,
  TRANSITIONS,
} from '../rows';
import type { ValidIgnore } from '../validation';

/** The finding's row, locked on PostgreSQL until the transaction ends. */
async function lockFinding(
  trx: Knex.Transaction,
  fingerprint: string,
): Promise<FindingRow> {
  let q = trx<FindingRow>(FINDINGS).where({ fingerprint });
  if (isPostgres(trx)) q = q.forUpdate();
  const row = await q.first();
  if (!row)
    throw new NotFoundError(`No finding with fingerprint ${fingerprint}`);
  return row;
}

/**
 * A person ignores a finding (again: the new reason replaces the old one). It keeps the state
 * an unignore returns to; the transition records who, why and until when.
 */
export async function ignoreFinding(
  db: Knex,
  fingerprint: string,
  input: ValidIgnore,
  now: Date,
): Promise<void> {
  await db.transaction(async trx => {
    const row = await lockFinding(trx, fingerprint);
    const again = row.state === 'ignored';
    await trx(FINDINGS)
      .where({ fingerprint })
      .update({
        state: 'ignored',
        resume_state: again ? row.resume_state : row.state,
        state_changed_at: again ? row.state_changed_at : now,
        ignored_reason: input.reason,
        ignored_comment: input.comment ?? null,
        ignored_by: input.actor,
        ignored_at: now,
        ignored_until: input.until ?? null,
      });
    const transition: NewTransitionRow = {
      fingerprint,
      cluster: row.cluster,
      from_state: row.state,
      to_state: 'ignored',
      actor: input.actor,
      at: now,
      run_id: null,
      reason: input.reason,
      comment: input.comment ?? null,
    };
    await trx(TRANSITIONS).insert(transition);
  });
}

/** A person ends an ignore: the finding returns to where it really is. */
export async function unignoreFinding(
  db: Knex,
  fingerprint: string,
  actor: string,
  now: Date,
): Promise<void> {
  await db.transaction(async trx => {
    const row = await lockFinding(trx, fingerprint);
    if (row.state !== 'ignored') {
      throw new ConflictError(
        `Finding ${fingerprint} is ${row.state}, not ignored`,
      );
    }
    const to = resumeState(row.resume_state as FindingState | null);
    await trx(FINDINGS)
      .where({ fingerprint })
      .update({
        state: to,
        resume_state: null,
        state_changed_at: now,
        ...NOT_IGNORED,
      });
    const transition: NewTransitionRow = {
      fingerprint,
      cluster: row.cluster,
      from_state: 'ignored',
      to_state: to,
      actor,
      at: now,
      run_id: null,
      reason: 'unignored',
    };
    await trx(TRANSITIONS).insert(transition);
  });
}
