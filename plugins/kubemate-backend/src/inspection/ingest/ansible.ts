import { InputError } from '@backstage/errors';
import {
  computeFingerprint,
  RULE_CATEGORIES,
  RuleCategory,
  SEVERITIES,
  Severity,
} from '@kubemate/plugin-kubemate-node';
import type { RuleScope, StoreCheckResult } from '../InspectionStore';
import { reportDigest } from './digest';
import type { ParsedReport } from './types';

/** What a report cannot say about a rule: severity, category, expected value, remediation, fix. */
export interface AnsibleRuleInfo {
  severity?: Severity;
  category?: RuleCategory;
  expected?: string;
  remediation?: string;
  fix?: string;
  docs?: string;
}

export interface ParseAnsibleOptions {
  /** The cluster whose nodes the playbook checked (Ansible output does not say). */
  cluster: string;
  /**
   * Rule metadata by rule id. The playbook can also carry it in
   * `set_stats: { data: { kubemate: { rules: { OS-001: {...} } } } }` (read from
   * `global_custom_stats`); these options win.
   */
  rules?: Record<string, AnsibleRuleInfo>;
  /** Defaults: medium, node. */
  defaultSeverity?: Severity;
  defaultCategory?: RuleCategory;
}

const MAX_TEXT = 4000;

/** First token of a task name that looks like a rule id: `OS-001`, `node.swap_off`, `CIS4.2.1`. */
const RULE_ID = /^(?=[^\s]*[-_.\d])[A-Za-z0-9][A-Za-z0-9._-]{0,252}$/;

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function text(v: unknown): string | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  let s: string;
  if (typeof v === 'string') s = v;
  else if (Array.isArray(v)) s = v.join('\n');
  else s = JSON.stringify(v);
  const t = s.trim();
  if (!t) return undefined;
  return t.length > MAX_TEXT ? `${t.slice(0, MAX_TEXT)}…` : t;
}

/** `role : OS-001 Swap is disabled` → `{ ruleId: 'OS-001', title: 'Swap is disabled' }`. */
export function parseTaskName(
  name: string,
): { ruleId: string; title: string } | undefined {
  const withoutRole = name.replace(/^[^:]*\s:\s/, '').trim();
  const [first, ...rest] = withoutRole.split(/\s+/);
  if (!first || !RULE_ID.test(first)) return undefined;
  return { ruleId: first, title: rest.join(' ') || first };
}

function hostStatus(r: Json): {
  status: StoreCheckResult['status'];
  error?: string;
} {
  const msg = text(r.msg);
  if (r.unreachable)
    return { status: 'error', error: `host unreachable: ${msg ?? ''}`.trim() };
  if (r.rescued)
    return { status: 'error', error: `rescued: ${msg ?? 'task failed'}` };
  if (r.skipped) return { status: 'skipped' };
  if (r.failed) {
    const moduleError =
      r.exception !== undefined ||
      r.module_stderr !== undefined ||
      /^MODULE FAILURE/.test(msg ?? '') ||
      /^The conditional check .* failed/s.test(msg ?? '');
    if (moduleError) {
      return {
        status: 'error',
        error:
          text(r.module_stderr) ?? text(r.exception) ?? msg ?? 'module failure',
      };
    }
    return { status: 'failed' };
  }
  return { status: 'passed' };
}

function ruleInfoFromStats(report: Json): Record<string, AnsibleRuleInfo> {
  const g = report.global_custom_stats;
  const k = isObject(g) ? g.kubemate : undefined;
  const rules = isObject(k) ? k.rules : undefined;
  return isObject(rules) ? (rules as Record<string, AnsibleRuleInfo>) : {};
}

function oneOf<T extends string>(
  values: readonly T[],
  v: unknown,
): T | undefined {
  return values.includes(v as T) ? (v as T) : undefined;
}

/**
 * Parses the output of `ANSIBLE_STDOUT_CALLBACK=json ansible-playbook …`: tasks named
 * `RULE-ID title` are checks (other tasks, e.g. Gathering Facts, are ignored); each host of such a
 * task is a check of the node of that name: failed → finding, ok → passed, skipped → skipped,
 * unreachable / rescued / module errors → execution failed. Hosts that became unreachable earlier
 * in the play are execution failures of the checks they missed. The coverage records, per rule,
 * the hosts it ran on, so a node that was not reached keeps its findings.
 */
export function parseAnsibleReport(
  report: unknown,
  options: ParseAnsibleOptions,
): ParsedReport {
  if (!options.cluster)
    throw new InputError('Invalid Ansible report: a cluster is required');
  if (!isObject(report) || !Array.isArray(report.plays)) {
    throw new InputError(
      'Invalid Ansible report: expected the output of the json stdout callback (an object with "plays" and "stats")',
    );
  }
  const fromStats = ruleInfoFromStats(report);
  const results: StoreCheckResult[] = [];
  const perRule: Record<string, RuleScope> = {};
  const playNames: string[] = [];

  report.plays.forEach((play, p) => {
    if (!isObject(play) || !Array.isArray(play.tasks)) {
      throw new InputError(
        `Invalid Ansible report: plays[${p}] has no "tasks" list`,
      );
    }
    const playName = isObject(play.play) ? text(play.play.name) : undefined;
    if (playName && !playNames.includes(playName)) playNames.push(playName);
    const unreachable = new Map<string, string>();
    play.tasks.forEach((task, t) => {
      if (!isObject(task) || !isObject(task.task) || !isObject(task.hosts)) {
        throw new InputError(
          `Invalid Ansible report: plays[${p}].tasks[${t}] needs "task" and "hosts" objects`,
        );
      }
      const parsed = parseTaskName(String(task.task.name ?? ''));
      const hosts = Object.entries(task.hosts).filter(
        (e): e is [string, Json] => isObject(e[1]),
      );
      if (!parsed) {
        for (const [host, r] of hosts) {
          if (r.unreachable)
            unreachable.set(host, text(r.msg) ?? 'unreachable');
        }
        return;
      }
      const { ruleId, title } = parsed;
      const info = { ...fromStats[ruleId], ...options.rules?.[ruleId] };
      const base = {
        ruleId,
        ruleVersion: '',
        title,
        severity:
          oneOf(SEVERITIES, info.severity) ??
          options.defaultSeverity ??
          'medium',
        category:
          oneOf(RULE_CATEGORIES, info.category) ??
          options.defaultCategory ??
          'node',
        remediation: text(info.remediation),
        fix: text(info.fix),
        docs: text(info.docs),
      };
      const make = (
        host: string,
        status: StoreCheckResult['status'],
      ): StoreCheckResult => {
        const resource = { kind: 'Node', name: host, host };
        return {
          ...base,
          status,
          resource,
          fingerprint: computeFingerprint({
            cluster: options.cluster,
            ruleId,
            ...resource,
          }),
        };
      };
      const covered = new Set(perRule[ruleId]?.hosts ?? []);
      for (const [host, r] of hosts) {
        const { status, error } = hostStatus(r);
        if (r.unreachable) unreachable.set(host, text(r.msg) ?? 'unreachable');
        else covered.add(host);
        const result = make(host, status);
        result.error = error;
        result.message =
          text(r.msg) ?? (status === 'failed' ? title : undefined);
        result.observed = text(r.observed) ?? text(r.stdout);
        result.expected = text(r.expected) ?? text(info.expected);
        if (status === 'skipped') result.skipReason = text(r.skip_reason);
        results.push(result);
      }
      for (const [host, msg] of unreachable) {
        if (task.hosts[host] !== undefined) continue;
        const result = make(host, 'error');
        result.error = `host unreachable earlier in the play: ${msg}`;
        results.push(result);
      }
      perRule[ruleId] = { hosts: [...covered].sort() };
    });
  });

  return {
    cluster: options.cluster,
    source: 'ansible',
    profile: `ansible:${playNames.join(', ') || 'playbook'}`.slice(0, 253),
    digest: reportDigest('ansible', options.cluster, report),
    results,
    coverage: { ruleIds: Object.keys(perRule).sort(), perRule },
  };
}
