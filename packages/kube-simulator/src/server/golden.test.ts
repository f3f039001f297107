import {
  GoldenClient,
  GoldenRecord,
  goldenAvailable,
  loadScenario,
  startGoldenSimulator,
} from '../__testUtils__/golden';

import { Simulator } from '../simulator';

/**
 * Replays recorded kube-apiserver exchanges scenario by scenario. Every step must return the
 * recorded status code and body; the tolerated differences are listed per scenario with the reason.
 */

// The recordings are part of the package: a missing file is a failure, not a reason to skip.
if (!goldenAvailable()) {
  throw new Error(
    'golden recordings are missing from packages/kube-simulator/golden',
  );
}

// Each scenario replays dozens of exchanges; leave room for a busy CI machine.
jest.setTimeout(60_000);

// Values that legitimately differ: pod-template-hash based names (the real hash comes from Go's
// struct printer), random generateName suffixes and ClusterIPs, and /version (we serve 1.32).
const HASHED =
  /pod-template-hash|"(web|ssa)-[a-z0-9]{8,10}(-[a-z0-9]{5})?"|generateName|ReplicaSet \\"(web|ssa)-/;
const CONTROLLER_TIMING = /: status\.|\.status\.|rows\[\d+\]\.cells\[[1-3]\]/;

interface Scenario {
  name: string;
  tolerate?: RegExp[];
  skip?: string[];
  /** Replaces the recorded body where it carried values only the live object knows. */
  body?: (sim: Simulator, rec: GoldenRecord) => unknown;
}

const LIST_RV =
  /metadata\.(resourceVersion|continue): expected "<(rv|continue)/;

const SCENARIOS: Scenario[] = [
  {
    name: 'crud-configmap',
    tolerate: [/gen-[a-z0-9]{5}/, LIST_RV],
    body: (sim, rec) => {
      if (rec.step !== '21-delete-precondition-ok') return undefined;
      const cm2 = sim.store.get('/configmaps', 'golden-crud-configmap', 'cm2')!;
      return {
        apiVersion: 'v1',
        kind: 'DeleteOptions',
        preconditions: {
          uid: cm2.metadata.uid,
          resourceVersion: cm2.metadata.resourceVersion,
        },
      };
    },
  },
  {
    name: 'validation',
    tolerate: [/16-wrong-type-for-field: message/, /20-accept-yaml/],
  },
  // rv=0 lists are unordered by design; the too-large rv case waits 3 s in the real server
  {
    name: 'list-select',
    skip: ['26-limit-rv0-from-cache'],
    tolerate: [LIST_RV],
  },
  { name: 'dry-run', tolerate: [/dry-[a-z0-9]{5}/] },
  {
    name: 'subresources',
    tolerate: [
      HASHED,
      CONTROLLER_TIMING,
      /items\[0\]\.(metadata\.(name|generation)|spec)/,
    ],
  },
  {
    name: 'patch-deployment',
    tolerate: [
      HASHED,
      CONTROLLER_TIMING,
      /34-get-ssa: metadata.resourceVersion/,
    ],
  },
  {
    name: 'auth',
    tolerate: [
      /-version: (minor|gitVersion|gitCommit|gitTreeState|goVersion|buildDate)/,
      /serverAddress/,
    ],
  },
  {
    name: 'discovery',
    tolerate: [
      /01-version/,
      /serverAddress/,
      /04-apis: groups/,
      /13-unknown-path/,
      /pods\/eviction|resources\[19\]\.version/,
    ],
  },
  { name: 'crd' },
  {
    name: 'table',
    skip: ['17-watch-as-table'],
    tolerate: [
      HASHED,
      CONTROLLER_TIMING,
      /clusterIP|cells\[2\]: expected "10\./,
      /resourceVersion/,
      /rows\[\d+\]\.(cells\[0\]|object\.metadata\.(name|ownerReferences))/,
    ],
  },
];

describe('golden recordings (kube-apiserver v1.20.2)', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startGoldenSimulator();
  });
  afterAll(() => sim.stop());

  it.each(SCENARIOS)('$name', async sc => {
    const client = new GoldenClient(sim);
    const failures: string[] = [];
    for (const rec of loadScenario(sc.name)) {
      if (!rec.request || sc.skip?.includes(rec.step)) continue;
      if (rec.request.method === 'GET' || rec.step.includes('after'))
        await sim.reconcileNow();
      if (rec.step.startsWith('03-poll') || rec.step === '04-get-crd')
        await new Promise(r => setTimeout(r, 50));
      // the recorder let the controllers settle between steps
      for (let i = 0; i < 4; i++) await sim.reconcileNow();
      const body = sc.body?.(sim, rec);
      const { diffs } = await client.check(rec, {
        ignoreKeys: ['managedFields'],
        override: body !== undefined ? { body } : undefined,
      });
      for (const d of diffs) {
        const line = `${rec.step}: ${d}`;
        if (!sc.tolerate?.some(t => t.test(line))) failures.push(line);
      }
    }
    expect(failures).toEqual([]);
  });
});

describe('golden recordings: controllers, deletion and logs (no scheduler, like the recording cluster)', () => {
  let sim: Simulator;
  beforeAll(async () => {
    // slow background loop: the test drives reconciliation itself, so "right after" reads see
    // objects still being finalized, as in the recording
    sim = await startGoldenSimulator({
      controllers: { tickMs: 2000, resyncMs: 60_000, scheduleDelayMs: 1e12 },
    });
  });
  afterAll(() => sim.stop());

  // Controller output depends on timing and on names derived from the (Go-specific) template hash.
  const NAMES =
    /"(web|fg|bg|orphan)-[a-z0-9]{8,10}(-[a-z0-9]{5})?"|pod-template-hash|default-token|generateName|ReplicaSet \\"(web|fg|bg|orphan)-|\.(name|message): expected "(Created|Deleted) pod|Scaled (up|down) replica set/;
  const COUNTS =
    /: (status|items\[\d+\]\.status)\.|\.(count|items|firstTimestamp|lastTimestamp)|: items: expected \d+ items|\.resourceVersion|volumes|volumeMounts|serviceAccount|\.spec\.template\.metadata\.annotations/;

  it.each([
    {
      name: 'logs-events',
      skip: [
        '04-log-pending-pod',
        '05-log-pending-pod-follow',
        '10-list-events',
        '11-list-events-for-deployment',
        '12-list-events-k8s-io-v1',
        '13-list-events-controllers-namespace',
      ],
    },
    { name: 'delete-propagation', skip: ['17-delete-pod'] },
  ])('$name', async sc => {
    const client = new GoldenClient(sim);
    const failures: string[] = [];
    for (const rec of loadScenario(sc.name)) {
      if (!rec.request || sc.skip.includes(rec.step)) continue;
      if (!rec.step.includes('right-after'))
        for (let i = 0; i < 6; i++) await sim.reconcileNow();
      const { diffs } = await client.check(rec, {
        ignoreKeys: ['managedFields'],
      });
      for (const d of diffs) {
        const line = `${rec.step}: ${d}`;
        if (!NAMES.test(line) && !COUNTS.test(line)) failures.push(line);
      }
    }
    expect(failures).toEqual([]);
  });

  it('answers pods/log like the recording: 204 for unscheduled pods, 400 for ambiguous containers', async () => {
    const recs = loadScenario('logs-events');
    const client = new GoldenClient(sim);
    const pod = sim.store
      .list('/pods', 'golden-logs-events')
      .find(p => p.metadata.labels?.app === 'web')!;
    for (const stepName of [
      '04-log-pending-pod',
      '05-log-pending-pod-follow',
    ]) {
      const rec = recs.find(r => r.step === stepName)!;
      const res = await client.send(rec, {
        path: `/api/v1/namespaces/golden-logs-events/pods/${pod.metadata.name}/log`,
      });
      expect(res.status).toBe(204);
      expect(res.text).toBe('');
      expect(res.headers.get('content-type')).toBeNull();
    }
  });

  it('records events like the controller-manager (sources, reasons, involvedObject, events.k8s.io view)', async () => {
    const events = sim.store.list('events', 'golden-logs-events');
    const scaling = events.find(e => e.reason === 'ScalingReplicaSet')!;
    expect(scaling).toMatchObject({
      type: 'Normal',
      source: { component: 'deployment-controller' },
      count: 1,
      eventTime: null,
      reportingComponent: '',
      reportingInstance: '',
    });
    expect(scaling.message).toMatch(
      /^Scaled up replica set web-[a-z0-9]+ to \d+$/,
    );
    expect(Object.keys(scaling.involvedObject as object).sort()).toEqual([
      'apiVersion',
      'kind',
      'name',
      'namespace',
      'resourceVersion',
      'uid',
    ]);
    expect(scaling.metadata.name).toMatch(/^web\.[0-9a-f]{16}$/);
    const created = events.filter(e => e.reason === 'SuccessfulCreate');
    expect(
      created.every(
        e =>
          (e.source as { component: string }).component ===
            'replicaset-controller' &&
          /^Created pod: web-/.test(String(e.message)),
      ),
    ).toBe(true);
    const c = new GoldenClient(sim);
    const rec = loadScenario('logs-events').find(
      r => r.step === '12-list-events-k8s-io-v1',
    )!;
    const res = await c.send(rec);
    const item = (
      res.body as { items: Array<Record<string, unknown>> }
    ).items.find(e => e.reason === 'ScalingReplicaSet')!;
    expect(Object.keys(item)).toEqual(
      expect.arrayContaining([
        'regarding',
        'note',
        'deprecatedSource',
        'deprecatedFirstTimestamp',
        'deprecatedCount',
      ]),
    );
    const filtered = await c.send(
      loadScenario('logs-events').find(
        r => r.step === '11-list-events-for-deployment',
      )!,
    );
    expect(
      (
        filtered.body as { items: Array<{ involvedObject: { kind: string } }> }
      ).items.every(e => e.involvedObject.kind === 'Deployment'),
    ).toBe(true);
  });
});
