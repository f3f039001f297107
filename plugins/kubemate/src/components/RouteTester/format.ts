import type { RouteTestResponse } from '@kubemate/plugin-kubemate-common';

type MatchRef = NonNullable<RouteTestResponse['winner']>;
type Backend = RouteTestResponse['backends'][number];

/** A route's rule and match, counted from 1 as the Routes table lists them. */
export function matchRefLabel(ref: MatchRef): string {
  return `${ref.namespace}/${ref.name} · rule ${ref.ruleIndex + 1} · match ${
    ref.matchIndex + 1
  }`;
}

/** A backend as `Service ns/name:port`. */
export function backendLabel(b: Backend): string {
  return `${b.kind} ${b.namespace}/${b.name}${
    b.port !== undefined ? `:${b.port}` : ''
  }`;
}

/** A share in percent for display and for a bar: finite, within 0–100, at most one decimal. */
export function percentOf(percent: number): number {
  if (!Number.isFinite(percent)) return 0;
  return Math.round(Math.min(100, Math.max(0, percent)) * 10) / 10;
}
