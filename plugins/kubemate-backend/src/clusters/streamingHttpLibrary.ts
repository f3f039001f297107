import {
  Observable,
  ResponseContext,
  type HttpLibrary,
  type RequestContext,
} from '@kubernetes/client-node';
import fetch from 'node-fetch';
import { StringDecoder } from 'node:string_decoder';

/**
 * A response body as text, decoded chunk by chunk as it arrives. node-fetch's own `text()`
 * keeps every chunk (~16 KB socket / TLS reads) until the body is complete and only then joins
 * and decodes them; a large list response (a page of 500 pods is megabytes) spans many
 * scavenges, so its chunks reach V8's old generation and their native memory is freed only at
 * the next full GC. During an inspection run's listing that left ~40 MB in malloc's arena for
 * good (docs/benchmarks.md). Decoded as they come, the chunks die young.
 */
export async function readText(
  body: NodeJS.ReadableStream | null | undefined,
): Promise<string> {
  if (!body) return '';
  const decoder = new StringDecoder('utf8');
  const parts: string[] = [];
  for await (const chunk of body) {
    parts.push(
      typeof chunk === 'string' ? chunk : decoder.write(chunk as Buffer),
    );
  }
  parts.push(decoder.end());
  return parts.join('');
}

/**
 * client-node's default HTTP library (`IsomorphicFetchHttpLibrary`: node-fetch with the
 * request's method, body, headers, signal and agent) except that a response's `text()` is read
 * with {@link readText}.
 */
export class StreamingHttpLibrary implements HttpLibrary {
  send(request: RequestContext): Observable<ResponseContext> {
    const response = fetch(request.getUrl(), {
      method: request.getHttpMethod().toString(),
      body: request.getBody() as any,
      headers: request.getHeaders(),
      signal: request.getSignal() as any,
      agent: request.getAgent(),
    }).then(resp => {
      const headers: Record<string, string> = {};
      resp.headers.forEach((value, name) => {
        headers[name] = value;
      });
      return new ResponseContext(resp.status, headers, {
        text: () => readText(resp.body),
        binary: () => resp.buffer(),
      });
    });
    return new Observable(response);
  }
}
