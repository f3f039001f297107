import { InputError } from '@backstage/errors';

/**
 * One problem found while loading a rule or profile file.
 *
 * @public
 */
export interface RuleProblem {
  file: string;
  /** 1-based line number. */
  line: number;
  /** The offending field, when known (`condition`, `target.kinds`, ...). */
  field?: string;
  reason: string;
}

/** @public */
export function formatProblem(p: RuleProblem): string {
  return `${p.file}:${p.line}: ${p.field ? `${p.field}: ` : ''}${p.reason}`;
}

/**
 * Thrown when rule or profile files are invalid. Lists every problem with
 * its file and line.
 *
 * @public
 */
export class RuleLoadError extends InputError {
  readonly problems: RuleProblem[];

  constructor(unsorted: RuleProblem[]) {
    const problems = [...unsorted].sort((a, b) => {
      if (a.file !== b.file) return a.file < b.file ? -1 : 1;
      return a.line - b.line;
    });
    const head =
      problems.length === 1
        ? 'Invalid inspection rule file'
        : `${problems.length} problems in inspection rule files`;
    super(`${head}:\n${problems.map(p => `  ${formatProblem(p)}`).join('\n')}`);
    this.problems = problems;
  }
}
