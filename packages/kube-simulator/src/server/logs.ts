import { errors } from '../api/errors';
import { KObject } from '../util/types';
import { LogOptions, SimContext } from './context';
import { ResourceRequest } from './resources';

function num(q: URLSearchParams, k: string): number | undefined {
  const v = q.get(k);
  return v === null || v === '' ? undefined : Number(v);
}

function flag(q: URLSearchParams, k: string): boolean {
  const v = q.get(k);
  return v === 'true' || v === '1';
}

/** pods/log: 204 before the pod runs, 400 for ambiguous/unknown containers, streaming with follow. */
export async function serveLogs(ctx: SimContext, rr: ResourceRequest) {
  const pod = ctx.objects.getStored(rr.def, rr.namespace, rr.name!) as KObject;
  const containers: string[] = (pod.spec?.containers ?? []).map(
    (c: { name: string }) => c.name,
  );
  const inits: string[] = (pod.spec?.initContainers ?? []).map(
    (c: { name: string }) => c.name,
  );
  let container = rr.query.get('container') ?? '';
  if (!container) {
    const def =
      pod.metadata.annotations?.['kubectl.kubernetes.io/default-container'];
    if (def && containers.includes(def)) container = def;
    else if (containers.length === 1) container = containers[0];
    else
      throw errors.badRequest(
        `a container name must be specified for pod ${
          pod.metadata.name
        }, choose one of: [${containers.join(' ')}]${
          inits.length
            ? ` or one of the init containers: [${inits.join(' ')}]`
            : ''
        }`,
      );
  }
  if (!containers.includes(container) && !inits.includes(container)) {
    throw errors.badRequest(
      `container ${container} is not valid for pod ${pod.metadata.name}`,
    );
  }
  const res = rr.res;
  if (!pod.spec?.nodeName || !ctx.logs) {
    res.writeHead(204, { 'Cache-Control': 'no-cache, private' });
    res.end();
    return;
  }
  const status = (pod.status?.containerStatuses ?? []).find(
    (c: { name: string }) => c.name === container,
  );
  const waiting = status?.state?.waiting;
  if (
    waiting &&
    !status?.lastState?.terminated &&
    (waiting.reason === 'ContainerCreating' ||
      waiting.reason === 'PodInitializing')
  ) {
    throw errors.badRequest(
      `container "${container}" in pod "${pod.metadata.name}" is waiting to start: ${waiting.reason}`,
    );
  }
  const opts: LogOptions = {
    container,
    follow: flag(rr.query, 'follow'),
    tailLines: num(rr.query, 'tailLines'),
    sinceSeconds: num(rr.query, 'sinceSeconds'),
    timestamps: flag(rr.query, 'timestamps'),
    previous: flag(rr.query, 'previous'),
    limitBytes: num(rr.query, 'limitBytes'),
  };
  if (opts.previous && !(status?.restartCount > 0)) {
    throw errors.badRequest(
      `previous terminated container "${container}" in pod "${pod.metadata.name}" not found`,
    );
  }
  const lines = ctx.logs.history(pod, opts);
  res.writeHead(200, {
    'Cache-Control': 'no-cache, private',
    'Content-Type': 'text/plain',
    'Transfer-Encoding': 'chunked',
  });
  let text = lines.map(l => `${l}\n`).join('');
  if (opts.limitBytes !== undefined) text = text.slice(0, opts.limitBytes);
  res.write(text);
  if (!opts.follow || opts.previous) {
    res.end();
    return;
  }
  await new Promise<void>(resolve => {
    const stop = ctx.logs!.follow(pod, opts, line => res.write(`${line}\n`));
    let unwatch = () => {};
    const finish = () => {
      stop();
      unwatch();
      res.end();
      resolve();
    };
    unwatch = ctx.store.watch('/pods', ev => {
      if (ev.type === 'DELETED' && ev.object.metadata.uid === pod.metadata.uid)
        finish();
    });
    rr.req.on('close', finish);
  });
}
