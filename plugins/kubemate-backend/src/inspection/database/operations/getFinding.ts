import { NotFoundError } from '@backstage/errors';
import type { Knex } from 'knex';
import type { Finding } from '../../InspectionStore';
import { rowToFinding } from '../mapRows';
import { FindingRow, FINDINGS } from '../rows';
import { listTransitions } from './listTransitions';

/** One finding with its whole history. */
export async function getFinding(
  db: Knex,
  fingerprint: string,
): Promise<Finding> {
  const row = await db<FindingRow>(FINDINGS).where({ fingerprint }).first();
  if (!row)
    throw new NotFoundError(`No finding with fingerprint ${fingerprint}`);
  const finding = rowToFinding(row);
  finding.history =
    (await listTransitions(db, [fingerprint])).get(fingerprint) ?? [];
  return finding;
}
