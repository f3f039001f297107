import type { SignalsService } from '@backstage/plugin-signals-node';
import {
  clusterEventsChannel,
  type ClusterEventsSignal,
  type ResourceType,
} from '@kubemate/plugin-kubemate-common';
import type { ClusterWatchCache } from '../clusters/ClusterWatchCache';

interface Followed {
  /** Users who read the cluster's events, each after passing the admin permission, and when. */
  readers: Map<string, number>;
  unsubscribe: () => void;
  timer?: NodeJS.Timeout;
}

/**
 * The admin console's event stream: when a cluster's Warning events change, the platform
 * admins who read them in the last `followMs` get a signal on `clusterEventsChannel` and fetch
 * again. Sent by user ref (never broadcast) and carrying no event, so nothing leaks through it.
 * A burst of events is one signal per `coalesceMs`.
 */
export class LiveClusterEvents {
  private readonly followed = new Map<string, Followed>();

  constructor(
    private readonly options: {
      signals: SignalsService;
      events: ResourceType;
      coalesceMs?: number;
      followMs?: number;
      now?: () => number;
    },
  ) {}

  /** Remembers that `userRef` reads the cluster's events, watching the cache from now on. */
  follow(
    cluster: string,
    cache: Pick<ClusterWatchCache, 'subscribeTo'>,
    userRef: string,
  ) {
    let entry = this.followed.get(cluster);
    if (!entry) {
      const created: Followed = {
        readers: new Map(),
        unsubscribe: cache.subscribeTo([this.options.events], change => {
          const type = (change.object as { type?: string } | undefined)?.type;
          if (change.type === 'resync' || type === 'Warning') {
            this.schedule(cluster, created);
          }
        }),
      };
      entry = created;
      this.followed.set(cluster, entry);
    }
    entry.readers.set(userRef, this.now());
  }

  /** Stops watching every cluster (the backend stops). */
  stop() {
    for (const entry of this.followed.values()) {
      clearTimeout(entry.timer);
      entry.unsubscribe();
    }
    this.followed.clear();
  }

  private schedule(cluster: string, entry: Followed) {
    if (entry.timer) return;
    entry.timer = setTimeout(() => {
      entry.timer = undefined;
      void this.publish(cluster, entry);
    }, this.options.coalesceMs ?? 500);
    entry.timer.unref?.();
  }

  private async publish(cluster: string, entry: Followed) {
    const since = this.now() - (this.options.followMs ?? 10 * 60_000);
    for (const [user, at] of entry.readers) {
      if (at < since) entry.readers.delete(user);
    }
    if (!entry.readers.size) {
      entry.unsubscribe();
      this.followed.delete(cluster);
      return;
    }
    const message: ClusterEventsSignal = { type: 'events-changed', cluster };
    await this.options.signals.publish<ClusterEventsSignal>({
      recipients: { type: 'user', entityRef: [...entry.readers.keys()] },
      channel: clusterEventsChannel(cluster),
      message,
    });
  }

  private now() {
    return (this.options.now ?? Date.now)();
  }
}
