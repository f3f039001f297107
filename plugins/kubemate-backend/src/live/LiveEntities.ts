import type { LoggerService } from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import type { SignalsService } from '@backstage/plugin-signals-node';
import {
  entityChangedChannel,
  type EntityChangedSignal,
  type EntityMapping,
  type KubeObject,
  type WorkloadPlural,
} from '@kubemate/plugin-kubemate-common';
import { directlySelectedBy } from '../workloads/selectEntityObjects';
import {
  affects,
  emptySelection,
  type ChangeSource,
  type EntitySelection,
  type ObjectChange,
} from './entityChanges';
import { SerializedAnswer } from './SerializedAnswer';

export interface LiveEntitiesOptions {
  logger: LoggerService;
  /** Where "changed" signals go; without it answers are still kept and invalidated. */
  signals?: SignalsService;
  /** How long changes are gathered into one signal; default 100 ms. */
  coalesceMs?: number;
  /** How long after its last read an entity is followed and its readers signalled; default 10 min. */
  followMs?: number;
  /** Upper bound of the serialized answers kept in memory; default 256 MiB. */
  maxBytes?: number;
}

/** A freshly built answer and, per cluster it covers, the objects it showed. */
export interface BuiltAnswer {
  value: unknown;
  selections: Map<string, EntitySelection>;
}

/** One entity's answer for one resolved mapping (callers may see different System members). */
interface View {
  clusters: Set<string>;
  selectedDirectly: (plural: WorkloadPlural, o: KubeObject) => boolean;
  selections: Map<string, EntitySelection>;
  /** Serialized answers by variant (what differs per caller, e.g. Secret values shown). */
  answers: Map<string, SerializedAnswer>;
  building: Map<string, Promise<SerializedAnswer>>;
  /** Bumped by every change that concerns the view: a build started before it is not kept. */
  generation: number;
}

interface Followed {
  channel: string;
  version: number;
  lastRead: number;
  /** Users that read the entity, each after passing its permission check, and when. */
  readers: Map<string, number>;
  views: Map<string, View>;
  timer?: NodeJS.Timeout;
}

const NOTHING_SHOWN = emptySelection();
const PRUNE_EVERY_MS = 10_000;

/**
 * Entities whose workloads were read recently: their serialized answers (kept until a change
 * concerns them), and the "changed" signals to the users who read them.
 *
 * Only followed entities are looked at when a cluster reports a change, and each costs a few
 * set lookups (see `affects`), so the cost follows what people look at, not the cluster's size.
 * Signals go to the readers by user ref, never broadcast: even "entity X changed now" is only
 * told to users who were allowed to read X.
 */
export class LiveEntities {
  private readonly followed = new Map<string, Followed>();
  private readonly unsubscribe = new Map<string, () => void>();
  private readonly coalesceMs: number;
  private readonly followMs: number;
  private readonly maxBytes: number;
  private lastPrune = 0;

  constructor(private readonly options: LiveEntitiesOptions) {
    this.coalesceMs = options.coalesceMs ?? 100;
    this.followMs = options.followMs ?? 10 * 60_000;
    this.maxBytes = options.maxBytes ?? 256 * 1024 * 1024;
  }

  /** Listens to a cluster's changes (once per cluster name). */
  watch(cluster: string, source: ChangeSource): void {
    if (this.unsubscribe.has(cluster)) return;
    this.unsubscribe.set(
      cluster,
      source.subscribe(change => this.onChange(cluster, change)),
    );
  }

  /**
   * The entity's answer: the kept one when nothing it showed has changed since, else built
   * (once for concurrent requests) and kept unless `keep` is false.
   */
  async answer(request: {
    entityRef: string;
    mappings: EntityMapping[];
    /** Clusters the mappings apply to. */
    clusters: string[];
    /** What the answer varies by per caller besides the mappings. */
    variant: string;
    /** The user reading it, after the permission check; gets the signals. */
    reader?: string;
    /** False when the answer must not be reused (a cluster is not synced). */
    keep: boolean;
    build: () => Promise<BuiltAnswer>;
  }): Promise<SerializedAnswer> {
    const now = Date.now();
    this.prune(now);
    const followed = this.follow(request.entityRef, now);
    if (request.reader) followed.readers.set(request.reader, now);
    const viewKey = JSON.stringify(request.mappings);
    let view = followed.views.get(viewKey);
    if (!view) {
      view = {
        clusters: new Set(request.clusters),
        selectedDirectly: directlySelectedBy(request.mappings),
        selections: new Map(),
        answers: new Map(),
        building: new Map(),
        generation: 0,
      };
      followed.views.set(viewKey, view);
    }
    const { variant } = request;
    if (request.keep) {
      const kept =
        view.answers.get(variant) ?? view.building.get(variant) ?? undefined;
      if (kept) return kept;
    }
    const target = view;
    const generation = target.generation;
    const building = request.build().then(built => {
      // Newer than what the view knew, even if a change came meanwhile.
      target.selections = built.selections;
      const answer = new SerializedAnswer(built.value);
      if (request.keep && target.generation === generation) {
        target.answers.set(variant, answer);
        this.enforceBudget();
      }
      return answer;
    });
    if (request.keep) {
      target.building.set(variant, building);
      const forget = () => {
        if (target.building.get(variant) === building) {
          target.building.delete(variant);
        }
      };
      building.then(forget, forget);
    }
    return building;
  }

  /** Entities followed now (for tests and diagnostics). */
  get size(): number {
    return this.followed.size;
  }

  stop(): void {
    for (const unsubscribe of this.unsubscribe.values()) unsubscribe();
    this.unsubscribe.clear();
    for (const f of this.followed.values()) clearTimeout(f.timer);
    this.followed.clear();
  }

  private follow(entityRef: string, now: number): Followed {
    let followed = this.followed.get(entityRef);
    if (followed) {
      // Re-inserted so the map's order is least recently read first.
      this.followed.delete(entityRef);
    } else {
      followed = {
        channel: entityChangedChannel(parseEntityRef(entityRef)),
        version: 0,
        lastRead: now,
        readers: new Map(),
        views: new Map(),
      };
    }
    followed.lastRead = now;
    this.followed.set(entityRef, followed);
    return followed;
  }

  private onChange(cluster: string, change: ObjectChange) {
    for (const followed of this.followed.values()) {
      let concerned = false;
      for (const view of followed.views.values()) {
        if (!view.clusters.has(cluster)) continue;
        const shown = view.selections.get(cluster) ?? NOTHING_SHOWN;
        if (affects(change, shown, view.selectedDirectly)) {
          view.generation += 1;
          view.answers.clear();
          view.building.clear();
          concerned = true;
        }
      }
      if (concerned) this.schedule(followed);
    }
  }

  /** One signal per entity per `coalesceMs`, however many changes came in that time. */
  private schedule(followed: Followed) {
    followed.version += 1;
    if (followed.timer) return;
    followed.timer = setTimeout(() => {
      followed.timer = undefined;
      void this.publish(followed);
    }, this.coalesceMs);
    followed.timer.unref?.();
  }

  private async publish(followed: Followed) {
    const since = Date.now() - this.followMs;
    const readers = [...followed.readers]
      .filter(([, at]) => at > since)
      .map(([reader]) => reader);
    if (!this.options.signals || readers.length === 0) return;
    try {
      await this.options.signals.publish<EntityChangedSignal>({
        recipients: { type: 'user', entityRef: readers },
        channel: followed.channel,
        message: { type: 'changed', version: followed.version },
      });
    } catch (err) {
      this.options.logger.warn(
        `Could not signal a change on ${followed.channel}: ${err}`,
      );
    }
  }

  /** Forgets entities and readers not seen for `followMs`. */
  private prune(now: number) {
    if (now - this.lastPrune < PRUNE_EVERY_MS) return;
    this.lastPrune = now;
    const since = now - this.followMs;
    for (const [ref, followed] of this.followed) {
      if (followed.lastRead <= since) {
        clearTimeout(followed.timer);
        this.followed.delete(ref);
        continue;
      }
      for (const [reader, at] of followed.readers) {
        if (at <= since) followed.readers.delete(reader);
      }
    }
  }

  /** Drops the answers of the least recently read entities while over `maxBytes`. */
  private enforceBudget() {
    let total = 0;
    for (const followed of this.followed.values()) {
      for (const view of followed.views.values()) {
        for (const answer of view.answers.values()) total += answer.bytes;
      }
    }
    for (const followed of this.followed.values()) {
      if (total <= this.maxBytes) return;
      for (const view of followed.views.values()) {
        for (const answer of view.answers.values()) total -= answer.bytes;
        view.answers.clear();
      }
    }
  }
}
