import type { Request, Response } from 'express';
import type { SerializedAnswer } from './SerializedAnswer';

/** Whether the request's `If-None-Match` names one of the answer's representations. */
function notModified(req: Request, answer: SerializedAnswer): boolean {
  const header = req.headers['if-none-match'];
  if (!header) return false;
  return header
    .split(',')
    .map(tag => tag.trim().replace(/^W\//, ''))
    .some(tag => tag === '*' || tag === answer.etag || tag === answer.gzipEtag);
}

const acceptsGzip = (req: Request) =>
  /\bgzip\b(?!\s*;\s*q=0(\.0*)?\s*(,|$))/i.test(
    String(req.headers['accept-encoding'] ?? ''),
  );

/**
 * Sends a kept answer: 304 when the caller has it already, else its bytes, gzip-compressed
 * when accepted. A Content-Encoding set here makes the backend's compression middleware leave
 * the body alone, so it is never compressed twice; `no-cache` makes browsers revalidate
 * (If-None-Match) on every view instead of reusing it unasked.
 */
export async function sendAnswer(
  req: Request,
  res: Response,
  answer: SerializedAnswer,
): Promise<void> {
  const gzip = acceptsGzip(req);
  res.setHeader('Cache-Control', 'no-cache');
  res.setHeader('Vary', 'Accept-Encoding');
  res.setHeader('ETag', gzip ? answer.gzipEtag : answer.etag);
  if (notModified(req, answer)) {
    res.status(304).end();
    return;
  }
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  const body = gzip ? await answer.gzip() : answer.body;
  if (gzip) res.setHeader('Content-Encoding', 'gzip');
  res.setHeader('Content-Length', body.length);
  res.end(body);
}
