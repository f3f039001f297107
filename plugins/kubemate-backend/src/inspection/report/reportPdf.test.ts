import { permissionsDenying } from '../../__testUtils__/simulatorBackend';
import fs from 'node:fs';
import request from 'supertest';
import { extractPdfText } from './__testUtils__/extractPdfText';
import {
  NO_SCHEDULE,
  startInspectionBackend,
} from '../../__testUtils__/inspectionBackend';
import { percent } from './pdfText';

jest.setTimeout(60_000);

const api = '/api/kubemate/inspection';
const cluster = {
  name: 'prod-1',
  // Never contacted: the data comes from ingested reports.
  url: 'https://127.0.0.1:1',
  authProvider: 'serviceAccount',
  serviceAccountToken: 'unused',
  skipTLSVerify: true,
};

const result = (
  ruleId: string,
  status: 'passed' | 'failed' | 'error',
  severity: 'high' | 'medium' | 'low',
  name: string,
  extra: Record<string, unknown> = {},
) => ({
  ruleId,
  title: `Check ${ruleId}`,
  severity,
  category: 'node',
  status,
  resource: { kind: 'Node', name, host: name },
  ...extra,
});

describe('GET /inspection/report.pdf', () => {
  let server: any;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    const backend = await startInspectionBackend({
      clusters: [cluster],
      kubemate: {
        inspection: { clusters: { 'prod-1': { schedule: NO_SCHEDULE } } },
      },
    });
    server = backend.server;
    stop = () => backend.stop();

    // Two runs, so the trend chart has a line; the second one is the current state.
    for (const results of [
      [result('CIS-4.2.1', 'passed', 'high', 'node-1')],
      [
        result('CIS-4.2.1', 'failed', 'high', 'node-1', {
          observed: 'true',
          expected: 'false',
          remediation: 'Set --anonymous-auth=false on the kubelet',
        }),
        result('OS-002', 'failed', 'medium', 'node-2', {
          observed: '91%',
          expected: '< 85%',
        }),
        // Text in any script prints (the report embeds a Unicode font).
        result('OS-003', 'failed', 'low', 'node-2', {
          remediation: '清理 /var/log 目录 (ログを削除)',
        }),
        result('OS-004', 'passed', 'low', 'node-1'),
        result('OS-005', 'passed', 'medium', 'node-1'),
        result('OS-006', 'error', 'low', 'node-3', { error: 'timeout' }),
        // 60 more so the table spans pages.
        ...Array.from({ length: 60 }, (_, i) =>
          result(
            `OS-1${String(i).padStart(2, '0')}`,
            'failed',
            'low',
            `node-${i}`,
            {
              remediation: 'Long remediation text. '.repeat(8),
            },
          ),
        ),
      ],
    ]) {
      await request(server)
        .post(`${api}/ingest/generic`)
        .send({ cluster: 'prod-1', source: 'node-checks', results })
        .expect(201);
    }
  });

  afterAll(async () => {
    await stop?.();
  });

  it('renders summary, charts and the risk table of the filtered scope', async () => {
    const summary = (
      await request(server).get(`${api}/summary?cluster=prod-1`).expect(200)
    ).body;
    expect(summary).toMatchObject({ passed: 2, failed: 63, errors: 1 });

    const res = await request(server)
      .get(`${api}/report.pdf?cluster=prod-1&sort=severity&order=desc`)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toContain(
      'kubemate-inspection-report.pdf',
    );
    const pdf = res.body as Buffer;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    if (process.env.KUBEMATE_REPORT_PDF_OUT) {
      fs.writeFileSync(process.env.KUBEMATE_REPORT_PDF_OUT, pdf);
    }

    const { text, pages, total } = await extractPdfText(pdf);
    expect(total).toBeGreaterThan(1);
    const page1 = pages[0];
    expect(page1).toContain('Kubemate inspection report');
    expect(page1).toContain('Cluster: prod-1');
    expect(page1).toContain('Risks by severity');
    expect(page1).toContain('Health score trend');
    // Summary tiles: the figures of GET /summary.
    for (const [label, value] of [
      ['Total checks', String(summary.total)],
      ['Passed', String(summary.passed)],
      ['Failed', String(summary.failed)],
      ['Execution failed', String(summary.errors)],
      ['Pass rate', percent(summary.passRate)],
      ['Health score', summary.score.toFixed(1)],
    ]) {
      expect(page1).toContain(label);
      expect(page1).toContain(value);
    }
    expect(summary.risksBySeverity).toEqual({ high: 1, medium: 1, low: 61 });
    expect(page1).toContain('Risk items: 63');
    // The high-severity row comes first (sort=severity desc), with observed vs expected.
    const row = page1.slice(page1.indexOf('Remediation'));
    expect(row).toMatch(/high\s+CIS-4\.2\.1\s+Check CIS-4\.2\.1\s+Node node-1/);
    expect(row).toContain('Set --anonymous-auth=false on the kubelet');
    expect(row.indexOf('CIS-4.2.1')).toBeLessThan(row.indexOf('OS-002'));
    expect(page1).toContain('91%');
    expect(page1).toContain('< 85%');
    // Pagination: later pages repeat the table header and are numbered.
    expect(pages[1]).toContain('Observed');
    expect(text).toContain(`Page ${total} of ${total}`);
    expect(text).toContain('OS-159');
    expect(text).toContain('清理 /var/log 目录');
    expect(text).toContain('ログを削除');
    // Checks that could not be evaluated are listed with rule, resource and reason.
    expect(text).toContain('Execution failed: 1 check(s)');
    expect(text.replace(/\s+/g, ' ')).toContain(
      'OS-006 (low) - 1 check(s), e.g. Node node-3 host node-3: timeout',
    );
  });

  it('applies the findings filters to the table', async () => {
    const res = await request(server)
      .get(`${api}/report.pdf?cluster=prod-1&severity=medium`)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const { text, total, pages } = await extractPdfText(res.body);
    // The one risk item fits the first page; the execution failures follow.
    expect(total).toBe(2);
    expect(pages[0]).toContain('OS-002');
    expect(pages[1]).toContain('Execution failed: 1 check(s)');
    expect(text).toContain('Severity: medium');
    expect(text).toContain('Risk items: 1');
    expect(text).toContain('OS-002');
    expect(text).not.toContain('CIS-4.2.1');
  });

  it('rejects unknown parameters', async () => {
    const res = await request(server)
      .get(`${api}/report.pdf?cluster=prod-1&limit=5`)
      .expect(400);
    expect(res.body.error.message).toContain('Invalid query');
  });

  it('needs kubemate.inspection.read', async () => {
    const backend = await startInspectionBackend({
      clusters: [cluster],
      permissions: permissionsDenying('kubemate.inspection.read'),
      kubemate: {
        inspection: { clusters: { 'prod-1': { schedule: NO_SCHEDULE } } },
      },
    });
    try {
      const res = await request(backend.server).get(`${api}/report.pdf`);
      expect(res.status).toBe(403);
    } finally {
      await backend.stop();
    }
  });
});
