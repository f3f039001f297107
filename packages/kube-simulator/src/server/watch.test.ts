import { startGoldenSimulator } from '../__testUtils__/golden';
import { api } from '../__testUtils__/http';
import { Simulator } from '../simulator';

describe('watch protocol', () => {
  let sim: Simulator;
  let c: ReturnType<typeof api>;
  const ns = '/api/v1/namespaces/w/configmaps';

  beforeAll(async () => {
    sim = await startGoldenSimulator();
    c = api(sim);
    await c.post('/api/v1/namespaces', { metadata: { name: 'w' } });
  });
  afterAll(() => sim.stop());

  it('replays changes after a list resourceVersion; no-op writes emit nothing; DELETED carries a new rv', async () => {
    const list = await c.get(ns);
    const rv = list.body.metadata.resourceVersion;
    await c.post(ns, {
      metadata: { name: 'w1', labels: { w: 'yes' } },
      data: { v: '1' },
    });
    const put = await c.put(`${ns}/w1`, {
      metadata: { name: 'w1', labels: { w: 'yes' } },
      data: { v: '2' },
    });
    await c.patch(`${ns}/w1`, { data: { v: '3' } });
    const noop = await c.patch(`${ns}/w1`, { data: { v: '3' } });
    expect(noop.body.metadata.resourceVersion).not.toBe(
      put.body.metadata.resourceVersion,
    );
    const before = noop.body.metadata.resourceVersion;
    await c.del(`${ns}/w1`);
    const { status, events: all } = await c.watch(
      `${ns}?watch=1&resourceVersion=${rv}`,
      300,
    );
    const events = all.filter(e => e.object.metadata.name === 'w1');
    expect(status).toBe(200);
    expect(events.map(e => `${e.type} ${e.object.data?.v}`)).toEqual([
      'ADDED 1',
      'MODIFIED 2',
      'MODIFIED 3',
      'DELETED 3',
    ]);
    const del = events[3].object;
    expect(Number(del.metadata.resourceVersion)).toBeGreaterThan(
      Number(before),
    );
    expect(events[0].object.kind).toBe('ConfigMap');
  });

  it('sends synthetic ADDED events for rv=0 and no rv', async () => {
    await c.post(ns, { metadata: { name: 'keep-1', labels: { w: 'yes' } } });
    await sim.reconcileNow();
    for (const q of ['?watch=1&resourceVersion=0', '?watch=true']) {
      const { events } = await c.watch(`${ns}${q}`, 200);
      expect(events.every(e => e.type === 'ADDED')).toBe(true);
      expect(events.map(e => e.object.metadata.name).sort()).toEqual([
        'keep-1',
        'kube-root-ca.crt',
      ]);
    }
  });

  it('turns selector transitions into DELETED/ADDED and follows one object by field selector', async () => {
    const rv = (await c.get(ns)).body.metadata.resourceVersion;
    await c.post(ns, { metadata: { name: 'keep-2', labels: { w: 'yes' } } });
    await c.patch(`${ns}/keep-2`, { metadata: { labels: { w: 'no' } } });
    await c.patch(`${ns}/keep-2`, { metadata: { labels: { w: 'yes' } } });
    const { events } = await c.watch(
      `${ns}?watch=1&labelSelector=w%3Dyes&resourceVersion=${rv}`,
      200,
    );
    expect(events.map(e => e.type)).toEqual(['ADDED', 'DELETED', 'ADDED']);
    expect(events[1].object.metadata.labels.w).toBe('yes');
    const single = await c.watch(
      `${ns}?watch=1&fieldSelector=metadata.name%3Dkeep-1`,
      200,
    );
    expect(single.events.map(e => e.object.metadata.name)).toEqual(['keep-1']);
  });

  it('sends BOOKMARKs only when allowed and ends at timeoutSeconds', async () => {
    const t0 = Date.now();
    const { events } = await c.watch(
      `${ns}?watch=1&allowWatchBookmarks=true&timeoutSeconds=3&resourceVersion=${
        (
          await c.get(ns)
        ).body.metadata.resourceVersion
      }`,
      5000,
    );
    expect(Date.now() - t0).toBeLessThan(4500);
    const bm = events.find(e => e.type === 'BOOKMARK');
    expect(bm.object).toEqual({
      kind: 'ConfigMap',
      apiVersion: 'v1',
      metadata: {
        resourceVersion: expect.any(String),
        creationTimestamp: null,
      },
    });
    const plain = await c.watch(
      `${ns}?watch=1&timeoutSeconds=1&resourceVersion=${
        (
          await c.get(ns)
        ).body.metadata.resourceVersion
      }`,
      5000,
    );
    expect(plain.events.filter(e => e.type === 'BOOKMARK')).toEqual([]);
  }, 15_000);

  it('rejects an unparsable rv with a 500 Status that has no reason', async () => {
    const r = await c.get(`${ns}?watch=1&resourceVersion=abc`);
    expect(r.status).toBe(500);
    expect(r.body).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message:
        'resourceVersion: Invalid value: "abc": strconv.ParseUint: parsing "abc": invalid syntax',
      code: 500,
    });
  });

  it('expires too-old resource versions (ERROR event, 410 lists and continue tokens)', async () => {
    const page = await c.get(`${ns}?limit=1`);
    const oldRv = page.body.metadata.resourceVersion;
    await c.patch(`${ns}/keep-1`, { data: { t: '1' } });
    await fetch(`${sim.url}/simulator/compact`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${sim.token}` },
    });
    const { events } = await c.watch(
      `${ns}?watch=1&resourceVersion=${oldRv}`,
      300,
    );
    expect(events).toHaveLength(1);
    expect(events[0].type).toBe('ERROR');
    expect(events[0].object).toMatchObject({
      kind: 'Status',
      status: 'Failure',
      reason: 'Expired',
      code: 410,
    });
    expect(events[0].object.message).toMatch(
      /^too old resource version: \d+ \(\d+\)$/,
    );
    const ev = await c.watch(
      `/api/v1/namespaces/w/events?watch=1&resourceVersion=${oldRv}`,
      300,
    );
    expect(ev.events[0].object.message).toBe(
      'The resourceVersion for the provided watch is too old.',
    );
    const exact = await c.get(
      `${ns}?resourceVersion=${oldRv}&resourceVersionMatch=Exact`,
    );
    expect(exact.status).toBe(410);
    expect(exact.body.message).toBe(
      'The resourceVersion for the provided list is too old.',
    );
    const cont = await c.get(
      `${ns}?limit=1&continue=${page.body.metadata.continue}`,
    );
    expect(cont.status).toBe(410);
    expect(cont.body.metadata.continue).toEqual(expect.any(String));
  });

  it('streams Table rows with column definitions only in the first event', async () => {
    const { events } = await c.watch(
      `${ns}?watch=1&timeoutSeconds=1`,
      2000,
      undefined,
      { Accept: 'application/json;as=Table;v=v1;g=meta.k8s.io' },
    );
    expect(events.length).toBeGreaterThanOrEqual(2);
    expect(events[0].object.kind).toBe('Table');
    expect(
      events[0].object.columnDefinitions.map((x: { name: string }) => x.name),
    ).toEqual(['Name', 'Data', 'Age']);
    expect(events[1].object.columnDefinitions).toBeNull();
  });

  it('fans one change out to many watchers', async () => {
    const watchers = Array.from({ length: 20 }, () =>
      c.watch(`${ns}?watch=1&resourceVersion=${sim.store.currentRv()}`, 400),
    );
    await new Promise(r => setTimeout(r, 100));
    await c.post(ns, { metadata: { name: 'fan' } });
    const results = await Promise.all(watchers);
    expect(
      results.every(r => r.events.some(e => e.object.metadata.name === 'fan')),
    ).toBe(true);
  });
});
