import { resolvePackagePath } from '@backstage/backend-plugin-api';
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { createInspector } from '../inspection/inspector';
import { loadBaselineRulePack } from '../inspection/builtin';
import { RuleLoadError, formatProblem } from '../inspection/errors';
import { parseProfileFile, resolveProfiles } from '../inspection/profiles';
import type { InspectionProfile } from '../inspection/profiles';
import { SEVERITIES, type Severity } from '../inspection/types';
import {
  fetchForInspector,
  loadKubeConfig,
  postReport,
  toGenericReport,
} from './cluster';
import { formatJson, formatSarif, formatText } from './formats';
import {
  builtinProfile,
  builtinProfileMap,
  failsThreshold,
  inspectManifests,
  type ManifestInspection,
} from './inspectManifests';
import { readManifests, type ManifestProblem } from './manifests';

/** The package's version, from its package.json (where the sources or the build run from). */
function version(): string {
  const file = resolvePackagePath(
    '@kubemate/plugin-kubemate-node',
    'package.json',
  );
  return JSON.parse(fs.readFileSync(file, 'utf8')).version;
}

export const USAGE = `Usage:
  kubemate-inspect [options] FILE|DIR...     inspect manifests before they are applied
  kubemate-inspect --cluster [options]        inspect a live cluster (and --post the results)

Options:
  -p, --profile NAME|FILE   built-in profile (baseline, financial, erp, ...) or a profile file (default baseline)
  -n, --namespace NS        namespace of namespaced objects that name none (default "default")
  -o, --output FORMAT       text (default), json or sarif
      --fail-on LEVEL       exit 1 when a finding of this severity or higher is found:
                            high, medium, low (default) or none
      --color / --no-color  colour the text output (default: when stdout is a terminal)
  -v, --verbose             text output: add each finding's remediation
Live cluster:
      --cluster             inspect the cluster of the kubeconfig instead of files
      --kubeconfig FILE     kubeconfig (default $KUBECONFIG, ~/.kube/config, else the pod's service account)
      --context NAME        kubeconfig context
      --cluster-name NAME   cluster name in results and the posted report (default: the context's cluster)
      --timeout SECONDS     deadline of each API request and of the post (default 30)
      --post URL            post the results to Kubemate's ingestion API, e.g.
                            https://backstage.example.com/api/kubemate/inspection/ingest/generic
      --token TOKEN         bearer token for --post (default $KUBEMATE_INGEST_TOKEN)
  -h, --help                this help

Exit codes: 0 no finding at the --fail-on threshold, 1 findings at the threshold,
2 usage error, unreadable file or invalid YAML, 3 cluster or post failure.
`;

/** Where the CLI writes; the process streams by default, buffers in tests. */
export interface CliIo {
  stdout: { write(s: string): unknown; isTTY?: boolean };
  stderr: { write(s: string): unknown };
  env: NodeJS.ProcessEnv;
  cwd: string;
}

class UsageError extends Error {}

const OUTPUTS = ['text', 'json', 'sarif'] as const;
const THRESHOLDS = [...SEVERITIES, 'none'] as const;

function loadProfile(value: string | undefined): InspectionProfile {
  const name = value ?? 'baseline';
  const looksLikeFile =
    /\.ya?ml$/.test(name) || name.includes('/') || name.includes('\\');
  if (!looksLikeFile) return builtinProfile(name);
  let text: string;
  try {
    text = fs.readFileSync(name, 'utf8');
  } catch (e) {
    throw new UsageError(
      `cannot read profile file ${name}: ${(e as Error).message}`,
    );
  }
  const own = parseProfileFile(text, name);
  if (own.length !== 1) {
    throw new UsageError(`${name}: expected one profile, found ${own.length}`);
  }
  // A profile file may extend the built-in profiles.
  const builtins = [...builtinProfileMap().values()].filter(
    p => p.name !== own[0].name,
  );
  return resolveProfiles([...builtins, ...own]).get(own[0].name)!;
}

function colourOf(
  flags: { color?: boolean; 'no-color'?: boolean },
  io: CliIo,
): boolean {
  if (flags['no-color']) return false;
  if (flags.color) return true;
  return !!io.stdout.isTTY && !io.env.NO_COLOR;
}

function printProblems(problems: readonly ManifestProblem[], io: CliIo) {
  for (const p of problems) {
    io.stderr.write(`${p.file}${p.line ? `:${p.line}` : ''}: ${p.reason}\n`);
  }
}

function render(
  inspection: ManifestInspection,
  problems: readonly ManifestProblem[],
  output: (typeof OUTPUTS)[number],
  flags: { color?: boolean; 'no-color'?: boolean; verbose?: boolean },
  io: CliIo,
) {
  if (output === 'json') io.stdout.write(formatJson(inspection, problems));
  else if (output === 'sarif') {
    io.stdout.write(
      formatSarif(inspection, problems, { cwd: io.cwd, version: version() }),
    );
  } else {
    io.stdout.write(
      formatText(inspection, {
        colour: colourOf(flags, io),
        cwd: io.cwd,
        verbose: flags.verbose,
      }),
    );
  }
}

/**
 * `kubemate-inspect`: runs with the given arguments and resolves with the exit code. Never
 * calls process.exit, so tests run it in-process.
 */
export async function runInspectCli(
  argv: string[],
  io: CliIo = {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
  },
): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        profile: { type: 'string', short: 'p' },
        namespace: { type: 'string', short: 'n' },
        output: { type: 'string', short: 'o' },
        'fail-on': { type: 'string' },
        color: { type: 'boolean' },
        'no-color': { type: 'boolean' },
        verbose: { type: 'boolean', short: 'v' },
        cluster: { type: 'boolean' },
        kubeconfig: { type: 'string' },
        context: { type: 'string' },
        'cluster-name': { type: 'string' },
        timeout: { type: 'string' },
        post: { type: 'string' },
        token: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    io.stderr.write(`kubemate-inspect: ${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const flags = parsed.values;
  if (flags.help) {
    io.stdout.write(USAGE);
    return 0;
  }
  try {
    const output = (flags.output ?? 'text') as (typeof OUTPUTS)[number];
    if (!OUTPUTS.includes(output)) {
      throw new UsageError(
        `--output must be one of ${OUTPUTS.join(', ')}, not "${flags.output}"`,
      );
    }
    const failOn = (flags['fail-on'] ?? 'low') as Severity | 'none';
    if (!THRESHOLDS.includes(failOn)) {
      throw new UsageError(
        `--fail-on must be one of ${THRESHOLDS.join(', ')}, not "${
          flags['fail-on']
        }"`,
      );
    }
    const timeoutS = Number(flags.timeout ?? '30');
    if (!Number.isFinite(timeoutS) || timeoutS <= 0 || timeoutS > 3600) {
      throw new UsageError('--timeout must be a number of seconds (0–3600)');
    }
    let profile: InspectionProfile;
    try {
      profile = loadProfile(flags.profile);
    } catch (e) {
      if (e instanceof RuleLoadError) {
        throw new UsageError(e.problems.map(formatProblem).join('\n'));
      }
      throw new UsageError((e as Error).message);
    }

    if (flags.cluster) {
      if (parsed.positionals.length) {
        throw new UsageError('--cluster inspects a cluster: give no files');
      }
      return await inspectCluster(profile, output, failOn, timeoutS, flags, io);
    }
    if (flags.post) {
      throw new UsageError(
        '--post sends a live cluster run: use it with --cluster',
      );
    }
    if (!parsed.positionals.length) {
      throw new UsageError('give at least one manifest file or directory');
    }
    const { objects, problems } = readManifests(parsed.positionals);
    printProblems(problems, io);
    const inspection = inspectManifests(objects, {
      profile,
      namespace: flags.namespace,
    });
    render(inspection, problems, output, flags, io);
    if (problems.length) return 2;
    return inspection.results.some(r => failsThreshold(r, failOn)) ? 1 : 0;
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr.write(`kubemate-inspect: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}

async function inspectCluster(
  profile: InspectionProfile,
  output: (typeof OUTPUTS)[number],
  failOn: Severity | 'none',
  timeoutS: number,
  flags: {
    kubeconfig?: string;
    context?: string;
    'cluster-name'?: string;
    post?: string;
    token?: string;
    color?: boolean;
    'no-color'?: boolean;
    verbose?: boolean;
  },
  io: CliIo,
): Promise<number> {
  const token = flags.token ?? io.env.KUBEMATE_INGEST_TOKEN;
  if (flags.post && !token) {
    throw new UsageError(
      '--post needs a token: --token or $KUBEMATE_INGEST_TOKEN',
    );
  }
  const timeoutMs = Math.round(timeoutS * 1000);
  const inspector = createInspector({
    rules: loadBaselineRulePack().rules,
    profile,
  });
  let result;
  try {
    const kc = loadKubeConfig({
      kubeconfig: flags.kubeconfig,
      context: flags.context,
    });
    const clusterName =
      flags['cluster-name'] ?? kc.getCurrentCluster()?.name ?? 'cluster';
    const fetched = await fetchForInspector(kc, inspector, { timeoutMs });
    if (fetched.skipped.length) {
      io.stderr.write(
        `not served by this cluster (skipped): ${fetched.skipped.join(', ')}\n`,
      );
    }
    result = inspector.inspect(fetched.objects, { cluster: clusterName });
  } catch (e) {
    io.stderr.write(`kubemate-inspect: ${(e as Error).message}\n`);
    return 3;
  }
  const inspection: ManifestInspection = {
    profile: result.profile,
    rules: inspector.rules,
    results: result.results.filter(r => r.status !== 'passed'),
    stats: result.stats,
    defaultedNamespace: '',
  };
  if (flags.post) {
    try {
      const answer = (await postReport(
        flags.post,
        token!,
        toGenericReport(result),
        { timeoutMs },
      )) as { run?: { id?: string }; duplicate?: boolean };
      io.stderr.write(
        `posted ${result.results.length} results of cluster ${
          result.cluster
        } to ${flags.post}${answer?.run?.id ? `: run ${answer.run.id}` : ''}${
          answer?.duplicate ? ' (already ingested)' : ''
        }\n`,
      );
    } catch (e) {
      render(inspection, [], output, flags, io);
      io.stderr.write(`kubemate-inspect: ${(e as Error).message}\n`);
      return 3;
    }
  }
  render(inspection, [], output, flags, io);
  return inspection.results.some(r => failsThreshold(r, failOn)) ? 1 : 0;
}
