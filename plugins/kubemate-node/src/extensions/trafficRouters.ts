import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type {
  TrafficBackend,
  TrafficMatch,
  TrafficRoute,
} from '@kubemate/plugin-kubemate-common';
import type { KubemateCluster } from '../clusters';

// The wire shapes are the contract's (kubemate-common), so what a router reads is what the API
// answers.
export type {
  TrafficBackend,
  TrafficMatch,
  TrafficRoute,
} from '@kubemate/plugin-kubemate-common';

/** Which route of a Service, and which rule of it (routes with several rules). @public */
export interface TrafficRouteRef {
  namespace: string;
  /** The Service whose traffic is split. */
  service: string;
  /** Route object name; needed only when several routes attach to the Service. */
  route?: string;
  /** Rule name or index; default the only rule, else the first rule without matches. */
  rule?: string | number;
}

/** @public */
export interface TrafficRouteChange {
  /** The rule's backends become exactly these (other fields of a kept backend stay). */
  backends: TrafficBackend[];
  /** When given, the rule's header/cookie matches become these. */
  matches?: TrafficMatch[];
  /**
   * A rule of its own, beside the chosen one, sending requests that match any of `matches` to
   * `backend` alone (a header or cookie canary); `backend: null` removes it. The rule is found
   * by its matches, so a route keeps at most one per set of matches. Routers without
   * `supportsMatches` refuse it.
   */
  matchRule?: {
    matches: TrafficMatch[];
    backend: Omit<TrafficBackend, 'weight'> | null;
  };
  /**
   * Sticky sessions: responses from `backend` through the chosen rule set a cookie (the
   * `Set-Cookie` value given), so a match on it can keep the user there; `setCookie: null`
   * removes it. Found by the cookie's name.
   */
  sticky?: { cookie: string; backend: string; setCookie: string | null };
}

/**
 * Reads and sets backend weights and match rules on a Service's route, for the release
 * controller. One router per route kind (Gateway API HTTPRoute, SMI TrafficSplit, …); clusters
 * choose theirs in `kubemate.traffic.clusters.<name>.router`.
 *
 * @public
 */
export interface TrafficRouter {
  /** Route kind, also the value of `router` in the config (e.g. `HTTPRoute`). */
  kind: string;
  /** Whether header/cookie matches can be set. */
  supportsMatches: boolean;
  getRoute(
    cluster: KubemateCluster,
    ref: TrafficRouteRef,
  ): Promise<TrafficRoute>;
  setRoute(
    cluster: KubemateCluster,
    ref: TrafficRouteRef,
    change: TrafficRouteChange,
  ): Promise<TrafficRoute>;
}

/** @public */
export interface KubemateTrafficRoutersExtensionPoint {
  addTrafficRouter(...routers: TrafficRouter[]): void;
}

/**
 * Adds traffic routers beside the built-in HTTPRoute and TrafficSplit ones. A kind that is
 * already registered is refused.
 *
 * @public
 */
export const kubemateTrafficRoutersExtensionPoint =
  createExtensionPoint<KubemateTrafficRoutersExtensionPoint>({
    id: 'kubemate.traffic-routers',
  });
