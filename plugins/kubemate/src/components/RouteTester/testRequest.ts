import type { RouteTestBody } from '@kubemate/plugin-kubemate-common';

/** A header or query parameter row of the form; rows with an empty name are ignored. */
export type KeyValueRow = { key: string; value: string };

/** What is wrong with a request path, as the contract checks it. */
export function pathError(path: string): string | undefined {
  if (!path) return 'Required';
  if (!path.startsWith('/')) return 'Must start with /';
  return undefined;
}

/** The rows as a record, or undefined when no row has a name (the field is then left out). */
export function recordOf(
  rows: KeyValueRow[],
): Record<string, string> | undefined {
  const named = rows.filter(r => r.key.trim());
  if (!named.length) return undefined;
  return Object.fromEntries(named.map(r => [r.key.trim(), r.value]));
}

/** The tester's request from the form: blank fields are left out rather than sent empty. */
export function testRequestOf(form: {
  host: string;
  path: string;
  method: string;
  headers: KeyValueRow[];
  query: KeyValueRow[];
}): RouteTestBody['request'] {
  const headers = recordOf(form.headers);
  const query = recordOf(form.query);
  return {
    path: form.path,
    ...(form.host.trim() ? { host: form.host.trim() } : {}),
    ...(form.method ? { method: form.method } : {}),
    ...(headers ? { headers } : {}),
    ...(query ? { query } : {}),
  };
}
