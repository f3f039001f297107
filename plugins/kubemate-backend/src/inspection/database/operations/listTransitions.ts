import type { Knex } from 'knex';
import type { Transition } from '../../InspectionStore';
import { chunks, WHERE_IN_CHUNK } from '../limits';
import { rowToTransition } from '../mapRows';
import { TransitionRow, TRANSITIONS } from '../rows';

/** The history of each finding, oldest transition first. */
export async function listTransitions(
  db: Knex,
  fingerprints: string[],
): Promise<Map<string, Transition[]>> {
  const out = new Map<string, Transition[]>();
  for (const part of chunks(fingerprints, WHERE_IN_CHUNK)) {
    const rows: TransitionRow[] = await db(TRANSITIONS)
      .whereIn('fingerprint', part)
      .orderBy('id', 'asc');
    for (const row of rows) {
      const list = out.get(row.fingerprint) ?? [];
      list.push(rowToTransition(row));
      out.set(row.fingerprint, list);
    }
  }
  return out;
}
