import { kubemateRoutes } from '@kubemate/plugin-kubemate-common';
import request from 'supertest';
import {
  NO_SCHEDULE,
  startInspectionBackend,
} from '../__testUtils__/inspectionBackend';

jest.setTimeout(60_000);

/** The answer parses with the route's response schema. */
function expectContract(body: unknown) {
  const parsed = kubemateRoutes.exportFindingsJson.response.safeParse(body);
  expect(parsed.success ? 'ok' : parsed.error.message).toBe('ok');
}

const api = '/api/kubemate/inspection';
const cluster = (name: string) => ({
  name,
  // Never contacted: the data comes from ingested reports.
  url: 'https://127.0.0.1:1',
  authProvider: 'serviceAccount',
  serviceAccountToken: 'unused',
  skipTLSVerify: true,
});

const result = (
  ruleId: string,
  status: 'passed' | 'failed' | 'error',
  namespace: string,
  name: string,
  extra: Record<string, unknown> = {},
) => ({
  ruleId,
  title: `Check ${ruleId}`,
  severity: 'high',
  category: 'security',
  status,
  resource: { kind: 'Deployment', namespace, name },
  ...extra,
});

/** CSV rows as header-keyed records (no quoted newlines in these fixtures). */
function parseCsv(text: string): Array<Record<string, string>> {
  const cells = (line: string) =>
    [...line.matchAll(/("(?:[^"]|"")*"|[^,]*)(,|$)/g)]
      .filter(m => m.index! < line.length || m[2] === ',')
      .map(m => m[1].replace(/^"|"$/g, '').replace(/""/g, '"'));
  const [header, ...rows] = text.trimEnd().split('\r\n');
  const keys = cells(header);
  return rows.map(r => {
    const values = cells(r);
    return Object.fromEntries(keys.map((k, i) => [k, values[i] ?? '']));
  });
}

describe('exports list the execution failures of the runs in scope', () => {
  let server: any;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    const backend = await startInspectionBackend({
      clusters: [cluster('prod-1'), cluster('prod-2')],
      kubemate: {
        inspection: {
          clusters: {
            'prod-1': { schedule: NO_SCHEDULE },
            'prod-2': { schedule: NO_SCHEDULE },
          },
        },
      },
    });
    server = backend.server;
    stop = () => backend.stop();
    const ingest = (name: string, results: object[]) =>
      request(server)
        .post(`${api}/ingest/generic`)
        .send({ cluster: name, source: 'node-checks', results })
        .expect(201);
    await ingest('prod-1', [
      result('APP-001', 'failed', 'shop', 'web'),
      result('APP-002', 'passed', 'shop', 'web'),
      // Two checks of one rule failing the same way: one row, two checks.
      result('APP-003', 'error', 'shop', 'web', {
        error: 'timeout, "after" 5s',
      }),
      result('APP-003', 'error', 'shop', 'api', {
        error: 'timeout, "after" 5s',
      }),
      // A rule the engine knows: its row carries the rule's title and category.
      result('container-privileged', 'error', 'billing', 'ledger', {
        error: 'no such field: securityContext',
      }),
    ]);
    await ingest('prod-2', [
      result('APP-003', 'error', 'shop', 'web', { error: 'host unreachable' }),
    ]);
  });

  afterAll(async () => {
    await stop?.();
  });

  it('adds execution-failed rows to the CSV, with rule, resource and reason', async () => {
    const res = await request(server)
      .get(`${api}/findings.csv`)
      .query({ cluster: 'prod-1' })
      .expect(200);
    const rows = parseCsv(res.text);
    expect(rows.filter(r => r.state !== 'execution-failed')).toEqual([
      expect.objectContaining({
        ruleId: 'APP-001',
        state: 'new',
        failedChecks: '',
      }),
    ]);
    const failed = rows.filter(r => r.state === 'execution-failed');
    expect(failed).toHaveLength(2);
    expect(failed).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          cluster: 'prod-1',
          fingerprint: '',
          ruleId: 'APP-003',
          severity: 'high',
          kind: 'Deployment',
          namespace: 'shop',
          message: 'timeout, "after" 5s',
          failedChecks: '2',
        }),
        expect.objectContaining({
          ruleId: 'container-privileged',
          title: 'Container runs privileged',
          category: 'security',
          namespace: 'billing',
          name: 'ledger',
          message: 'no such field: securityContext',
          failedChecks: '1',
        }),
      ]),
    );
  });

  it('scopes them as the PDF does: cluster and namespace', async () => {
    const fleet = parseCsv(
      (await request(server).get(`${api}/findings.csv`).expect(200)).text,
    ).filter(r => r.state === 'execution-failed');
    expect(
      fleet.map(r => `${r.cluster} ${r.ruleId} ${r.message}`).sort(),
    ).toEqual([
      'prod-1 APP-003 timeout, "after" 5s',
      'prod-1 container-privileged no such field: securityContext',
      'prod-2 APP-003 host unreachable',
    ]);
    const billing = parseCsv(
      (
        await request(server)
          .get(`${api}/findings.csv`)
          .query({ cluster: 'prod-1', namespace: 'billing' })
          .expect(200)
      ).text,
    );
    expect(billing.map(r => `${r.state} ${r.ruleId}`)).toEqual([
      'execution-failed container-privileged',
    ]);
  });

  it('adds them to the JSON export with the run they come from', async () => {
    const res = await request(server)
      .get(`${api}/findings.json`)
      .query({ cluster: 'prod-2' })
      .expect(200);
    expectContract(res.body);
    const runs = await request(server)
      .get(`${api}/runs`)
      .query({ cluster: 'prod-2' })
      .expect(200);
    expect(res.body.items).toEqual([]);
    expect(res.body.executionFailures).toEqual([
      {
        cluster: 'prod-2',
        runId: runs.body.items[0].id,
        ruleId: 'APP-003',
        severity: 'high',
        error: 'host unreachable',
        count: 1,
        sample: { kind: 'Deployment', namespace: 'shop', name: 'web' },
      },
    ]);
  });
});
