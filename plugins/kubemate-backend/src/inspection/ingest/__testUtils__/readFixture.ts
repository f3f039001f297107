import * as fs from 'node:fs';
import * as path from 'node:path';

/** Test-only: a fresh parse of a JSON report in `ingest/__fixtures__` (tests may mutate it). */
export function readFixture(file: string): any {
  return JSON.parse(
    fs.readFileSync(path.join(__dirname, '..', '__fixtures__', file), 'utf8'),
  );
}
