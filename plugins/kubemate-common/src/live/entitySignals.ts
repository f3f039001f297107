/**
 * The signal the backend publishes when an entity's Kubernetes objects changed, and the channel
 * it goes to, shared by the backend publisher and the frontend subscriber.
 */

/** The parts of an entity reference a channel is named by. */
export interface EntitySignalRef {
  kind: string;
  namespace?: string;
  name: string;
}

/**
 * `kubemate:entity:<kind>:<namespace>:<name>`, lower-cased as entity references compare
 * case-insensitively, so both sides name the same channel whatever casing they were given.
 */
export function entityChangedChannel(ref: EntitySignalRef): string {
  return `kubemate:entity:${ref.kind}:${ref.namespace ?? 'default'}:${
    ref.name
  }`.toLocaleLowerCase('en-US');
}

/**
 * "Something the entity's pages show has changed; fetch again." It carries no object data, so
 * nothing leaks through it; `version` grows with every change the backend noticed, letting a
 * client skip a signal about a version it already has.
 */
export type EntityChangedSignal = {
  type: 'changed';
  version: number;
};

/** `kubemate:cluster-events:<cluster>`: a cluster's events changed (the admin console's stream). */
export function clusterEventsChannel(cluster: string): string {
  return `kubemate:cluster-events:${cluster}`.toLocaleLowerCase('en-US');
}

/** "The cluster's warning events changed; fetch again." Carries no event data. */
export type ClusterEventsSignal = {
  type: 'events-changed';
  cluster: string;
};
