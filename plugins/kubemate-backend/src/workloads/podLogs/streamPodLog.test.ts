import { KubeConfig } from '@kubernetes/client-node';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { PassThrough } from 'node:stream';
import { LogStreamEnded, streamPodLog } from './streamPodLog';

/** An API server that accepts log requests and never answers them; tells when one closes. */
async function silentServer() {
  const closed: string[] = [];
  const opened: string[] = [];
  const server = http.createServer(req => {
    opened.push(req.url!);
    req.socket.on('close', () => closed.push(req.url!));
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [
      {
        name: 'silent',
        server: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        skipTLSVerify: true,
      },
    ],
    users: [{ name: 'u', token: 't' }],
    contexts: [{ name: 'silent', cluster: 'silent', user: 'u' }],
    currentContext: 'silent',
  });
  return {
    kc,
    opened,
    closed,
    stop: () =>
      new Promise(resolve => {
        server.closeAllConnections();
        server.close(resolve);
      }),
  };
}

async function until(ok: () => boolean, what: string) {
  for (let i = 0; i < 100 && !ok(); i++)
    await new Promise(resolve => setTimeout(resolve, 20));
  if (!ok()) throw new Error(`${what} did not happen`);
}

describe('streamPodLog', () => {
  const request = { namespace: 'ns', pod: 'p', container: 'c', follow: true };

  it('closes the upstream request when the client goes away before the API server answered', async () => {
    const api = await silentServer();
    const abort = new AbortController();
    const out = new PassThrough();
    const streaming = streamPodLog(api.kc, request, out, abort.signal);
    await until(() => api.opened.length === 1, 'the upstream request');
    expect(api.opened[0]).toBe(
      '/api/v1/namespaces/ns/pods/p/log?container=c&follow=true',
    );
    abort.abort();
    await streaming;
    await until(() => api.closed.length === 1, 'the upstream close');
    expect(out.writableEnded).toBe(true);
    await api.stop();
  });

  it('ends the stream with a last line saying why when the backend ends it', async () => {
    const api = await silentServer();
    const abort = new AbortController();
    const out = new PassThrough();
    let text = '';
    out.on('data', chunk => (text += chunk));
    const streaming = streamPodLog(api.kc, request, out, abort.signal);
    await until(() => api.opened.length === 1, 'the upstream request');
    abort.abort(new LogStreamEnded('log stream ended after 1 s'));
    await streaming;
    await until(() => api.closed.length === 1, 'the upstream close');
    expect(text).toBe('\n[kubemate] log stream ended after 1 s\n');
    await api.stop();
  });
});
