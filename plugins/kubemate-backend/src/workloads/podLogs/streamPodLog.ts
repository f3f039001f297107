import type { KubeConfig } from '@kubernetes/client-node';
import http from 'node:http';
import https from 'node:https';
import type { Writable } from 'node:stream';

/** Why a log stream was ended by the backend: written to the stream as its last line. */
export class LogStreamEnded {
  constructor(readonly message: string) {}
}

export interface PodLogRequest {
  namespace: string;
  pod: string;
  container: string;
  follow?: boolean;
  tailLines?: number;
  sinceSeconds?: number;
  previous?: boolean;
  timestamps?: boolean;
}

/** An answer of the API server other than a log: carries its status code and body. */
export class PodLogError extends Error {
  constructor(readonly code: number, readonly body: string) {
    super(`HTTP ${code}`);
  }
}

/**
 * Streams a pod's log into `out`. Resolves once the API server answered (rejects with a
 * PodLogError when it refused); the stream goes on until the log ends or `signal` aborts.
 * An abort, also one before the API server answered, closes the upstream request; when its
 * reason is a LogStreamEnded, that message is the stream's last line.
 */
export async function streamPodLog(
  kubeConfig: KubeConfig,
  request: PodLogRequest,
  out: Writable,
  signal: AbortSignal,
): Promise<void> {
  const cluster = kubeConfig.getCurrentCluster();
  if (!cluster) throw new Error('No active cluster');
  const url = new URL(
    `${cluster.server.replace(
      /\/$/,
      '',
    )}/api/v1/namespaces/${encodeURIComponent(
      request.namespace,
    )}/pods/${encodeURIComponent(request.pod)}/log`,
  );
  url.searchParams.set('container', request.container);
  for (const key of [
    'follow',
    'tailLines',
    'sinceSeconds',
    'previous',
    'timestamps',
  ] as const) {
    const value = request[key];
    if (value !== undefined && value !== false)
      url.searchParams.set(key, String(value));
  }
  const options: https.RequestOptions = {};
  await kubeConfig.applyToHTTPSOptions(options);
  const send = url.protocol === 'https:' ? https.request : http.request;

  const end = () => {
    const reason = signal.reason;
    if (reason instanceof LogStreamEnded && out.writable) {
      out.write(`\n[kubemate] ${reason.message}\n`);
    }
    if (out.writable) out.end();
  };

  return new Promise<void>((resolve, reject) => {
    if (signal.aborted) {
      end();
      resolve();
      return;
    }
    const upstream = send(url, { ...options, method: 'GET' }, response => {
      const status = response.statusCode ?? 0;
      if (status === 204) {
        response.resume();
        out.end();
        resolve();
        return;
      }
      if (status !== 200) {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', chunk => {
          if (body.length < 64 * 1024) body += chunk;
        });
        response.on('end', () => reject(new PodLogError(status, body)));
        response.on('error', reject);
        return;
      }
      response.pipe(out, { end: false });
      response.on('end', () => {
        if (!signal.aborted && out.writable) out.end();
      });
      response.on('error', () => undefined);
      resolve();
    });
    const onAbort = () => {
      upstream.destroy();
      end();
      resolve();
    };
    signal.addEventListener('abort', onAbort, { once: true });
    upstream.on('close', () => signal.removeEventListener('abort', onAbort));
    upstream.on('error', error => {
      if (!signal.aborted) reject(error);
    });
    upstream.end();
  });
}
