import { resolve } from 'node:path';
import {
  demoClaims,
  findDemoAccount,
  loadDemoAccounts,
  parseDemoAccounts,
} from './accounts';

const ORG_YAML = resolve(__dirname, '../../../examples/catalog/org.yaml');

describe('demo accounts', () => {
  it('are the users of the demo organisation that have an email', () => {
    const accounts = loadDemoAccounts(ORG_YAML);
    expect(accounts).toEqual([
      {
        username: 'alice',
        displayName: 'Alice Chen',
        email: 'alice@example.com',
        groups: ['platform-admins'],
      },
      {
        username: 'bob',
        displayName: 'Bob Wang',
        email: 'bob@example.com',
        groups: ['team-erp'],
      },
      {
        username: 'carol',
        displayName: 'Carol Li',
        email: 'carol@example.com',
        groups: ['team-banking'],
      },
    ]);
    // The guest has no email and signs in through Backstage's guest provider.
    expect(findDemoAccount(accounts, 'guest')).toBeUndefined();
  });

  it('finds an account by its exact username only', () => {
    const accounts = loadDemoAccounts(ORG_YAML);
    expect(findDemoAccount(accounts, 'bob')?.email).toBe('bob@example.com');
    for (const id of ['Bob', 'bob@example.com', '', 'mallory', undefined, 42]) {
      expect(findDemoAccount(accounts, id)).toBeUndefined();
    }
  });

  it('gives the claims Backstage matches catalog users by', () => {
    const [alice] = loadDemoAccounts(ORG_YAML);
    expect(demoClaims(alice)).toEqual({
      sub: 'alice',
      name: 'Alice Chen',
      preferred_username: 'alice',
      email: 'alice@example.com',
      email_verified: true,
    });
  });

  it('ignores other kinds, users without email and falls back to the name', () => {
    const accounts = parseDemoAccounts(`
kind: Group
metadata: { name: team }
spec: { profile: { email: team@example.com } }
---
kind: User
metadata: { name: dave }
spec: { profile: { email: dave@example.com }, memberOf: [team, 7] }
---
kind: User
metadata: { name: erin }
spec: { profile: { displayName: Erin } }
`);
    expect(accounts).toEqual([
      {
        username: 'dave',
        displayName: 'dave',
        email: 'dave@example.com',
        groups: ['team'],
      },
    ]);
  });

  it('refuses a broken catalog file', () => {
    expect(() => parseDemoAccounts('kind: User\n  bad: [')).toThrow(
      /invalid catalog YAML/,
    );
  });
});
