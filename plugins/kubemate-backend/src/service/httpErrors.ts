/**
 * Errors @backstage/errors lacks. Backstage's error middleware answers with an error's
 * `statusCode`, so throwing one of these anywhere in the plugin gives its status.
 */

/** 504: a dependency (a cluster's API server, the catalog) did not answer in time. */
export class GatewayTimeoutError extends Error {
  readonly name = 'GatewayTimeoutError';
  readonly statusCode = 504;
}

/** 429: the caller already uses as much of something as one user may (e.g. followed logs). */
export class TooManyRequestsError extends Error {
  readonly name = 'TooManyRequestsError';
  readonly statusCode = 429;
}

/** Whether `error` is the abort of a request because its deadline passed. */
export function isAbortError(error: unknown): boolean {
  const name = (error as { name?: unknown } | undefined)?.name;
  return name === 'AbortError' || name === 'TimeoutError';
}
