import { InputError } from '@backstage/errors';

/**
 * A report body as posted, whatever its content type: one JSON document (the json callbacks,
 * the generic format) or JSON Lines (the `ansible.posix.jsonl` callback, one event a line),
 * told apart by content. JSON Lines become the array of their objects.
 */
export function decodeReportBody(body: string): unknown {
  const trimmed = body.trim();
  if (!trimmed)
    throw new InputError('Expected a report body (JSON or JSON Lines)');
  let documentError: string;
  try {
    return JSON.parse(trimmed);
  } catch (e) {
    documentError = (e as Error).message;
  }
  const lines = trimmed.split(/\r?\n/);
  if (lines.length < 2) {
    throw new InputError(`Invalid JSON report: ${documentError}`);
  }
  return lines
    .map((line, i) => ({ line: line.trim(), n: i + 1 }))
    .filter(({ line }) => line)
    .map(({ line, n }) => {
      try {
        return JSON.parse(line);
      } catch (e) {
        throw new InputError(
          `Invalid report: neither one JSON document (${documentError}) nor JSON Lines (line ${n}: ${
            (e as Error).message
          })`,
        );
      }
    });
}
