/**
 * A problem with one field of an HTTPRoute, for the form to show next to the field and for the
 * API to answer with a 400.
 */
export type HttpRouteIssue = {
  /** Where, from the route object: `spec.rules[0].matches[1].path.value`. */
  path: string;
  message: string;
};

/** `['rules', 0, 'matches']` → `spec.rules[0].matches`. */
export function fieldPath(segments: ReadonlyArray<PropertyKey>): string {
  return segments.reduce<string>(
    (path, segment) =>
      typeof segment === 'number'
        ? `${path}[${segment}]`
        : `${path}.${String(segment)}`,
    'spec',
  );
}

/** An issue at a field given by its path segments under `spec`. */
export function issueAt(
  segments: ReadonlyArray<PropertyKey>,
  message: string,
): HttpRouteIssue {
  return { path: fieldPath(segments), message };
}
