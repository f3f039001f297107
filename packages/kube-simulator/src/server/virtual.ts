import { errors } from '../api/errors';
import { ANONYMOUS, UserInfo } from '../auth/authn';
import { KObject, isObject } from '../util/types';
import { SimContext } from './context';
import { ResourceRequest } from './resources';

/** Create on review resources (SSAR, SSRR, TokenReview, SelfSubjectReview): computed, never stored. */
export function virtualCreate(
  ctx: SimContext,
  rr: ResourceRequest,
  body: KObject,
): KObject {
  const res = rr.def.plural;
  const base = {
    kind: rr.def.kind,
    apiVersion: `${rr.def.group}/${rr.def.version}`,
    metadata: { creationTimestamp: null },
  };
  if (
    res === 'selfsubjectaccessreviews' ||
    res === 'subjectaccessreviews' ||
    res === 'localsubjectaccessreviews'
  ) {
    const spec = isObject(body.spec) ? body.spec : {};
    let user: UserInfo = rr.user;
    if (res !== 'selfsubjectaccessreviews')
      user = {
        name: String(spec.user ?? ''),
        groups: (spec.groups as string[]) ?? [],
      };
    const ra = (spec.resourceAttributes ?? undefined) as
      | Record<string, string>
      | undefined;
    const nra = (spec.nonResourceAttributes ?? undefined) as
      | Record<string, string>
      | undefined;
    const decision = ra
      ? ctx.authz.authorize(user, {
          verb: ra.verb ?? '',
          apiGroup: ra.group ?? '',
          resource: ra.resource ?? '',
          subresource: ra.subresource || undefined,
          namespace:
            ra.namespace ||
            (res === 'localsubjectaccessreviews' ? rr.namespace : undefined),
          name: ra.name || undefined,
        })
      : ctx.authz.authorize(user, {
          verb: nra?.verb ?? 'get',
          apiGroup: '',
          resource: '',
          path: nra?.path ?? '/',
        });
    const status: Record<string, unknown> = { allowed: decision.allowed };
    if (decision.reason) status.reason = decision.reason;
    return { ...base, spec, status } as KObject;
  }
  if (res === 'selfsubjectrulesreviews') {
    const ns = String(
      (body.spec as { namespace?: string } | undefined)?.namespace ?? '',
    );
    const rules = ctx.authz.rulesFor(rr.user, ns);
    return {
      ...base,
      spec: {},
      status: { ...rules, incomplete: false },
    } as KObject;
  }
  if (res === 'tokenreviews') {
    const token = String(
      (body.spec as { token?: string } | undefined)?.token ?? '',
    );
    let user: UserInfo = ANONYMOUS;
    let authenticated = false;
    try {
      user = ctx.authn.authenticate(`Bearer ${token}`);
      authenticated = true;
    } catch {
      /* unauthenticated */
    }
    return {
      ...base,
      spec: body.spec,
      status: authenticated
        ? { authenticated, user: { username: user.name, groups: user.groups } }
        : { user: {} },
    } as KObject;
  }
  if (res === 'selfsubjectreviews') {
    return {
      ...base,
      status: { userInfo: { username: rr.user.name, groups: rr.user.groups } },
    } as KObject;
  }
  throw errors.methodNotAllowed();
}

export function virtualList(ctx: SimContext, rr: ResourceRequest): KObject[] {
  const m = ctx.metrics;
  if (!m) return [];
  if (rr.def.plural === 'pods') {
    return ctx.store
      .list('/pods', rr.namespace)
      .map(p => m.podMetrics(p))
      .filter((x): x is KObject => !!x);
  }
  if (rr.def.plural === 'nodes') {
    return ctx.store
      .list('/nodes')
      .map(n => m.nodeMetrics(n))
      .filter((x): x is KObject => !!x);
  }
  return [];
}

export function virtualGet(ctx: SimContext, rr: ResourceRequest): KObject {
  const found = virtualList(ctx, rr).find(o => o.metadata.name === rr.name);
  if (!found) throw errors.notFound(rr.def.plural, rr.def.group, rr.name!);
  return found;
}
