import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
  INGEST_IGNORED_LIMIT,
  RUN_SOURCES,
  type IngestResponse,
} from '@kubemate/plugin-kubemate-common';
import type { ReportIngester } from '@kubemate/plugin-kubemate-node';
import { parseAnsibleReport } from './ansible';
import { reportDigest } from './digest';
import { parseGenericReport } from './generic';
import type { ParsedReport } from './types';

/**
 * Ansible's json, ansible.posix.json and ansible.posix.jsonl callbacks (the route hands JSON Lines
 * over as the array of events); the output does not name the cluster.
 */
export const ansibleIngester: ReportIngester = {
  format: 'ansible',
  requiresCluster: true,
  parse: (report, { cluster }) =>
    parseAnsibleReport(report, { cluster: cluster ?? '' }),
};

/** The generic JSON format (see `genericReportSchema`). */
export const genericIngester: ReportIngester = {
  format: 'generic',
  parse: (report, { cluster }) => parseGenericReport(report, { cluster }),
};

const FORMAT = /^[a-z0-9][a-z0-9-]{0,31}$/;

/** Report formats by the name in `POST /inspection/ingest/<format>`: built-in plus added. */
export class ReportIngesters {
  private readonly byFormat = new Map<string, ReportIngester>();

  constructor(extra: ReportIngester[] = []) {
    for (const ingester of [ansibleIngester, genericIngester, ...extra]) {
      if (!FORMAT.test(ingester.format)) {
        throw new Error(
          `Report format '${ingester.format}' must be lower case letters, digits and '-' (at most 32)`,
        );
      }
      if (this.byFormat.has(ingester.format)) {
        throw new ConflictError(
          `Report format '${ingester.format}' is already registered`,
        );
      }
      this.byFormat.set(ingester.format, ingester);
    }
  }

  formats(): string[] {
    return [...this.byFormat.keys()];
  }

  /**
   * Parses a report of a format. Runs of added formats are stored as `generic` external runs
   * (the run source is one of a fixed list); the same report twice has the same digest.
   */
  parse(
    format: string,
    report: unknown,
    options: { cluster?: string },
  ): ParsedReport {
    const ingester = this.byFormat.get(format);
    if (!ingester) {
      throw new NotFoundError(
        `Unknown report format '${format}'; one of: ${this.formats().join(
          ', ',
        )}`,
      );
    }
    if (ingester.requiresCluster && !options.cluster) {
      throw new InputError(
        `Invalid query: cluster is required for ${format} reports`,
      );
    }
    // Added ingesters return the node library's report type; the built-in ones may say what
    // they ignored.
    const parsed: Omit<ParsedReport, 'source' | 'digest'> = ingester.parse(
      report,
      options,
    );
    return {
      cluster: parsed.cluster,
      profile: parsed.profile,
      results: parsed.results,
      coverage: parsed.coverage,
      source: (RUN_SOURCES as readonly string[]).includes(format)
        ? (format as ParsedReport['source'])
        : 'generic',
      digest: reportDigest(format, parsed.cluster, report),
      ...(parsed.ignored ? { ignored: parsed.ignored } : {}),
    };
  }
}

/** The ingestion response's `ignored`: all of it counted, the first few listed. */
export function ignoredSummary(
  ignored: ParsedReport['ignored'] = [],
): IngestResponse['ignored'] {
  return {
    count: ignored.length,
    limit: INGEST_IGNORED_LIMIT,
    items: ignored.slice(0, INGEST_IGNORED_LIMIT),
  };
}
