import type { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { NotFoundError } from '@backstage/errors';
import {
  releasePlanSchema,
  stickySessionSchema,
  trafficMatchSchema,
  type GoldenMetrics,
  type Release,
  type ReleaseDecision,
  type ReleaseEvent,
  type ReleasePlan,
  type ReleaseState,
  type StickySession,
  type TrafficMatch,
} from '@kubemate/plugin-kubemate-common';

const RELEASES = 'kubemate_releases';
const EVENTS = 'kubemate_release_events';

interface ReleaseRow {
  id: string;
  entity_ref: string;
  cluster: string;
  namespace: string;
  service: string;
  route_kind: string;
  route_name: string | null;
  route_rule: string | null;
  stable: string;
  canary: string;
  strategy: string;
  match: string | null;
  sticky: string | null;
  plan: string;
  state: string;
  weight: number;
  step: number;
  failed_checks: number;
  next_step_at: Date | string | null;
  claimed_by: string | null;
  claimed_until: Date | string | null;
  created_by: string;
  created_at: Date | string;
  updated_at: Date | string;
}

interface EventRow {
  at: Date | string;
  actor: string;
  decision: string;
  weight: number;
  step: number;
  message: string;
  metrics: string | null;
}

export interface NewRelease {
  entityRef: string;
  cluster: string;
  namespace: string;
  service: string;
  routeKind: string;
  route?: string;
  rule?: string | number;
  stable: string;
  canary: string;
  strategy: 'gray' | 'canary';
  match?: TrafficMatch;
  sticky?: StickySession;
  plan: ReleasePlan;
  weight: number;
  createdBy: string;
}

/** What a step or an action changes, with the timeline entry that explains it. */
export interface ReleaseUpdate {
  state?: ReleaseState;
  weight?: number;
  step?: number;
  failedChecks?: number;
  /** null: no further step is scheduled. */
  nextStepAt?: Date | null;
  event: {
    actor: string;
    decision: ReleaseDecision;
    message: string;
    canary?: GoldenMetrics;
    stable?: GoldenMetrics;
  };
}

const iso = (v: Date | string | null | undefined) =>
  v === null || v === undefined ? undefined : new Date(v).toISOString();

/** A rule stored as text: digits are an index. */
function ruleOf(v: string | null): string | number | undefined {
  if (v === null) return undefined;
  return /^\d+$/.test(v) ? Number(v) : v;
}

function toRelease(r: ReleaseRow): Release {
  return {
    id: r.id,
    entityRef: r.entity_ref,
    cluster: r.cluster,
    namespace: r.namespace,
    service: r.service,
    routeKind: r.route_kind,
    ...(r.route_name ? { route: r.route_name } : {}),
    ...(r.route_rule !== null ? { rule: ruleOf(r.route_rule) } : {}),
    stable: r.stable,
    canary: r.canary,
    strategy: r.strategy as Release['strategy'],
    ...(r.match
      ? { match: trafficMatchSchema.parse(JSON.parse(r.match)) }
      : {}),
    ...(r.sticky
      ? { sticky: stickySessionSchema.parse(JSON.parse(r.sticky)) }
      : {}),
    plan: releasePlanSchema.parse(JSON.parse(r.plan)),
    state: r.state as ReleaseState,
    weight: r.weight,
    step: r.step,
    failedChecks: r.failed_checks,
    ...(r.next_step_at ? { nextStepAt: iso(r.next_step_at) } : {}),
    createdBy: r.created_by,
    createdAt: iso(r.created_at)!,
    updatedAt: iso(r.updated_at)!,
  };
}

function toEvent(e: EventRow): ReleaseEvent {
  const m = e.metrics
    ? (JSON.parse(e.metrics) as {
        canary?: GoldenMetrics;
        stable?: GoldenMetrics;
      })
    : {};
  return {
    at: iso(e.at)!,
    actor: e.actor,
    decision: e.decision as ReleaseDecision,
    weight: e.weight,
    step: e.step,
    message: e.message,
    ...(m.canary ? { canary: m.canary } : {}),
    ...(m.stable ? { stable: m.stable } : {}),
  };
}

/** The releases and their timelines, in the plugin database. */
export class ReleaseStore {
  constructor(private readonly db: Knex) {}

  async create(r: NewRelease, now = new Date()): Promise<Release> {
    const id = randomUUID();
    await this.db.transaction(async tx => {
      await tx<ReleaseRow>(RELEASES).insert({
        id,
        entity_ref: r.entityRef,
        cluster: r.cluster,
        namespace: r.namespace,
        service: r.service,
        route_kind: r.routeKind,
        route_name: r.route ?? null,
        route_rule: r.rule === undefined ? null : String(r.rule),
        stable: r.stable,
        canary: r.canary,
        strategy: r.strategy,
        match: r.match ? JSON.stringify(r.match) : null,
        sticky: r.sticky ? JSON.stringify(r.sticky) : null,
        plan: JSON.stringify(r.plan),
        state: 'progressing',
        weight: r.weight,
        step: 0,
        failed_checks: 0,
        next_step_at: new Date(now.getTime() + r.plan.intervalSeconds * 1000),
        claimed_by: null,
        claimed_until: null,
        created_by: r.createdBy,
        created_at: now,
        updated_at: now,
      });
      await tx(EVENTS).insert({
        release_id: id,
        at: now,
        actor: r.createdBy,
        decision: 'started',
        weight: r.weight,
        step: 0,
        message: `${r.strategy === 'canary' ? 'Canary' : 'Gray'} release of ${
          r.canary
        } beside ${r.stable} started at ${r.weight}%`,
        metrics: null,
      });
    });
    return this.get(id);
  }

  async get(id: string, withTimeline = false): Promise<Release> {
    const row = await this.db<ReleaseRow>(RELEASES).where({ id }).first();
    if (!row) throw new NotFoundError(`No release ${id}`);
    const release = toRelease(row);
    if (!withTimeline) return release;
    const events: EventRow[] = await this.db(EVENTS)
      .where({ release_id: id })
      .orderBy('id', 'asc')
      .select(
        'at',
        'actor',
        'decision',
        'weight',
        'step',
        'message',
        'metrics',
      );
    return { ...release, timeline: events.map(toEvent) };
  }

  async list(filter: { entityRefs?: string[]; limit?: number } = {}) {
    let q = this.db<ReleaseRow>(RELEASES)
      .orderBy('updated_at', 'desc')
      .limit(filter.limit ?? 500);
    if (filter.entityRefs) q = q.whereIn('entity_ref', filter.entityRefs);
    return (await q.select()).map(toRelease);
  }

  /**
   * Claims up to `limit` releases whose step is due for `owner` until `leaseMs` from now: a
   * compare-and-set per row, so only one replica wins each. Returns the claimed ones.
   */
  async claimDue(
    owner: string,
    options: { now?: Date; leaseMs: number; limit?: number },
  ): Promise<Release[]> {
    const now = options.now ?? new Date();
    const until = new Date(now.getTime() + options.leaseMs);
    const candidates = await this.db<ReleaseRow>(RELEASES)
      .where({ state: 'progressing' })
      .andWhere('next_step_at', '<=', now)
      .andWhere(q =>
        q.whereNull('claimed_until').orWhere('claimed_until', '<', now),
      )
      .orderBy('next_step_at', 'asc')
      .limit(options.limit ?? 100)
      .select('id');
    const claimed: Release[] = [];
    for (const { id } of candidates) {
      const n = await this.db<ReleaseRow>(RELEASES)
        .where({ id, state: 'progressing' })
        .andWhere('next_step_at', '<=', now)
        .andWhere(q =>
          q.whereNull('claimed_until').orWhere('claimed_until', '<', now),
        )
        .update({ claimed_by: owner, claimed_until: until });
      if (n === 1) claimed.push(await this.get(id));
    }
    return claimed;
  }

  /** Whether `owner` still holds its claim on the release (a person's action revokes it). */
  async holds(id: string, owner: string): Promise<boolean> {
    const row = await this.db<ReleaseRow>(RELEASES)
      .where({ id, claimed_by: owner, state: 'progressing' })
      .first('id');
    return row !== undefined;
  }

  /** Takes any replica's claim away, so its step in flight neither writes weights nor records. */
  async revokeClaim(id: string): Promise<void> {
    await this.db<ReleaseRow>(RELEASES)
      .where({ id })
      .update({ claimed_by: null, claimed_until: null });
  }

  /**
   * Applies an update and records its timeline entry in one transaction. With `owner`, only
   * while that replica still holds the claim (false when it lost it); the claim is released.
   */
  async update(
    id: string,
    change: ReleaseUpdate,
    options: { owner?: string; now?: Date } = {},
  ): Promise<boolean> {
    const now = options.now ?? new Date();
    return this.db.transaction(async tx => {
      let q = tx<ReleaseRow>(RELEASES).where({ id });
      if (options.owner) q = q.andWhere({ claimed_by: options.owner });
      const row = await q.clone().first();
      if (!row) return false;
      const set: Partial<ReleaseRow> = { updated_at: now };
      if (change.state !== undefined) set.state = change.state;
      if (change.weight !== undefined) set.weight = change.weight;
      if (change.step !== undefined) set.step = change.step;
      if (change.failedChecks !== undefined)
        set.failed_checks = change.failedChecks;
      if (change.nextStepAt !== undefined) set.next_step_at = change.nextStepAt;
      if (options.owner) {
        set.claimed_by = null;
        set.claimed_until = null;
      }
      const n = await q.update(set);
      if (n !== 1) return false;
      const e = change.event;
      await tx(EVENTS).insert({
        release_id: id,
        at: now,
        actor: e.actor,
        decision: e.decision,
        weight: change.weight ?? row.weight,
        step: change.step ?? row.step,
        message: e.message.slice(0, 4000),
        metrics:
          e.canary || e.stable
            ? JSON.stringify({ canary: e.canary, stable: e.stable })
            : null,
      });
      return true;
    });
  }
}
