import { NotFoundError } from '@backstage/errors';
import { createTestDatabases } from '../../../__testUtils__/testDatabases';
import { CLUSTER, createStore, fail } from '../__testUtils__/fixtures';
import { getFinding } from './getFinding';

jest.setTimeout(60_000);

describe('getFinding', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', id => {
    it('reads one finding with its history', async () => {
      const { knex, run } = await createStore(databases, id);
      const a = fail('r1', 'a', { container: 'app' });
      const r = await run([a]);
      expect(await getFinding(knex, a.fingerprint)).toMatchObject({
        fingerprint: a.fingerprint,
        cluster: CLUSTER,
        ruleId: 'r1',
        ruleVersion: '1.0.0',
        source: 'engine',
        title: 'r1 title',
        severity: 'medium',
        category: 'security',
        resource: {
          kind: 'Deployment',
          namespace: 'shop',
          name: 'a',
          container: 'app',
        },
        state: 'new',
        firstSeenRunId: r.id,
        timesSeen: 1,
        occurrences: 1,
        message: 'a violates r1',
        fix: 'kubectl -n shop patch deployment a',
        history: [expect.objectContaining({ to: 'new', runId: r.id })],
      });
      await expect(getFinding(knex, '0'.repeat(64))).rejects.toBeInstanceOf(
        NotFoundError,
      );
    });
  });
});
