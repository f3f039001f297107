import http from 'node:http';
import https from 'node:https';
import { StepFailure, type ProbeContext } from './steps';

/** Bytes of a body the probe reads to match it; the rest is dropped. */
const MAX_BODY = 64 * 1024;

interface Answer {
  status: number;
  body: string;
}

/** One request with a Host header of our choosing (which fetch does not allow). */
function request(
  url: URL,
  options: {
    method: string;
    host?: string;
    timeoutMs: number;
    signal: AbortSignal;
  },
): Promise<Answer> {
  const lib = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = lib.request(
      url,
      {
        method: options.method,
        headers: {
          ...(options.host ? { host: options.host } : {}),
          'user-agent': 'kubemate-probe',
        },
        timeout: options.timeoutMs,
        // A fresh connection each time, as a new user's: its setup is part of the latency.
        agent: false,
        signal: options.signal,
        // Probes check the path, not the certificate (certificate-expiry does that).
        ...(url.protocol === 'https:'
          ? {
              rejectUnauthorized: false,
              servername: options.host ?? url.hostname,
            }
          : {}),
      },
      res => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          if (size < MAX_BODY) chunks.push(chunk);
          size += chunk.length;
        });
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8').slice(0, MAX_BODY),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('timeout', () =>
      req.destroy(new Error(`no answer within ${options.timeoutMs} ms`)),
    );
    req.on('error', reject);
    req.end();
  });
}

/**
 * HTTP through a gateway: one request to the URL (with the Host header routes match on),
 * judged on its status, latency and body.
 */
export async function httpProbe(ctx: ProbeContext): Promise<string> {
  const def = ctx.definition;
  if (def.type !== 'http') throw new Error('wrong probe type');
  const p = def.params;
  const url = new URL(p.url);
  if (p.gateway && def.namespace) ctx.objects.add(`Gateway/${p.gateway}`);
  const started = performance.now();
  const answer = await ctx.steps.step(`${p.method} ${url.pathname}`, () =>
    request(url, {
      method: p.method,
      host: p.host,
      timeoutMs: Math.max(1, ctx.deadline - Date.now()),
      signal: ctx.signal,
    }).catch((e: Error) => {
      throw new StepFailure(`request failed: ${e.message}`);
    }),
  );
  const latencyMs = Math.round(performance.now() - started);
  await ctx.steps.step('check answer', async () => {
    if (!p.expectStatus.includes(answer.status)) {
      throw new StepFailure(
        `status ${answer.status}, expected ${p.expectStatus.join(
          ' or ',
        )}: ${answer.body.slice(0, 200).trim()}`,
      );
    }
    if (p.bodyMatch && !new RegExp(p.bodyMatch).test(answer.body)) {
      throw new StepFailure(`the body does not match /${p.bodyMatch}/`);
    }
    if (p.maxLatencyMs !== undefined && latencyMs > p.maxLatencyMs) {
      throw new StepFailure(
        `answered in ${latencyMs} ms, more than ${p.maxLatencyMs} ms`,
      );
    }
  });
  return `${answer.status} in ${latencyMs} ms from ${p.host ?? url.host}${
    url.pathname
  }`;
}
