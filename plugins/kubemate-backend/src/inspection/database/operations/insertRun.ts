import type { Knex } from 'knex';
import { NewRunRow, RUNS } from '../rows';

/** Records a run that starts now (status running). */
export async function insertRun(db: Knex, row: NewRunRow): Promise<void> {
  await db(RUNS).insert(row);
}
