import type {
  HttpHeaderModifier,
  HttpPathModifier,
  HttpRouteFilter,
  HttpRouteIssue,
} from '@kubemate/plugin-kubemate-common';
import { isEditableFilter, type FieldPath, type RouteDraft } from './draft';

/** The issue path of a field: `['spec', 'rules', 0, 'matches']` → `spec.rules[0].matches`. */
export function fieldKey(path: FieldPath): string {
  return path.reduce<string>((key, segment, i) => {
    if (typeof segment === 'number') return `${key}[${segment}]`;
    return i === 0 ? segment : `${key}.${segment}`;
  }, '');
}

/** The DOM id of a field's input, so a failed save can focus it. */
export const fieldId = (key: string) =>
  `route-${key.replace(/[^A-Za-z0-9]+/g, '-').replace(/-$/, '')}`;

/** The field of a path modifier's value, which depends on its type. */
export function pathModifierValueField(
  path: HttpPathModifier | undefined,
): 'replaceFullPath' | 'replacePrefixMatch' | undefined {
  if (path?.type === 'ReplaceFullPath') return 'replaceFullPath';
  if (path?.type === 'ReplacePrefixMatch') return 'replacePrefixMatch';
  return undefined;
}

function headerModifierKeys(
  at: string,
  modifier: HttpHeaderModifier | undefined,
): string[] {
  return [
    ...(['set', 'add'] as const).flatMap(action =>
      (modifier?.[action] ?? []).flatMap((_, i) => [
        `${at}.${action}[${i}].name`,
        `${at}.${action}[${i}].value`,
      ]),
    ),
    ...(modifier?.remove ?? []).map((_, i) => `${at}.remove[${i}]`),
  ];
}

function pathModifierKeys(at: string, path: HttpPathModifier | undefined) {
  const value = pathModifierValueField(path);
  return [`${at}.type`, ...(value ? [`${at}.${value}`] : [])];
}

function filterKeys(at: string, filter: HttpRouteFilter): string[] {
  if (!isEditableFilter(filter.type)) return [];
  const keys = [`${at}.type`];
  switch (filter.type) {
    case 'RequestHeaderModifier':
      keys.push(
        ...headerModifierKeys(
          `${at}.requestHeaderModifier`,
          filter.requestHeaderModifier,
        ),
      );
      break;
    case 'ResponseHeaderModifier':
      keys.push(
        ...headerModifierKeys(
          `${at}.responseHeaderModifier`,
          filter.responseHeaderModifier,
        ),
      );
      break;
    case 'RequestRedirect': {
      const r = `${at}.requestRedirect`;
      keys.push(
        `${r}.scheme`,
        `${r}.hostname`,
        `${r}.port`,
        ...pathModifierKeys(`${r}.path`, filter.requestRedirect?.path),
        `${r}.statusCode`,
      );
      break;
    }
    case 'URLRewrite':
      keys.push(
        `${at}.urlRewrite.hostname`,
        ...pathModifierKeys(`${at}.urlRewrite.path`, filter.urlRewrite?.path),
      );
      break;
    default:
      keys.push(`${at}.extensionRef.name`);
  }
  return keys;
}

/**
 * The key of every input of the form for this draft, in the order they appear. Issues at these
 * keys show under their input; the first one is focused after a failed save.
 */
export function formFieldKeys(draft: RouteDraft): string[] {
  const { spec } = draft;
  const keys = ['metadata.name', 'metadata.namespace'];
  (spec.parentRefs ?? []).forEach((_, p) => keys.push(`spec.parentRefs[${p}]`));
  (spec.hostnames ?? []).forEach((_, h) => keys.push(`spec.hostnames[${h}]`));
  (spec.rules ?? []).forEach((rule, r) => {
    const at = `spec.rules[${r}]`;
    (rule.matches ?? []).forEach((match, m) => {
      const mAt = `${at}.matches[${m}]`;
      keys.push(`${mAt}.path.type`, `${mAt}.path.value`, `${mAt}.method`);
      for (const list of ['headers', 'queryParams'] as const) {
        (match[list] ?? []).forEach((_, i) =>
          keys.push(
            `${mAt}.${list}[${i}].name`,
            `${mAt}.${list}[${i}].value`,
            `${mAt}.${list}[${i}].type`,
          ),
        );
      }
    });
    (rule.backendRefs ?? []).forEach((_, b) =>
      keys.push(
        `${at}.backendRefs[${b}].name`,
        `${at}.backendRefs[${b}].port`,
        `${at}.backendRefs[${b}].weight`,
      ),
    );
    (rule.filters ?? []).forEach((filter, f) =>
      keys.push(...filterKeys(`${at}.filters[${f}]`, filter)),
    );
    keys.push(`${at}.timeouts.request`, `${at}.timeouts.backendRequest`);
  });
  return keys;
}

// Issues about a whole object, or a part without its own input, go to the input that sets it.
const aliases: Array<[RegExp, string]> = [
  [/^(spec\.parentRefs\[\d+\])(\..*)?$/, '$1'],
  [
    /^(spec\.rules\[\d+\]\.backendRefs\[\d+\])(\.(name|kind|group|namespace))?$/,
    '$1.name',
  ],
  [/^(spec\.rules\[\d+\]\.filters\[\d+\]\.extensionRef)(\..*)?$/, '$1.name'],
  [
    /^(spec\.rules\[\d+\]\.matches\[\d+\]\.(headers|queryParams)\[\d+\])$/,
    '$1.name',
  ],
  [
    /^(spec\.rules\[\d+\]\.filters\[\d+\]\.\w+HeaderModifier\.(set|add)\[\d+\])$/,
    '$1.name',
  ],
  [/^(spec\.rules\[\d+\]\.matches\[\d+\]\.path)$/, '$1.value'],
];

/** The form field an issue belongs to (its own path, or the input that sets that part). */
export function issueFieldKey(path: string): string {
  for (const [pattern, replacement] of aliases) {
    if (pattern.test(path)) return path.replace(pattern, replacement);
  }
  return path;
}

export type PlacedIssues = {
  /** Messages per form field key. */
  byField: Map<string, string[]>;
  /** Issues without an input of their own, listed above the form. */
  unplaced: HttpRouteIssue[];
  /** The first field (in form order) with an issue. */
  firstField?: string;
};

/** Each issue at its input when the form has one, otherwise in the list above the form. */
export function placeIssues(
  issues: HttpRouteIssue[],
  keys: string[],
): PlacedIssues {
  const known = new Set(keys);
  const byField = new Map<string, string[]>();
  const unplaced: HttpRouteIssue[] = [];
  for (const issue of issues) {
    const key = issueFieldKey(issue.path);
    if (known.has(key)) {
      const messages = byField.get(key) ?? [];
      if (!messages.includes(issue.message)) messages.push(issue.message);
      byField.set(key, messages);
    } else {
      unplaced.push(issue);
    }
  }
  return { byField, unplaced, firstField: keys.find(k => byField.has(k)) };
}
