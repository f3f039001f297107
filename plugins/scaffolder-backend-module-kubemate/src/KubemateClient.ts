import type {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';

/** Default deadline of one call to the Kubemate backend. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

/**
 * Calls the Kubemate backend as the user running the template: a plugin request token on
 * behalf of the initiator, so Kubemate checks that user's permissions and tenancy and audits
 * them. Cluster credentials never leave the Kubemate backend. Every call has a deadline.
 */
export class KubemateClient {
  constructor(
    private readonly deps: {
      discovery: DiscoveryService;
      auth: AuthService;
      requestTimeoutMs?: number;
    },
  ) {}

  /** GET of a Kubemate path, as `post` (deadline, user's token). */
  get<T>(
    path: string,
    options: { credentials: BackstageCredentials; signal?: AbortSignal },
  ): Promise<T> {
    return this.post<T>(path, undefined, options, 'GET');
  }

  async post<T>(
    path: string,
    body: unknown,
    options: {
      credentials: BackstageCredentials;
      /** Added to the request timeout (e.g. a rollout wait the server does). */
      extraTimeoutMs?: number;
      signal?: AbortSignal;
    },
    method: 'GET' | 'POST' = 'POST',
  ): Promise<T> {
    const base = await this.deps.discovery.getBaseUrl('kubemate');
    const { token } = await this.deps.auth.getPluginRequestToken({
      onBehalfOf: options.credentials,
      targetPluginId: 'kubemate',
    });
    const timeoutMs =
      (this.deps.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS) +
      (options.extraTimeoutMs ?? 0);
    const signals = [AbortSignal.timeout(timeoutMs)];
    if (options.signal) signals.push(options.signal);
    let response: Response;
    try {
      response = await fetch(`${base}${path}`, {
        method,
        headers: {
          ...(method === 'POST' ? { 'Content-Type': 'application/json' } : {}),
          Authorization: `Bearer ${token}`,
        },
        ...(method === 'POST' ? { body: JSON.stringify(body) } : {}),
        signal: AbortSignal.any(signals),
      });
    } catch (e) {
      if ((e as Error).name === 'TimeoutError') {
        throw new Error(
          `Kubemate did not answer ${method} ${path} within ${Math.round(
            timeoutMs / 1000,
          )} s`,
        );
      }
      throw new Error(
        `Kubemate could not be reached for ${method} ${path}: ${
          (e as Error).message
        }`,
      );
    }
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return (await response.json()) as T;
  }
}

/** One line for the step log of a failed call: Kubemate's message and its field issues. */
export function explain(e: unknown): string {
  if (e instanceof ResponseError) {
    const body = e.body as {
      issues?: Array<{ path: string; message: string }>;
    };
    const issues = (body as { issues?: unknown }).issues
      ? `\n${body
          .issues!.map(i => `  ${i.path || '(route)'}: ${i.message}`)
          .join('\n')}`
      : '';
    return `Kubemate refused (${e.statusCode}): ${e.body.error.message}${issues}`;
  }
  return (e as Error).message;
}

/** A path segment, escaped. */
export const seg = (s: string) => encodeURIComponent(s);
