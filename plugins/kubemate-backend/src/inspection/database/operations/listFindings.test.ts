import { InputError } from '@backstage/errors';
import { createTestDatabases } from '../../../__testUtils__/testDatabases';
import {
  CLUSTER,
  createStore,
  fail,
  MIXED_RUN,
} from '../__testUtils__/fixtures';
import { listFindings } from './listFindings';

jest.setTimeout(60_000);

describe('listFindings', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', id => {
    it('filters, sorts and pages findings', async () => {
      const { knex, run } = await createStore(databases, id);
      await run(MIXED_RUN);

      const all = await listFindings(knex);
      expect(all.total).toBe(5);
      expect(all.items.map(i => i.severity)).toEqual([
        'high',
        'high',
        'medium',
        'low',
        'low',
      ]);
      expect(all.items[0].history).toHaveLength(1);

      const byName = await listFindings(
        knex,
        {},
        [{ field: 'name', order: 'asc' }],
        { limit: 2, offset: 1 },
      );
      expect(byName.total).toBe(5);
      expect(byName.items.map(i => i.resource.name)).toEqual(['b', 'c']);

      const sevNs = await listFindings(
        knex,
        { severity: ['high', 'medium'], namespace: 'pay' },
        [{ field: 'severity', order: 'asc' }],
      );
      expect(sevNs.items.map(i => i.resource.name)).toEqual(['c', 'd']);
      expect((await listFindings(knex, { ruleId: 'r3' })).total).toBe(2);
      expect((await listFindings(knex, { category: 'network' })).total).toBe(0);
      expect(
        (await listFindings(knex, { entityRef: 'component:default/shop' }))
          .total,
      ).toBe(2);
      expect(
        (await listFindings(knex, { search: 'D' })).items.map(
          i => i.resource.name,
        ),
      ).toEqual(['d']);
      expect(
        (await listFindings(knex, { state: 'new', cluster: 'nope' })).total,
      ).toBe(0);
      expect(
        (await listFindings(knex, { kind: 'Deployment', cluster: CLUSTER }))
          .total,
      ).toBe(5);
      await expect(
        listFindings(knex, {}, [{ field: 'bogus' as any }]),
      ).rejects.toBeInstanceOf(InputError);
      await expect(
        listFindings(knex, { state: 'gone' as any }),
      ).rejects.toBeInstanceOf(InputError);
      await expect(
        listFindings(knex, {}, [], { limit: 0 }),
      ).rejects.toBeInstanceOf(InputError);
    });

    it('matches search text literally and can leave out the history', async () => {
      const { knex, run } = await createStore(databases, id);
      await run([fail('r1', 'web_1'), fail('r1', 'web11'), fail('r2', 'x%y')]);
      const names = async (search: string) =>
        (await listFindings(knex, { search })).items
          .map(i => i.resource.name)
          .sort();
      expect(await names('web_1')).toEqual(['web_1']);
      expect(await names('%')).toEqual(['x%y']);
      expect(await names('R2 TITLE')).toEqual(['x%y']);
      const bare = await listFindings(knex, {}, [], { includeHistory: false });
      expect(bare.items.every(i => i.history === undefined)).toBe(true);
    });
  });
});
