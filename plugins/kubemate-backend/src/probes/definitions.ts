import { InputError } from '@backstage/errors';
import {
  PROBE_API_VERSION,
  PROBE_KIND,
  probeDefinitionSchema,
  type ProbeDefinition,
} from '@kubemate/plugin-kubemate-common';
import {
  formatProblem,
  listYamlFiles,
  parseYamlDocuments,
  type RuleProblem,
} from '@kubemate/plugin-kubemate-node';
import fs from 'node:fs';

/** A validated probe and where it is written. */
export interface LoadedProbe {
  definition: ProbeDefinition;
  /** `file:line` of its document. */
  source: string;
  /** Line of its `cluster` field, for a cluster no configuration defines. */
  clusterLine?: number;
}

/** Thrown when probe files are invalid; lists every problem with its file and line. */
export class ProbeLoadError extends InputError {
  constructor(readonly problems: RuleProblem[]) {
    const sorted = [...problems].sort(
      (a, b) => a.file.localeCompare(b.file) || a.line - b.line,
    );
    super(
      `${
        sorted.length === 1
          ? 'Invalid probe file'
          : `${sorted.length} problems in probe files`
      }:\n${sorted.map(p => `  ${formatProblem(p)}`).join('\n')}`,
    );
  }
}

/**
 * Probes of one YAML file (`---`-separated documents of `kind: Probe`). Problems are added to
 * `problems` with the line of the offending field; the valid documents are returned.
 */
export function parseProbeFile(
  text: string,
  file: string,
  problems: RuleProblem[],
): LoadedProbe[] {
  const { docs, problems: syntax } = parseYamlDocuments(text, file);
  problems.push(...syntax);
  const probes: LoadedProbe[] = [];
  for (const doc of docs) {
    const value = doc.value as Record<string, unknown> | null;
    if (!value || typeof value !== 'object' || Array.isArray(value)) {
      problems.push({ file, line: doc.line, reason: 'expected a mapping' });
      continue;
    }
    const { apiVersion, kind, ...rest } = value;
    if (apiVersion !== PROBE_API_VERSION || kind !== PROBE_KIND) {
      problems.push({
        file,
        line: doc.lineOf(['kind']),
        field: 'kind',
        reason: `expected apiVersion ${PROBE_API_VERSION} and kind ${PROBE_KIND}`,
      });
      continue;
    }
    const parsed = probeDefinitionSchema.safeParse(rest);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const path = issue.path.filter(
          (p): p is string | number => typeof p !== 'symbol',
        );
        // An unknown key is reported at the key itself.
        const keys =
          issue.code === 'unrecognized_keys' ? issue.keys : [undefined];
        for (const key of keys) {
          const at = key === undefined ? path : [...path, key];
          problems.push({
            file,
            line: doc.lineOf(at),
            field: at.join('.') || undefined,
            reason:
              key === undefined ? issue.message : `unknown field '${key}'`,
          });
        }
      }
      continue;
    }
    probes.push({
      definition: parsed.data,
      source: `${file}:${doc.line}`,
      clusterLine: doc.lineOf(['cluster']),
    });
  }
  return probes;
}

/**
 * Every probe of the YAML files of a directory. All files are validated before anything
 * throws, so one error lists every problem; ids must be unique and clusters known.
 */
export function loadProbeDirectory(
  dir: string,
  knownClusters: readonly string[],
): LoadedProbe[] {
  const problems: RuleProblem[] = [];
  const probes: LoadedProbe[] = [];
  let files: string[];
  try {
    files = listYamlFiles(dir);
  } catch (e) {
    throw new InputError(
      `Cannot read the probe directory ${dir}: ${(e as Error).message}`,
    );
  }
  for (const file of files) {
    probes.push(
      ...parseProbeFile(fs.readFileSync(file, 'utf8'), file, problems),
    );
  }
  return checked(probes, knownClusters, problems);
}

/** Duplicate ids and unknown clusters, then the error if there is any problem. */
export function checked(
  probes: LoadedProbe[],
  knownClusters: readonly string[],
  problems: RuleProblem[] = [],
): LoadedProbe[] {
  const seen = new Map<string, string>();
  for (const probe of probes) {
    const [file, line] = splitSource(probe.source);
    const first = seen.get(probe.definition.id);
    if (first) {
      problems.push({
        file,
        line,
        field: 'id',
        reason: `duplicate probe id "${probe.definition.id}" (first defined at ${first})`,
      });
    } else seen.set(probe.definition.id, probe.source);
    if (!knownClusters.includes(probe.definition.cluster)) {
      problems.push({
        file,
        line: probe.clusterLine ?? line,
        field: 'cluster',
        reason: `unknown cluster "${
          probe.definition.cluster
        }" (known: ${knownClusters.join(', ')})`,
      });
    }
  }
  if (problems.length) throw new ProbeLoadError(problems);
  return probes;
}

function splitSource(source: string): [string, number] {
  const i = source.lastIndexOf(':');
  return [source.slice(0, i), Number(source.slice(i + 1))];
}
