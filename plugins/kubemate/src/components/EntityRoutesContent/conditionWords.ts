import type { RouteCondition } from '@kubemate/plugin-kubemate-common';

/** What a Gateway API condition reason means for the person reading the route. */
const REASONS: Record<string, string> = {
  NoMatchingParent:
    'The parent does not exist, or has no listener or port of that name.',
  NotAllowedByListeners:
    "The listener does not take routes from this route's namespace (or of this kind).",
  NoMatchingListenerHostname:
    "None of the route's hostnames matches the listener's hostname.",
  UnsupportedValue:
    'The implementation does not support a value the route uses.',
  BackendNotFound: 'A backend Service does not exist.',
  RefNotPermitted:
    'A backend in another namespace is not allowed by a ReferenceGrant there.',
  InvalidKind: 'A backend is not a Service.',
  UnsupportedProtocol: 'The implementation does not serve this protocol.',
  HostnameConflict:
    'Another listener on the same port and protocol has the same hostname; routes on it are not served.',
  ProtocolConflict:
    'Another listener on the same port uses another protocol; routes on it are not served.',
  InvalidCertificateRef: 'The TLS certificate Secret is missing or not usable.',
  Invalid: 'The configuration is not valid for the implementation.',
  Pending: 'The implementation has not processed this yet.',
};

/** The condition in plain words when it reports a problem; undefined when all is well. */
export function conditionProblem(c: RouteCondition): string | undefined {
  // Conflicted is the one condition where True is the problem.
  const bad =
    c.type === 'Conflicted' ? c.status === 'True' : c.status !== 'True';
  if (!bad) return undefined;
  const words = (c.reason && REASONS[c.reason]) ?? c.message;
  return words ?? `${c.type} is ${c.status}.`;
}

/**
 * Why a status may be out of date: conditions written for an older generation of the spec
 * than the one stored (the implementation has not caught up with the last edit).
 */
export function staleStatus(
  conditions: RouteCondition[],
  generation: number | undefined,
): string | undefined {
  if (generation === undefined) return undefined;
  const observed = conditions
    .map(c => c.observedGeneration)
    .filter((g): g is number => g !== undefined);
  if (!observed.length) return undefined;
  const oldest = Math.min(...observed);
  return oldest < generation
    ? `Status is for generation ${oldest}; the spec is at ${generation}: the implementation has not caught up with the last change yet.`
    : undefined;
}
