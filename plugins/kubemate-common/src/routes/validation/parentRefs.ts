import { httpRouteDefaults } from './defaults';
import { issueAt, type HttpRouteIssue } from './issues';
import { repeatedIndexes } from './matches';
import type { HttpRouteParentRef, HttpRouteSpec } from './schema';

/** The object a parentRef selects: group, kind, namespace (unset: the route's) and name. */
export function parentKey(ref: HttpRouteParentRef): string {
  return [
    ref.group ?? httpRouteDefaults.parentGroup,
    ref.kind ?? httpRouteDefaults.parentKind,
    ref.namespace ?? '',
    ref.name,
  ].join('/');
}

/**
 * ParentRefs are distinct (the CRD's CEL rules, experimental channel, which also weighs
 * `port`): references to the same parent all set `sectionName` and/or `port` alike, and no two
 * select the same listener or port.
 */
export function checkParentRefs(spec: HttpRouteSpec): HttpRouteIssue[] {
  const refs = spec.parentRefs ?? [];
  const byParent = new Map<string, number[]>();
  refs.forEach((ref, i) => {
    const key = parentKey(ref);
    byParent.set(key, [...(byParent.get(key) ?? []), i]);
  });
  const issues: HttpRouteIssue[] = [];
  for (const indexes of byParent.values()) {
    if (indexes.length < 2) {
      continue;
    }
    const shape = (i: number) =>
      `${refs[i].sectionName !== undefined}/${refs[i].port !== undefined}`;
    const unnamed =
      refs[indexes[0]].sectionName === undefined &&
      refs[indexes[0]].port === undefined;
    if (unnamed || new Set(indexes.map(shape)).size > 1) {
      for (const i of indexes.slice(1)) {
        issues.push(
          issueAt(
            ['parentRefs', i],
            'this parent is referenced more than once: give every reference to it the same fields (sectionName and/or port) with different values',
          ),
        );
      }
      continue;
    }
    for (const j of repeatedIndexes(
      indexes.map(i => refs[i]),
      ref => `${ref.sectionName ?? ''}:${ref.port ?? ''}`,
    )) {
      issues.push(
        issueAt(
          ['parentRefs', indexes[j]],
          'this reference selects the same listener or port as an earlier one',
        ),
      );
    }
  }
  return issues;
}
