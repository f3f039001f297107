import { HttpMethod, RequestContext } from '@kubernetes/client-node';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { readText, StreamingHttpLibrary } from './streamingHttpLibrary';

describe('readText', () => {
  it('decodes characters split across chunks', async () => {
    const text = '{"name":"漢字-ünï","emoji":"🚀"}';
    const bytes = Buffer.from(text);
    // One byte at a time: every multi-byte character is split.
    const chunks = [...bytes].map(b => Buffer.from([b]));
    await expect(readText(Readable.from(chunks))).resolves.toBe(text);
  });

  it('reads an empty or missing body as an empty text', async () => {
    await expect(readText(Readable.from([]))).resolves.toBe('');
    await expect(readText(null)).resolves.toBe('');
  });
});

describe('StreamingHttpLibrary', () => {
  let server: http.Server;
  let base: string;
  const seen: Array<{
    method?: string;
    headers: http.IncomingHttpHeaders;
    body: string;
  }> = [];

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', c => (body += c));
      req.on('end', () => {
        seen.push({ method: req.method, headers: req.headers, body });
        res.writeHead(req.url === '/missing' ? 404 : 200, {
          'content-type': 'application/json',
          'x-answer': '42',
        });
        // A large body in several writes (several chunks on the client).
        const items = Array.from({ length: 2000 }, (_, i) => ({
          name: `pod-${i}-ü`,
        }));
        const json = JSON.stringify({ kind: 'PodList', items });
        for (let i = 0; i < json.length; i += 7000) {
          res.write(json.slice(i, i + 7000));
        }
        res.end();
      });
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise<void>(resolve => server.close(() => resolve())));

  it('sends the request as given and answers with status, headers and the whole text', async () => {
    const request = new RequestContext(`${base}/api/v1/pods`, HttpMethod.POST);
    request.setHeaderParam('Content-Type', 'application/json');
    request.setBody('{"a":1}');
    const response = await new StreamingHttpLibrary().send(request).toPromise();
    expect(response.httpStatusCode).toBe(200);
    expect(response.headers['x-answer']).toBe('42');
    const list = JSON.parse(await response.body.text());
    expect(list.items).toHaveLength(2000);
    expect(list.items[1999]).toEqual({ name: 'pod-1999-ü' });
    expect(seen.at(-1)).toMatchObject({
      method: 'POST',
      body: '{"a":1}',
      headers: expect.objectContaining({ 'content-type': 'application/json' }),
    });
  });

  it('passes error statuses on and reads bodies as binary too', async () => {
    const request = new RequestContext(`${base}/missing`, HttpMethod.GET);
    const response = await new StreamingHttpLibrary().send(request).toPromise();
    expect(response.httpStatusCode).toBe(404);
    expect(JSON.parse((await response.body.binary()).toString()).kind).toBe(
      'PodList',
    );
  });

  it('rejects when the request is aborted', async () => {
    const request = new RequestContext(`${base}/api/v1/pods`, HttpMethod.GET);
    const controller = new AbortController();
    controller.abort();
    request.setSignal(controller.signal);
    await expect(
      new StreamingHttpLibrary().send(request).toPromise(),
    ).rejects.toMatchObject({ name: 'AbortError' });
  });
});
