import fs from 'fs';
import path from 'path';
import { Simulator, startSimulator, SimulatorOptions } from '../simulator';

/**
 * Replays the kube-apiserver golden recordings (golden/, copied from the shared k8s-golden set) against the simulator and
 * compares responses while ignoring the placeholders (<uid>, <rv:N>, <time>, <age>, <continue ...>).
 */

// The recordings live in the package so the protocol tests run wherever the repo is cloned.
export const GOLDEN_DIR =
  process.env.K8S_GOLDEN_DIR ?? path.resolve(__dirname, '../../golden');

export interface GoldenRecord {
  scenario: string;
  step: string;
  note?: string;
  client?: string;
  auth?: string;
  request?: {
    method: string;
    path: string;
    query: Record<string, string>;
    headers: Record<string, string>;
    body: unknown;
  };
  response?: { status: number; headers: Record<string, string>; body: unknown };
  data?: Record<string, unknown>;
}

export function goldenAvailable(): boolean {
  return fs.existsSync(path.join(GOLDEN_DIR, 'crud-configmap.jsonl'));
}

export function loadScenario(name: string): GoldenRecord[] {
  return fs
    .readFileSync(path.join(GOLDEN_DIR, `${name}.jsonl`), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map(l => JSON.parse(l) as GoldenRecord);
}

export function step(records: GoldenRecord[], name: string): GoldenRecord {
  const r = records.find(x => x.step === name);
  if (!r) throw new Error(`no step ${name}`);
  return r;
}

/** Placeholder bindings learned from responses, reused in later requests. */
export class Bindings {
  readonly rv = new Map<string, string>();
  readonly uids: string[] = [];

  substitute<T>(v: T): T {
    if (v === null || v === undefined) return v;
    if (typeof v === 'object' && !Array.isArray(v)) {
      const meta = (v as { metadata?: { uid?: string } }).metadata;
      // a recorded metadata.uid in a request body was the object's own uid: leave it out
      if (meta?.uid === '<uid>') {
        const copy = JSON.parse(JSON.stringify(v));
        delete copy.metadata.uid;
        return this.substitute(copy);
      }
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
        const m =
          typeof x === 'string'
            ? /^<continue rv=<rv:(\d+)> start=(.*)\\u0000>$/.exec(x)
            : null;
        if (m)
          out[k] = Buffer.from(
            JSON.stringify({
              v: 'meta.k8s.io/v1',
              rv: Number(this.rv.get(m[1])),
              start: `${m[2]}\u0000`,
            }),
          ).toString('base64url');
        else if (x === '<continue>') out[k] = 'not-a-token';
        else out[k] = x;
      }
      v = out as T; // eslint-disable-line no-param-reassign
    }
    // A recorded <uid> in a request was the deliberate all-zero UUID (or is patched by the test).
    const s = JSON.stringify(v)
      .replace(/<rv:(\d+)>/g, (m, n) => this.rv.get(n) ?? m)
      .replace(/<uid>/g, '00000000-0000-0000-0000-000000000000');
    return JSON.parse(s) as T;
  }
}

function escapeRe(s: string) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const PLACEHOLDER =
  /<uid>|<rv:\d+>|<time>|<age>|<pem-certificate>|<continue[^>]*>(?:\\u0000>)?|<continue>/g;

/** Compares a recorded string (with placeholders) to an actual one, learning rv bindings. */
export function matchString(
  expected: string,
  actual: string,
  b: Bindings,
): boolean {
  const cont = /^<continue rv=<rv:(\d+)> start=(.*)\\u0000>$/.exec(expected);
  if (cont) {
    try {
      const tok = JSON.parse(Buffer.from(actual, 'base64url').toString('utf8'));
      return (
        matchString(`<rv:${cont[1]}>`, String(tok.rv), b) &&
        tok.start === `${cont[2]}\u0000`
      );
    } catch {
      return false;
    }
  }
  if (!PLACEHOLDER.test(expected)) return expected === actual;
  PLACEHOLDER.lastIndex = 0;
  const names: string[] = [];
  let re = '';
  let last = 0;
  for (const m of expected.matchAll(PLACEHOLDER)) {
    re += escapeRe(expected.slice(last, m.index));
    last = m.index! + m[0].length;
    const ph = m[0];
    if (ph === '<uid>') re += '[0-9a-f-]{36}';
    else if (ph.startsWith('<rv:')) {
      const n = ph.slice(4, -1);
      const bound = b.rv.get(n);
      if (bound) re += escapeRe(bound);
      else {
        re += '(\\d+)';
        names.push(n);
      }
    } else re += '[\\s\\S]*?';
  }
  re += escapeRe(expected.slice(last));
  const m = new RegExp(`^${re}$`).exec(actual);
  if (!m) return false;
  names.forEach((n, i) => b.rv.set(n, m[i + 1]));
  return true;
}

export interface CompareOptions {
  /** Keys ignored anywhere (e.g. managedFields, generated names). */
  ignoreKeys?: string[];
  /** Dotted paths ignored. */
  ignorePaths?: string[];
  /** Extra keys in the actual object are tolerated (default false). */
  allowExtra?: boolean;
}

/** Returns human-readable differences between a recorded body and an actual one. */
export function diff(
  expected: unknown,
  actual: unknown,
  b: Bindings,
  opts: CompareOptions = {},
  at = '',
): string[] {
  const out: string[] = [];
  const ignoreKeys = new Set(opts.ignoreKeys ?? []);
  if (opts.ignorePaths?.includes(at)) return out;
  if (typeof expected === 'string') {
    if (typeof actual !== 'string' || !matchString(expected, actual, b))
      out.push(
        `${at}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(
          actual,
        )}`,
      );
    return out;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual))
      return [`${at}: expected array, got ${JSON.stringify(actual)}`];
    if (expected.length !== actual.length)
      return [`${at}: expected ${expected.length} items, got ${actual.length}`];
    expected.forEach((e, i) =>
      out.push(...diff(e, actual[i], b, opts, `${at}[${i}]`)),
    );
    return out;
  }
  if (expected && typeof expected === 'object') {
    if (!actual || typeof actual !== 'object' || Array.isArray(actual))
      return [`${at}: expected object, got ${JSON.stringify(actual)}`];
    const e = expected as Record<string, unknown>;
    const a = actual as Record<string, unknown>;
    for (const k of Object.keys(e)) {
      if (ignoreKeys.has(k)) continue;
      out.push(...diff(e[k], a[k], b, opts, at ? `${at}.${k}` : k));
    }
    if (!opts.allowExtra) {
      for (const k of Object.keys(a)) {
        if (
          !(k in e) &&
          !ignoreKeys.has(k) &&
          !opts.ignorePaths?.includes(at ? `${at}.${k}` : k)
        )
          out.push(
            `${at ? `${at}.` : ''}${k}: unexpected ${JSON.stringify(a[k]).slice(
              0,
              80,
            )}`,
          );
      }
    }
    return out;
  }
  if (expected !== actual)
    out.push(
      `${at}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(
        actual,
      )}`,
    );
  return out;
}

export interface Replayed {
  status: number;
  headers: Headers;
  body: unknown;
  text: string;
}

export class GoldenClient {
  readonly bindings = new Bindings();

  constructor(readonly sim: Simulator) {}

  tokenFor(auth: string | undefined): string | undefined {
    if (!auth) return this.sim.token;
    if (auth === 'none') return undefined;
    if (auth.startsWith('invalid')) return 'not-a-valid-token';
    if (auth.includes('viewer'))
      return this.sim.tokens.find(t => t.user === 'viewer')!.token;
    return this.sim.token;
  }

  /** Sends the recorded request (placeholders substituted) and returns the parsed response. */
  async send(
    rec: GoldenRecord,
    override?: {
      body?: unknown;
      query?: Record<string, string>;
      path?: string;
    },
  ): Promise<Replayed> {
    const req = rec.request!;
    const q = this.bindings.substitute(override?.query ?? req.query);
    const qs = new URLSearchParams(q).toString();
    const headers: Record<string, string> = {
      'User-Agent': rec.client?.startsWith('kubectl')
        ? 'kubectl/v1.32.4 (linux/amd64) kubernetes/4cb5f07'
        : 'curl/7.88.1',
    };
    for (const [k, v] of Object.entries(req.headers ?? {})) headers[k] = v;
    const token = this.tokenFor(rec.auth);
    if (token) headers.Authorization = `Bearer ${token}`;
    let body: string | undefined;
    const raw = override?.body !== undefined ? override.body : req.body;
    if (raw !== null && raw !== undefined)
      body =
        typeof raw === 'string'
          ? this.bindings.substitute(raw)
          : JSON.stringify(this.bindings.substitute(raw));
    const res = await fetch(
      `${this.sim.url}${override?.path ?? req.path}${qs ? `?${qs}` : ''}`,
      { method: req.method, headers, body },
    );
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // watch streams: one JSON event per line
      const lines = text.split('\n').filter(Boolean);
      try {
        parsed = lines.map(l => JSON.parse(l));
      } catch {
        /* plain text body */
      }
    }
    if (
      Array.isArray(rec.response?.body) &&
      !Array.isArray(parsed) &&
      parsed &&
      typeof parsed === 'object'
    )
      parsed = [parsed];
    return { status: res.status, headers: res.headers, body: parsed, text };
  }

  /** Replays and asserts the status code; returns the differences of the body. */
  async check(
    rec: GoldenRecord,
    opts: CompareOptions & {
      override?: { body?: unknown; query?: Record<string, string> };
    } = {},
  ): Promise<{ res: Replayed; diffs: string[] }> {
    const res = await this.send(rec, opts.override);
    const diffs: string[] = [];
    if (res.status !== rec.response!.status)
      diffs.push(
        `status: expected ${rec.response!.status}, got ${
          res.status
        } ${res.text.slice(0, 300)}`,
      );
    else diffs.push(...diff(rec.response!.body, res.body, this.bindings, opts));
    return { res, diffs };
  }
}

/**
 * A simulator configured like the recording cluster: controller-manager running, but no scheduler
 * or kubelet (pods stay Pending) unless `withKubelet` is set.
 */
export async function startGoldenSimulator(
  opts: SimulatorOptions & { withKubelet?: boolean } = {},
): Promise<Simulator> {
  const { withKubelet, ...rest } = opts;
  const never = 1e12;
  return startSimulator({
    port: 0,
    tls: false,
    controllers: {
      tickMs: 20,
      scheduleDelayMs: withKubelet ? 30 : never,
      startDelayMs: 60,
      jobRunMs: 300,
      podTerminationMs: 100,
      logIntervalMs: 100,
    },
    ...rest,
  });
}

/** Fields whose values the simulator legitimately makes differently (random names, hashes). */
export const VOLATILE = ['managedFields'];
