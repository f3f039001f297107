import type { ReportIngester } from '@kubemate/plugin-kubemate-node';
import { reportDigest } from './digest';
import { ReportIngesters } from './ReportIngesters';

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
});
