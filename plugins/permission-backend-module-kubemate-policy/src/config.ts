import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { z } from 'zod';
import { KNOWN_PERMISSION_NAMES } from './knownPermissions';

/** The config key this module reads. */
export const CONFIG_KEY = 'kubemate.permissionPolicy';

/** Every permission name a role may mention: those of the portal's plugins. */
export const KUBEMATE_PERMISSION_NAMES: readonly string[] =
  KNOWN_PERMISSION_NAMES;

/** Kubemate's own permissions are denied unless a role grants them, whatever `defaultDecision` says. */
export const KUBEMATE_PERMISSION_PREFIX = 'kubemate.';

/** A role after validation: members as normalized (lower-case) entity refs. */
export interface KubemateRole {
  name: string;
  /** The patterns as written in config. */
  permissions: string[];
  /** Normalized `group:<namespace>/<name>` refs. */
  groups: string[];
  /** Normalized `user:<namespace>/<name>` refs. */
  users: string[];
  /** Held by every signed-in user (a user entity ref with ownership refs). */
  everyone: boolean;
  ownedEntitiesOnly: boolean;
  /** Whether the role grants a permission name (exact name or wildcard match). */
  grants(permissionName: string): boolean;
}

/** The validated policy configuration. */
export interface KubematePolicyConfig {
  defaultDecision: 'allow' | 'deny';
  roles: KubemateRole[];
}

const PATTERN_CHARS = /^[a-z0-9.*-]+$/;

/** Turns a permission pattern (`kubemate.workload.*`) into a RegExp. */
export function patternToRegExp(pattern: string): RegExp {
  const escaped = pattern
    .split('*')
    .map(part => part.replace(/[.+?^${}()|[\]\\-]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${escaped}$`);
}

const permissionPattern = z.string().superRefine((value, ctx) => {
  if (value.includes('*')) {
    if (!PATTERN_CHARS.test(value) || value.includes('**')) {
      ctx.addIssue({
        code: 'custom',
        message: `invalid wildcard pattern '${value}': use lower-case letters, digits, '.', '-' and single '*' wildcards, e.g. 'kubemate.workload.*'`,
      });
      return;
    }
    if (value.startsWith('*')) {
      ctx.addIssue({
        code: 'custom',
        message: `invalid wildcard pattern '${value}': a pattern names a plugin first, e.g. 'catalog.*' or 'kubemate.workload.*'`,
      });
      return;
    }
    const re = patternToRegExp(value);
    if (!KUBEMATE_PERMISSION_NAMES.some(name => re.test(name))) {
      ctx.addIssue({
        code: 'custom',
        message: `wildcard pattern '${value}' matches no known permission; valid names: ${KUBEMATE_PERMISSION_NAMES.join(
          ', ',
        )}`,
      });
    }
    return;
  }
  if (!KUBEMATE_PERMISSION_NAMES.includes(value)) {
    ctx.addIssue({
      code: 'custom',
      message: `unknown permission '${value}'; valid names: ${KUBEMATE_PERMISSION_NAMES.join(
        ', ',
      )}`,
    });
  }
});

const memberRef = (kind: 'group' | 'user') =>
  z.string().transform((value, ctx) => {
    try {
      const ref = parseEntityRef(value.trim(), {
        defaultKind: kind,
        defaultNamespace: 'default',
      });
      if (ref.kind.toLocaleLowerCase('en-US') !== kind) {
        ctx.addIssue({
          code: 'custom',
          message: `'${value}' refers to kind '${ref.kind}'; expected a ${kind} reference such as '${kind}:default/name'`,
        });
        return z.NEVER;
      }
      return stringifyEntityRef(ref).toLocaleLowerCase('en-US');
    } catch (e) {
      ctx.addIssue({
        code: 'custom',
        message: `invalid ${kind} reference '${value}': ${
          (e as Error).message
        }`,
      });
      return z.NEVER;
    }
  });

const roleSchema = z
  .object({
    name: z.string().trim().min(1, { message: 'role name must not be empty' }),
    permissions: z.array(permissionPattern),
    groups: z.array(memberRef('group')).optional(),
    users: z.array(memberRef('user')).optional(),
    everyone: z.boolean().optional(),
    ownedEntitiesOnly: z.boolean().optional(),
  })
  .strict();

const policySchema = z
  .object({
    defaultDecision: z.enum(['allow', 'deny']).optional(),
    roles: z.array(roleSchema).optional(),
  })
  .strict()
  .superRefine((value, ctx) => {
    const seen = new Set<string>();
    (value.roles ?? []).forEach((role, i) => {
      if (seen.has(role.name)) {
        ctx.addIssue({
          code: 'custom',
          path: ['roles', i, 'name'],
          message: `duplicate role name '${role.name}'`,
        });
      }
      seen.add(role.name);
    });
  });

function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = CONFIG_KEY;
  for (const segment of path) {
    out += typeof segment === 'number' ? `[${segment}]` : `.${String(segment)}`;
  }
  return out;
}

function formatIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') {
    return issue.keys
      .map(key => `${formatPath([...issue.path, key])}: unknown key '${key}'`)
      .join('; ');
  }
  return `${formatPath(issue.path)}: ${issue.message}`;
}

/**
 * Validates raw `kubemate.permissionPolicy` config (the JSON value, or undefined when absent).
 *
 * @throws InputError naming every bad key.
 */
export function parsePolicyConfig(raw: unknown): KubematePolicyConfig {
  const result = policySchema.safeParse(raw ?? {});
  if (!result.success) {
    throw new InputError(
      `Invalid ${CONFIG_KEY} configuration: ${result.error.issues
        .map(formatIssue)
        .join('; ')}`,
    );
  }
  const data = result.data;
  return {
    defaultDecision: data.defaultDecision ?? 'deny',
    roles: (data.roles ?? []).map(role => {
      const matchers = role.permissions.map(p =>
        p.includes('*') ? patternToRegExp(p) : p,
      );
      return {
        name: role.name,
        permissions: role.permissions,
        groups: role.groups ?? [],
        users: role.users ?? [],
        everyone: role.everyone ?? false,
        ownedEntitiesOnly: role.ownedEntitiesOnly ?? false,
        grants: (permissionName: string) =>
          matchers.some(m =>
            typeof m === 'string'
              ? m === permissionName
              : m.test(permissionName),
          ),
      };
    }),
  };
}

/** Reads and validates `kubemate.permissionPolicy` from the root config. */
export function readPolicyConfig(config: Config): KubematePolicyConfig {
  return parsePolicyConfig(config.getOptional(CONFIG_KEY));
}
