import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';

/**
 * Turns an error from the Kubernetes API into the matching Backstage error, keeping the API
 * server's own message (which names the object) — never a generic 500 for a 4xx.
 */
export function toBackstageError(error: unknown, what: string): Error {
  const e = error as { code?: number; body?: unknown; message?: string };
  if (typeof e?.code !== 'number') {
    return error instanceof Error ? error : new Error(String(error));
  }
  let message = e.message ?? `HTTP ${e.code}`;
  try {
    const body = typeof e.body === 'string' ? JSON.parse(e.body) : e.body;
    if (body && typeof body === 'object' && 'message' in body)
      message = String(body.message);
  } catch {
    // not a Status body; keep the client's message
  }
  const text = `${what}: ${message}`;
  switch (e.code) {
    case 400:
    case 422:
      return new InputError(text);
    case 403:
      return new NotAllowedError(text);
    case 404:
      return new NotFoundError(text);
    case 409:
      return new ConflictError(text);
    case 502:
    case 503:
    case 504:
      return new ServiceUnavailableError(text);
    default:
      return new Error(text);
  }
}
