import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';

/** A demo user who can sign in through the development OpenID Connect provider. */
export interface DemoAccount {
  /** The User entity's metadata.name: the OIDC subject and preferred_username. */
  username: string;
  displayName: string;
  email: string;
  /** Names of the groups the catalog lists in spec.memberOf (shown on the login page only). */
  groups: string[];
}

/** The claims of an account, per OIDC scope (openid, profile, email). */
export interface DemoClaims {
  sub: string;
  name: string;
  preferred_username: string;
  email: string;
  email_verified: boolean;
}

/**
 * The accounts of a catalog file: every User entity with a profile email, in file order.
 * Users without an email (the guest) are left out: Backstage matches OIDC sign-ins to catalog
 * users by email, and the guest signs in through Backstage's guest provider instead.
 */
export function parseDemoAccounts(catalogYaml: string): DemoAccount[] {
  const accounts: DemoAccount[] = [];
  for (const doc of parseAllDocuments(catalogYaml)) {
    if (doc.errors.length > 0) {
      throw new Error(`invalid catalog YAML: ${doc.errors[0].message}`);
    }
    const entity = doc.toJS() as any;
    if (entity?.kind !== 'User') continue;
    const username = entity.metadata?.name;
    const email = entity.spec?.profile?.email;
    if (typeof username !== 'string' || typeof email !== 'string' || !email) {
      continue;
    }
    const displayName = entity.spec?.profile?.displayName;
    const memberOf = entity.spec?.memberOf;
    accounts.push({
      username,
      displayName:
        typeof displayName === 'string' && displayName ? displayName : username,
      email,
      groups: Array.isArray(memberOf)
        ? memberOf.filter((g): g is string => typeof g === 'string')
        : [],
    });
  }
  return accounts;
}

/** Reads the accounts of a catalog file (examples/catalog/org.yaml for the demo). */
export function loadDemoAccounts(catalogFile: string): DemoAccount[] {
  return parseDemoAccounts(readFileSync(catalogFile, 'utf8'));
}

/**
 * The account signing in as `id` (a username, case-sensitive as in the catalog), or undefined
 * for anything else.
 */
export function findDemoAccount(
  accounts: readonly DemoAccount[],
  id: unknown,
): DemoAccount | undefined {
  if (typeof id !== 'string') return undefined;
  return accounts.find(a => a.username === id);
}

/** The ID token / userinfo claims of an account. */
export function demoClaims(account: DemoAccount): DemoClaims {
  return {
    sub: account.username,
    name: account.displayName,
    preferred_username: account.username,
    email: account.email,
    // Backstage's OIDC provider uses the email only when it is verified.
    email_verified: true,
  };
}
