import { ResourceDef } from '../api/registry';
import { StatusError } from '../api/errors';
import { toExternal } from '../api/conversion';
import { ResourceVersionTooOldError, StoreEvent } from '../storage/store';
import { clone } from '../util/objects';
import { KObject } from '../util/types';
import { SimContext } from './context';
import { ListOptions, matches } from './listing';
import { ResourceRequest, shapeObject, toTable } from './resources';

function expired(message: string) {
  return {
    type: 'ERROR',
    object: {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message,
      reason: 'Expired',
      code: 410,
    },
  };
}

/**
 * Chunked watch stream: synthetic ADDED for rv 0/none, replay from the event log for a given rv,
 * selector transitions as ADDED/DELETED, BOOKMARKs, timeoutSeconds, and 410 Expired for old rvs.
 */
export function serveWatch(
  ctx: SimContext,
  rr: ResourceRequest,
  opts: ListOptions,
) {
  const def: ResourceDef = rr.def;
  const ns = def.namespaced ? rr.namespace : undefined;
  const rvParam = opts.resourceVersion;
  let fromRv: number | undefined;
  if (rvParam && rvParam !== '0') {
    fromRv = Number(rvParam);
    if (!Number.isInteger(fromRv)) {
      throw new StatusError(
        500,
        '',
        `resourceVersion: Invalid value: ${JSON.stringify(
          rvParam,
        )}: strconv.ParseUint: parsing ${JSON.stringify(
          rvParam,
        )}: invalid syntax`,
      );
    }
  }
  const res = rr.res;
  res.writeHead(200, {
    'Cache-Control': 'no-cache, private',
    'Content-Type': 'application/json',
    'Transfer-Encoding': 'chunked',
  });
  res.flushHeaders?.();
  let firstTable = true;
  let lastRv = fromRv ?? ctx.store.currentRv();
  const write = (type: string, obj: KObject) => {
    let object: unknown;
    if (rr.neg.as === 'Table') {
      object = toTable(
        def,
        [obj],
        rr,
        obj.metadata.resourceVersion ?? '',
        firstTable,
      );
      firstTable = false;
    } else if (rr.neg.as) {
      object = {
        kind: 'PartialObjectMetadata',
        apiVersion: `meta.k8s.io/${rr.neg.asVersion}`,
        metadata: obj.metadata,
      };
    } else object = shapeObject(def, toExternal(def, clone(obj)));
    res.write(`${JSON.stringify({ type, object })}\n`);
  };
  const inNs = (o: KObject) => !ns || o.metadata.namespace === ns;
  const handle = (ev: StoreEvent) => {
    if (!inNs(ev.object)) return;
    lastRv = ev.rv;
    const now = ev.type === 'DELETED' ? false : matches(opts, ev.object);
    const before = ev.previous ? matches(opts, ev.previous) : false;
    if (ev.type === 'ADDED') {
      if (now) write('ADDED', ev.object);
    } else if (ev.type === 'MODIFIED') {
      if (now && before) write('MODIFIED', ev.object);
      else if (now) write('ADDED', ev.object);
      else if (before)
        write('DELETED', {
          ...ev.previous!,
          metadata: {
            ...ev.previous!.metadata,
            resourceVersion: String(ev.rv),
          },
        });
    } else if (ev.type === 'DELETED' && before) {
      write('DELETED', ev.object);
    }
  };

  let closed = false;
  const timers: NodeJS.Timeout[] = [];
  let unsubscribe = () => {};
  const close = () => {
    if (closed) return;
    closed = true;
    unsubscribe();
    timers.forEach(t => clearTimeout(t));
    res.end();
  };
  rr.req.on('close', close);
  res.on('close', close);

  if (fromRv === undefined) {
    for (const o of ctx.store.list(def.storageKey, ns))
      if (matches(opts, o)) write('ADDED', o);
    unsubscribe = ctx.store.watch(def.storageKey, handle);
  } else {
    let backlog: StoreEvent[];
    try {
      backlog = ctx.store.eventsSince(def.storageKey, fromRv);
    } catch (e) {
      if (e instanceof ResourceVersionTooOldError) {
        const msg =
          def.storageKey === 'events'
            ? 'The resourceVersion for the provided watch is too old.'
            : e.message;
        res.write(`${JSON.stringify(expired(msg))}\n`);
        close();
        return;
      }
      throw e;
    }
    backlog.forEach(handle);
    unsubscribe = ctx.store.watch(def.storageKey, handle);
  }

  const bookmark = () => {
    if (closed) return;
    res.write(
      `${JSON.stringify({
        type: 'BOOKMARK',
        object: {
          kind: def.kind,
          apiVersion: def.group ? `${def.group}/${def.version}` : def.version,
          metadata: {
            resourceVersion: String(Math.max(lastRv, ctx.store.currentRv())),
            creationTimestamp: null,
          },
        },
      })}\n`,
    );
  };
  if (opts.allowWatchBookmarks) {
    const iv = setInterval(bookmark, ctx.bookmarkIntervalMs);
    timers.push(iv as unknown as NodeJS.Timeout);
    res.on('close', () => clearInterval(iv));
  }
  if (opts.timeoutSeconds && opts.timeoutSeconds > 0) {
    const ms = opts.timeoutSeconds * 1000;
    if (opts.allowWatchBookmarks && ms > 2000)
      timers.push(setTimeout(bookmark, ms - 2000));
    timers.push(setTimeout(close, ms));
  }
  const drop = ctx.faults.dropWatchesAfterMs();
  if (drop !== undefined) timers.push(setTimeout(close, drop));
}
