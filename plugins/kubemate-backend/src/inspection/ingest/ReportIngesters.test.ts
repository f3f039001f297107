import type { ReportIngester } from '@kubemate/plugin-kubemate-node';
import { reportDigest } from './digest';
import { INGEST_IGNORED_LIMIT } from '@kubemate/plugin-kubemate-common';
import { decodeReportBody } from './reportBody';
import { ignoredSummary, ReportIngesters } from './ReportIngesters';

const tool: ReportIngester = {
  format: 'kube-bench',
  parse: (_report, { cluster }) => ({
    cluster: cluster ?? 'prod-1',
    profile: 'cis-1.8',
    results: [],
    coverage: { ruleIds: ['CIS-1'] },
  }),
};

describe('ReportIngesters', () => {
  it('serves the built-in formats and added ones, stored as generic runs', () => {
    const ingesters = new ReportIngesters([tool]);
    expect(ingesters.formats()).toEqual(['ansible', 'generic', 'kube-bench']);
    const report = { any: 'thing' };
    expect(ingesters.parse('kube-bench', report, {})).toEqual({
      cluster: 'prod-1',
      profile: 'cis-1.8',
      results: [],
      coverage: { ruleIds: ['CIS-1'] },
      source: 'generic',
      digest: reportDigest('kube-bench', 'prod-1', report),
    });
  });

  it('answers 404 for an unknown format and 400 when a required cluster is missing', () => {
    const ingesters = new ReportIngesters();
    expect(() => ingesters.parse('constructor', {}, {})).toThrow(
      expect.objectContaining({
        name: 'NotFoundError',
        message:
          "Unknown report format 'constructor'; one of: ansible, generic",
      }),
    );
    expect(() => ingesters.parse('ansible', { plays: [] }, {})).toThrow(
      expect.objectContaining({
        name: 'InputError',
        message: 'Invalid query: cluster is required for ansible reports',
      }),
    );
  });

  it('refuses a format registered twice or malformed', () => {
    expect(() => new ReportIngesters([{ ...tool, format: 'generic' }])).toThrow(
      "Report format 'generic' is already registered",
    );
    expect(
      () => new ReportIngesters([{ ...tool, format: 'Kube Bench' }]),
    ).toThrow(/must be lower case letters/);
  });

  it('passes on what a built-in format ignored, counted in full and listed up to the limit', () => {
    const ingesters = new ReportIngesters();
    const jsonl = [
      '{"_event":"v2_playbook_on_play_start","play":{"name":"p"},"tasks":[]}',
      '{"_event":"v2_runner_on_ok","task":{"id":"1","name":"Gathering Facts"},"hosts":{"n1":{}}}',
      '{"_event":"v2_playbook_on_include"}',
    ].join('\n');
    expect(
      ingesters.parse('ansible', decodeReportBody(jsonl), { cluster: 'prod' })
        .ignored,
    ).toEqual([
      {
        task: 'v2_playbook_on_include',
        reason: 'jsonl event with no check data',
      },
      {
        task: 'Gathering Facts',
        reason: 'not a check: the task name does not start with a rule id',
      },
    ]);
    const many = Array.from({ length: INGEST_IGNORED_LIMIT + 5 }, (_, i) => ({
      task: `t${i}`,
      reason: 'not a check',
    }));
    const summary = ignoredSummary(many);
    expect(summary.count).toBe(INGEST_IGNORED_LIMIT + 5);
    expect(summary.limit).toBe(INGEST_IGNORED_LIMIT);
    expect(summary.items).toEqual(many.slice(0, INGEST_IGNORED_LIMIT));
    expect(ignoredSummary(undefined)).toEqual({
      count: 0,
      limit: INGEST_IGNORED_LIMIT,
      items: [],
    });
  });

  it('reads a body as one JSON document, or as JSON Lines', () => {
    expect(decodeReportBody(' {"a": [1]}\n')).toEqual({ a: [1] });
    expect(decodeReportBody('{"a":1}\n\n{"b":2}\r\n')).toEqual([
      { a: 1 },
      { b: 2 },
    ]);
    expect(() => decodeReportBody('  ')).toThrow('Expected a report body');
    expect(() => decodeReportBody('{"a":')).toThrow(/^Invalid JSON report: /);
  });
});
