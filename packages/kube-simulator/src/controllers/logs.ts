import { KObject } from '../util/types';
import { LogOptions, LogSource } from '../server/context';
import { ControllerTimings } from './manager';
import { podFault } from './kubelet';

const PATHS = [
  '/api/v1/payments',
  '/api/v1/accounts/{id}',
  '/healthz',
  '/api/v1/ledger/entries',
  '/api/v1/orders',
  '/metrics',
  '/api/v1/invoices',
  '/login',
];
const METHODS = ['GET', 'GET', 'GET', 'POST', 'PUT'];

function rng(seed: string, i: number): () => number {
  let h = 2166136261 ^ i;
  for (const c of seed) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
  return () => {
    h =
      Math.imul(h ^ (h >>> 15), 2246822507) ^
      Math.imul(h ^ (h >>> 13), 3266489909);
    return ((h >>>= 0) % 100000) / 100000;
  };
}

function flavor(image: string): 'nginx' | 'java' | 'worker' | 'generic' {
  if (/nginx|traefik|envoy/.test(image)) return 'nginx';
  if (/java|spring|erp|ledger|tomcat|jdk/.test(image)) return 'java';
  if (/worker|agent|fluent|log/.test(image)) return 'worker';
  return 'generic';
}

function line(
  pod: KObject,
  container: string,
  image: string,
  i: number,
  at: Date,
): string {
  const r = rng(`${pod.metadata.uid}/${container}`, i);
  const iso = at.toISOString();
  const f = flavor(image);
  const path = PATHS[Math.floor(r() * PATHS.length)].replace(
    '{id}',
    String(1000 + Math.floor(r() * 9000)),
  );
  const method = METHODS[Math.floor(r() * METHODS.length)];
  const roll = r();
  let status = 200;
  if (roll < 0.03) status = 500;
  else if (roll < 0.06) status = 404;
  const ms = Math.floor(5 + r() * 120);
  switch (f) {
    case 'nginx':
      return `10.244.${Math.floor(r() * 3)}.${Math.floor(
        2 + r() * 200,
      )} - - [${at.toUTCString()}] "${method} ${path} HTTP/1.1" ${status} ${Math.floor(
        200 + r() * 4000,
      )} "-" "Go-http-client/1.1"`;
    case 'java': {
      let lvl = r() < 0.1 ? 'WARN ' : 'INFO ';
      if (status === 500) lvl = 'ERROR';
      return `${iso
        .replace('T', ' ')
        .replace('Z', '')}  ${lvl} 1 --- [nio-8080-exec-${
        1 + Math.floor(r() * 9)
      }] c.k.${container.replace(
        /-/g,
        '',
      )}.web.RequestLogger : ${method} ${path} -> ${status} in ${ms}ms`;
    }
    case 'worker':
      return JSON.stringify({
        ts: iso,
        level: r() < 0.05 ? 'warn' : 'info',
        msg: r() < 0.5 ? 'batch processed' : 'heartbeat',
        items: Math.floor(r() * 500),
        duration_ms: ms,
      });
    default:
      return JSON.stringify({
        time: iso,
        level: status >= 500 ? 'error' : 'info',
        msg: 'request handled',
        method,
        path,
        status,
        duration_ms: ms,
        pod: pod.metadata.name,
      });
  }
}

function startup(container: string, image: string, at: Date): string[] {
  const iso = at.toISOString();
  if (flavor(image) === 'nginx')
    return [
      `/docker-entrypoint.sh: Configuration complete; ready for start up`,
      `${iso} [notice] 1#1: nginx/1.25.3 start worker processes`,
    ];
  if (flavor(image) === 'java') {
    return [
      `${iso
        .replace('T', ' ')
        .replace(
          'Z',
          '',
        )}  INFO 1 --- [           main] c.k.Application : Starting ${container} using Java 17.0.9`,
      `${iso
        .replace('T', ' ')
        .replace(
          'Z',
          '',
        )}  INFO 1 --- [           main] o.s.b.w.embedded.tomcat.TomcatWebServer : Tomcat started on port(s): 8080 (http)`,
    ];
  }
  return [
    JSON.stringify({
      time: iso,
      level: 'info',
      msg: `starting ${container}`,
      image,
    }),
    JSON.stringify({
      time: iso,
      level: 'info',
      msg: 'listening',
      addr: ':8080',
    }),
  ];
}

/** Believable, deterministic application logs that grow while a container runs. */
export class PodLogs implements LogSource {
  private readonly timers = new Set<NodeJS.Timeout>();
  constructor(private readonly t: ControllerTimings) {}

  private lines(
    pod: KObject,
    opts: LogOptions,
    until: number,
  ): Array<{ at: number; text: string }> {
    const spec = (
      (pod.spec?.containers ?? []) as Array<{ name: string; image: string }>
    ).find(c => c.name === opts.container) ?? {
      name: opts.container,
      image: '',
    };
    const st = (
      (pod.status?.containerStatuses ?? []) as Array<Record<string, any>>
    ).find(s => s.name === opts.container); // eslint-disable-line @typescript-eslint/no-explicit-any
    let startedAt = Date.parse(
      st?.state?.running?.startedAt ??
        st?.lastState?.terminated?.startedAt ??
        pod.status?.startTime ??
        '',
    );
    let end = until;
    if (opts.previous) {
      startedAt = Date.parse(st?.lastState?.terminated?.startedAt ?? '');
      end = Date.parse(st?.lastState?.terminated?.finishedAt ?? '');
    } else if (st?.state?.terminated)
      end = Date.parse(st.state.terminated.finishedAt);
    if (!Number.isFinite(startedAt)) return [];
    const out = startup(spec.name, spec.image, new Date(startedAt)).map(
      text => ({ at: startedAt, text }),
    );
    const step = this.t.logIntervalMs;
    const n = Math.min(5000, Math.max(0, Math.floor((end - startedAt) / step)));
    const first = Math.max(0, Math.floor((end - startedAt) / step) - n);
    for (let i = first + 1; i <= first + n; i++) {
      const at = startedAt + i * step;
      out.push({ at, text: line(pod, spec.name, spec.image, i, new Date(at)) });
    }
    const fault = podFault(pod, spec);
    if (opts.previous && fault === 'oom')
      out.push({
        at: end,
        text: 'java.lang.OutOfMemoryError: Java heap space',
      });
    if (opts.previous && fault === 'crash')
      out.push({
        at: end,
        text: 'panic: failed to connect to database: dial tcp 10.96.12.7:5432: connect: connection refused',
      });
    if (!opts.previous && fault === 'crash' && st?.state?.waiting)
      out.push({
        at: end,
        text: 'panic: failed to connect to database: dial tcp 10.96.12.7:5432: connect: connection refused',
      });
    return out;
  }

  private format(l: { at: number; text: string }, opts: LogOptions) {
    return opts.timestamps
      ? `${new Date(l.at).toISOString().replace('Z', '000000Z')} ${l.text}`
      : l.text;
  }

  history(pod: KObject, opts: LogOptions): string[] {
    let ls = this.lines(pod, opts, Date.now());
    if (opts.sinceSeconds !== undefined) {
      const from = Date.now() - opts.sinceSeconds * 1000;
      ls = ls.filter(l => l.at >= from);
    }
    if (opts.tailLines !== undefined && opts.tailLines >= 0)
      ls = ls.slice(Math.max(0, ls.length - opts.tailLines));
    return ls.map(l => this.format(l, opts));
  }

  follow(
    pod: KObject,
    opts: LogOptions,
    onLine: (line: string) => void,
  ): () => void {
    const spec = (
      (pod.spec?.containers ?? []) as Array<{ name: string; image: string }>
    ).find(c => c.name === opts.container) ?? {
      name: opts.container,
      image: '',
    };
    let i = Math.floor(Date.now() / this.t.logIntervalMs);
    const timer = setInterval(() => {
      i++;
      onLine(
        this.format(
          {
            at: Date.now(),
            text: line(pod, spec.name, spec.image, i, new Date()),
          },
          opts,
        ),
      );
    }, this.t.logIntervalMs);
    this.timers.add(timer);
    return () => {
      clearInterval(timer);
      this.timers.delete(timer);
    };
  }

  stopAll() {
    this.timers.forEach(t => clearInterval(t));
    this.timers.clear();
  }
}
