import { ServiceUnavailableError } from '@backstage/errors';
import type { RequestHandler } from 'express';

export const DEFAULT_MAX_CONCURRENT_INGESTS = 2;
/** What a refused ingestion is told to wait, in seconds (`Retry-After`). */
export const INGEST_RETRY_AFTER_SECONDS = 5;

/**
 * At most `max` report ingestions at a time, counted from before the body is read (a 20 MB
 * body is work too) until the response closes. No queue: one more is refused at once with 503
 * and `Retry-After`, which ingestion jobs (curl --retry, CI steps) honour.
 */
export function ingestSlots(
  max: number = DEFAULT_MAX_CONCURRENT_INGESTS,
): RequestHandler {
  let running = 0;
  return (_req, res, next) => {
    if (running >= max) {
      res.setHeader('Retry-After', String(INGEST_RETRY_AFTER_SECONDS));
      next(
        new ServiceUnavailableError(
          `${running} report ingestions are running, the most at once (kubemate.inspection.ingest.maxConcurrent); retry in ${INGEST_RETRY_AFTER_SECONDS} s`,
        ),
      );
      return;
    }
    running++;
    let released = false;
    res.on('close', () => {
      if (!released) {
        released = true;
        running--;
      }
    });
    next();
  };
}
