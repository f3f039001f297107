import { Simulator } from '../simulator';

export interface ApiResponse<T = any> {
  // eslint-disable-line @typescript-eslint/no-explicit-any
  status: number;
  body: T;
  text: string;
  headers: Headers;
}

/** A tiny JSON client for tests (the simulator runs with tls: false in unit tests). */
export function api(sim: Simulator, token = sim.token) {
  const call = async (
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiResponse> => {
    const h: Record<string, string> = {
      Accept: 'application/json',
      ...headers,
    };
    if (token) h.Authorization = `Bearer ${token}`;
    let payload: string | undefined;
    if (body !== undefined) {
      payload = typeof body === 'string' ? body : JSON.stringify(body);
      h['Content-Type'] ??= 'application/json';
    }
    const res = await fetch(`${sim.url}${path}`, {
      method,
      headers: h,
      body: payload,
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON */
    }
    return { status: res.status, body: parsed, text, headers: res.headers };
  };
  return {
    get: (p: string, headers?: Record<string, string>) =>
      call('GET', p, undefined, headers),
    post: (p: string, b: unknown, headers?: Record<string, string>) =>
      call('POST', p, b, headers),
    put: (p: string, b: unknown) => call('PUT', p, b),
    patch: (p: string, b: unknown, type = 'application/merge-patch+json') =>
      call('PATCH', p, b, { 'Content-Type': type }),
    del: (p: string, b?: unknown) => call('DELETE', p, b),
    /** Reads a watch stream for `ms` and returns the parsed events. */
    watch: async (
      p: string,
      ms: number,
      during?: () => Promise<void>,
      headers: Record<string, string> = {},
    ) => {
      const ctrl = new AbortController();
      const h: Record<string, string> = {
        Accept: 'application/json',
        ...headers,
      };
      if (token) h.Authorization = `Bearer ${token}`;
      const res = await fetch(`${sim.url}${p}`, {
        headers: h,
        signal: ctrl.signal,
      });
      const events: any[] = []; // eslint-disable-line @typescript-eslint/no-explicit-any
      let buf = '';
      const reader = res.body!.getReader();
      const timer = setTimeout(() => ctrl.abort(), ms);
      const pump = (async () => {
        try {
          for (;;) {
            const { done, value } = await reader.read();
            if (done) break;
            buf += Buffer.from(value).toString('utf8');
            for (let i = buf.indexOf('\n'); i >= 0; i = buf.indexOf('\n')) {
              events.push(JSON.parse(buf.slice(0, i)));
              buf = buf.slice(i + 1);
            }
          }
        } catch {
          /* aborted */
        }
      })();
      if (during) await during();
      await pump;
      clearTimeout(timer);
      return { status: res.status, events };
    },
  };
}

export async function waitFor<T>(
  fn: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 5000,
  what = 'condition',
): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise(r => setTimeout(r, 20));
  }
}
