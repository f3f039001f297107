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
 * ParentRefs are distinct, as the CRD's two standard-channel CEL rules on `parentRefs` say:
 * references to the same parent (group, kind, namespace, name) either all set `sectionName` or
 * none does, and no two of them name the same section (two without one count as the same). The
 * standard channel does not weigh `port` here (only the experimental channel's rules do), so two
 * references to one Gateway told apart by port alone are refused, as the API server refuses them.
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
    const named = (i: number) => refs[i].sectionName !== undefined;
    const first = indexes[0];
    for (const i of indexes.slice(1)) {
      if (named(i) !== named(first)) {
        issues.push(
          issueAt(
            ['parentRefs', i, 'sectionName'],
            named(first)
              ? 'this parent is referenced more than once, so every reference to it needs a sectionName'
              : 'this parent is also referenced without a sectionName; with several references to one parent, either all set sectionName or none does',
          ),
        );
      }
    }
    for (const j of repeatedIndexes(
      indexes.map(i => refs[i]),
      ref => ref.sectionName ?? '',
    )) {
      const ref = refs[indexes[j]];
      issues.push(
        issueAt(
          ['parentRefs', indexes[j]],
          ref.sectionName === undefined
            ? 'this parent is already referenced without a sectionName; to attach to several of its listeners, give each reference a different sectionName (port does not tell references apart)'
            : `this parent's section ${ref.sectionName} is already referenced`,
        ),
      );
    }
  }
  return issues;
}
