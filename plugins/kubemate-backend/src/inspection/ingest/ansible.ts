import { InputError } from '@backstage/errors';
import {
  computeFingerprint,
  RULE_CATEGORIES,
  RuleCategory,
  SEVERITIES,
  Severity,
} from '@kubemate/plugin-kubemate-node';
import type { RuleScope, StoreCheckResult } from '../InspectionStore';
import type { IngestIgnored } from '@kubemate/plugin-kubemate-common';
import { isAnsibleEventList, reportFromEvents } from './ansibleEvents';
import { reportDigest } from './digest';
import { decodeReportBody } from './reportBody';
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

type Status = StoreCheckResult['status'];

/** One host's outcome of one check task (or of one loop item). */
interface Outcome {
  status: Status;
  error?: string;
  message?: string;
  observed?: string;
  skipReason?: string;
}

/** Set by a rescue task named with the rule id: the check could not run (execution failed). */
const RESCUE_FACT = 'kubemate_rescued';

/** Messages a module gives when it failed without saying why: the reason is in its stderr. */
const GENERIC_FAILURE = /^(non-zero return code|MODULE FAILURE)/;

/** The module could not do its work (no such file or program, permission, crash). */
function moduleCouldNotRun(r: Json, msg: string | undefined): boolean {
  return (
    r.exception !== undefined ||
    r.module_stderr !== undefined ||
    /^MODULE FAILURE/.test(msg ?? '') ||
    /^\[Errno \d+\]/.test(msg ?? '') ||
    /^The conditional check .* failed/s.test(msg ?? '')
  );
}

/**
 * The playbook's own test decided the failure: an assert, a `failed_when`, a `fail` task. Any
 * other failure (a module error such as slurp's "file not found", a command that cannot run or
 * exits non-zero without `failed_when`) says the check could not run, not that the node is wrong.
 */
function isCheckVerdict(r: Json, msg: string | undefined): boolean {
  const action = typeof r.action === 'string' ? r.action : '';
  return (
    (r.assertion !== undefined ||
      r.failed_when_result !== undefined ||
      /(^|\.)(assert|fail)$/.test(action)) &&
    !moduleCouldNotRun(r, msg)
  );
}

/** The module's message for an execution failure: `msg`, with or else its stderr. */
function moduleMessage(r: Json, msg: string | undefined): string {
  const stderr = text(r.module_stderr) ?? text(r.stderr);
  if (msg && !GENERIC_FAILURE.test(msg)) {
    return stderr && !msg.includes(stderr) ? text(`${msg}\n${stderr}`)! : msg;
  }
  return stderr ?? text(r.exception) ?? msg ?? 'the task failed';
}

/** Status of one result object (a host's task result or one item of a loop). */
function outcome(r: Json): Outcome {
  const msg = text(r.msg);
  const facts = isObject(r.ansible_facts) ? r.ansible_facts : undefined;
  if (r.unreachable)
    return { status: 'error', error: `host unreachable: ${msg ?? ''}`.trim() };
  if (facts && facts[RESCUE_FACT] !== undefined) {
    return {
      status: 'error',
      error: `rescued: ${
        text(facts[RESCUE_FACT]) ?? 'the check failed to run'
      }`,
    };
  }
  if (r.rescued)
    return { status: 'error', error: `rescued: ${msg ?? 'task failed'}` };
  if (Array.isArray(r.results) && r.results.some(isObject)) {
    return loopOutcome(r.results.filter(isObject));
  }
  if (r.skipped) return { status: 'skipped', skipReason: text(r.skip_reason) };
  const observed = text(r.observed) ?? text(r.stdout);
  if (r.failed) {
    if (!isCheckVerdict(r, msg)) {
      return { status: 'error', error: moduleMessage(r, msg) };
    }
    return { status: 'failed', message: msg, observed };
  }
  return { status: 'passed', message: msg, observed };
}

/** Worst status first: an error hides a failure (a rescued failure is no finding). */
const PRECEDENCE: Status[] = ['error', 'failed', 'passed', 'skipped'];
const worst = (a: Status, b: Status) =>
  PRECEDENCE.indexOf(a) <= PRECEDENCE.indexOf(b) ? a : b;

function joinText(parts: Array<string | undefined>): string | undefined {
  return text(parts.filter((p): p is string => !!p).join('\n'));
}

/** A loop is one check: its status is the worst item's; messages name the items that set it. */
function loopOutcome(items: Json[]): Outcome {
  const outs = items.map(item => ({
    label: text(item._ansible_item_label) ?? text(item.item) ?? '',
    out: outcome(item),
  }));
  const status = outs.map(o => o.out.status).reduce(worst, 'skipped');
  const deciding = outs.filter(o => o.out.status === status);
  const line = (label: string, v: string | undefined) =>
    v ? `${label}: ${v}` : label;
  if (status === 'skipped') {
    return { status, skipReason: text(items[0].skip_reason) };
  }
  if (status === 'error') {
    return {
      status,
      error: joinText(deciding.map(o => line(o.label, o.out.error))),
    };
  }
  return {
    status,
    message:
      status === 'failed'
        ? `${deciding.length} of ${items.length} items failed: ${deciding
            .map(o => o.label)
            .join(', ')}`
        : undefined,
    observed: joinText(deciding.map(o => line(o.label, o.out.observed))),
  };
}

/** Merges the outcomes of several tasks of the same rule on one host (e.g. a check and its rescue). */
function merge(a: Outcome, b: Outcome): Outcome {
  const status = worst(a.status, b.status);
  const pick = [a, b].filter(o => o.status === status);
  return {
    status,
    error: joinText(pick.map(o => o.error)),
    message: joinText(pick.map(o => o.message)),
    observed: joinText(pick.map(o => o.observed)),
    skipReason: pick[0].skipReason,
  };
}

interface MergedTask {
  name: string;
  hosts: Map<string, Json>;
  /** Known in jsonl output only (the json callback does not tell handlers from tasks). */
  handler: boolean;
}

/** The play's tasks, each once: the free strategy reports a task once per host. */
function mergeTasks(tasks: unknown[], p: number): MergedTask[] {
  const byId = new Map<string, MergedTask>();
  tasks.forEach((task, t) => {
    if (!isObject(task) || !isObject(task.task) || !isObject(task.hosts)) {
      throw new InputError(
        `Invalid Ansible report: plays[${p}].tasks[${t}] needs "task" and "hosts" objects`,
      );
    }
    const id = String(task.task.id ?? `#${t}`);
    let entry = byId.get(id);
    if (!entry) {
      entry = {
        name: String(task.task.name ?? ''),
        hosts: new Map(),
        handler: task.handler === true,
      };
      byId.set(id, entry);
    }
    for (const [host, r] of Object.entries(task.hosts)) {
      if (isObject(r)) entry.hosts.set(host, r);
    }
  });
  return [...byId.values()];
}

function ruleInfoFromStats(report: Json): Record<string, AnsibleRuleInfo> {
  const g = report.global_custom_stats;
  const k = isObject(g) ? g.kubemate : undefined;
  const rules = isObject(k) ? k.rules : undefined;
  return isObject(rules) ? (rules as Record<string, AnsibleRuleInfo>) : {};
}

/**
 * Per-host expected values (thresholds differ per inventory group), from
 * `set_stats: { data: { kubemate: { expected: { RULE-ID: "…" } } }, per_host: true }`.
 */
function expectedFromStats(report: Json): Map<string, Record<string, unknown>> {
  const map = new Map<string, Record<string, unknown>>();
  const custom = isObject(report.custom_stats) ? report.custom_stats : {};
  for (const [host, data] of Object.entries(custom)) {
    const k = isObject(data) ? data.kubemate : undefined;
    if (isObject(k) && isObject(k.expected)) map.set(host, k.expected);
  }
  return map;
}

/**
 * A task that is no check (no rule id in its name, or a handler): said once, and once more for
 * each host it failed on or could not reach, since that stops the host's later checks.
 */
function ignoredTask(task: MergedTask): IngestIgnored[] {
  const reason = task.handler
    ? 'handler, not a check'
    : 'not a check: the task name does not start with a rule id';
  const out: IngestIgnored[] = [{ task: task.name, reason }];
  for (const [host, r] of task.hosts) {
    if (r.unreachable) {
      out.push({
        task: task.name,
        host,
        reason: `host unreachable: ${text(r.msg) ?? ''}`.trim(),
      });
    } else if (r.failed) {
      out.push({
        task: task.name,
        host,
        reason: `failed: ${moduleMessage(r, text(r.msg))}`,
      });
    }
  }
  return out;
}

/** Hosts the playbook stopped running on (unreachable, or a failure that was not ignored/rescued). */
function stoppedHosts(report: Json): Set<string> {
  const stopped = new Set<string>();
  const stats = isObject(report.stats) ? report.stats : {};
  for (const [host, s] of Object.entries(stats)) {
    if (isObject(s) && (Number(s.failures) > 0 || Number(s.unreachable) > 0)) {
      stopped.add(host);
    }
  }
  return stopped;
}

function oneOf<T extends string>(
  values: readonly T[],
  v: unknown,
): T | undefined {
  return values.includes(v as T) ? (v as T) : undefined;
}

/**
 * Parses the output of `ansible-playbook` with the `json` / `ansible.posix.json` stdout callback
 * (one document) or the `ansible.posix.jsonl` callback (one event a line; as text or as the array
 * of events), told apart by content. Tasks named `RULE-ID title` are checks; other tasks (facts,
 * helper tasks, handlers) are returned in `ignored`. Each host of a check is a check of the node
 * of that name: a failure the playbook's own test decided (assert, failed_when, fail; also with
 * ignore_errors) → finding, ok → passed, skipped → skipped; any other failure (a module error
 * such as "file not found", in a block with rescue or not), an unreachable host, or a rescue task
 * of the rule setting `kubemate_rescued` → execution failed, with the module's message. Several
 * tasks of one rule on one host (a check and its rescue, the per-host entries of `strategy:
 * free`) make one check, the worst status winning; a loop is one check whose message names the
 * failing items. A host that stopped (unreachable, or a failure neither ignored nor rescued, per
 * `stats`) gets execution failures for the later checks of its play. Severity, category,
 * remediation, fix come from `global_custom_stats.kubemate.rules`,
 * per-host expected values (thresholds differ per group) from `custom_stats[host].kubemate.expected`.
 * The coverage records, per rule, the hosts it ran on, so a node that was not reached keeps its
 * findings.
 */
export function parseAnsibleReport(
  input: unknown,
  options: ParseAnsibleOptions,
): ParsedReport {
  if (!options.cluster)
    throw new InputError('Invalid Ansible report: a cluster is required');
  const decoded = typeof input === 'string' ? decodeReportBody(input) : input;
  const ignored: IngestIgnored[] = [];
  let report: unknown = decoded;
  if (isAnsibleEventList(decoded)) {
    const rebuilt = reportFromEvents(decoded);
    report = rebuilt.report;
    for (const event of rebuilt.unknownEvents) {
      ignored.push({ task: event, reason: 'jsonl event with no check data' });
    }
  }
  if (!isObject(report) || !Array.isArray(report.plays)) {
    throw new InputError(
      'Invalid Ansible report: expected the output of the json, ansible.posix.json or ansible.posix.jsonl callback (an object with "plays" and "stats", or one event a line)',
    );
  }
  const fromStats = ruleInfoFromStats(report);
  const expectedByHost = expectedFromStats(report);
  const stopped = stoppedHosts(report);
  /** One result per rule and host: several tasks of a rule (a check and its rescue) merge. */
  const outcomes = new Map<string, Map<string, Outcome>>();
  const titles = new Map<string, string>();
  const covered = new Map<string, Set<string>>();
  const playNames: string[] = [];

  const record = (ruleId: string, host: string, o: Outcome) => {
    let hosts = outcomes.get(ruleId);
    if (!hosts) outcomes.set(ruleId, (hosts = new Map()));
    const prev = hosts.get(host);
    hosts.set(host, prev ? merge(prev, o) : o);
  };

  report.plays.forEach((play, p) => {
    if (!isObject(play) || !Array.isArray(play.tasks)) {
      throw new InputError(
        `Invalid Ansible report: plays[${p}] has no "tasks" list`,
      );
    }
    const playName = isObject(play.play) ? text(play.play.name) : undefined;
    if (playName && !playNames.includes(playName)) playNames.push(playName);
    const tasks = mergeTasks(play.tasks, p);
    // Where each host of the play was last seen, and why it stopped there (if it did).
    const last = new Map<string, number>();
    tasks.forEach((task, i) => {
      for (const host of task.hosts.keys()) last.set(host, i);
    });
    const stopReason = new Map<string, string>();
    for (const [host, i] of last) {
      const r = tasks[i].hosts.get(host)!;
      if (r.unreachable) {
        stopReason.set(
          host,
          `host unreachable earlier in the play: ${
            text(r.msg) ?? 'unreachable'
          }`,
        );
      } else if (r.failed && stopped.has(host)) {
        stopReason.set(
          host,
          `not run: the host stopped after task '${tasks[i].name}' failed`,
        );
      }
    }

    tasks.forEach((task, i) => {
      const parsed = task.handler ? undefined : parseTaskName(task.name);
      if (!parsed) {
        ignored.push(...ignoredTask(task));
        return;
      }
      const { ruleId, title } = parsed;
      if (!titles.has(ruleId)) titles.set(ruleId, title);
      let hosts = covered.get(ruleId);
      if (!hosts) covered.set(ruleId, (hosts = new Set()));
      for (const [host, r] of task.hosts) {
        if (!r.unreachable) hosts.add(host);
        record(ruleId, host, outcome(r));
      }
      for (const [host, reason] of stopReason) {
        // A check that already ended in an execution failure on the host says why.
        const known = outcomes.get(ruleId)?.get(host)?.status === 'error';
        if (!known && !task.hosts.has(host) && last.get(host)! < i) {
          record(ruleId, host, { status: 'error', error: reason });
        }
      }
    });
  });

  const results: StoreCheckResult[] = [];
  const perRule: Record<string, RuleScope> = {};
  for (const [ruleId, hosts] of outcomes) {
    const title = titles.get(ruleId)!;
    const info = { ...fromStats[ruleId], ...options.rules?.[ruleId] };
    const severity =
      oneOf(SEVERITIES, info.severity) ?? options.defaultSeverity ?? 'medium';
    const category =
      oneOf(RULE_CATEGORIES, info.category) ??
      options.defaultCategory ??
      'node';
    for (const [host, o] of [...hosts].sort(([a], [b]) =>
      a < b ? -1 : Number(a > b),
    )) {
      const resource = { kind: 'Node', name: host, host };
      const expected =
        text(options.rules?.[ruleId]?.expected) ??
        text(expectedByHost.get(host)?.[ruleId]) ??
        text(info.expected);
      results.push({
        ruleId,
        ruleVersion: '',
        title,
        severity,
        category,
        status: o.status,
        resource,
        fingerprint: computeFingerprint({
          cluster: options.cluster,
          ruleId,
          ...resource,
        }),
        remediation: text(info.remediation),
        fix: text(info.fix),
        docs: text(info.docs),
        message: o.message ?? (o.status === 'failed' ? title : undefined),
        observed: o.observed,
        expected,
        ...(o.error ? { error: o.error } : {}),
        ...(o.status === 'skipped' && o.skipReason
          ? { skipReason: o.skipReason }
          : {}),
      });
    }
    perRule[ruleId] = { hosts: [...(covered.get(ruleId) ?? [])].sort() };
  }

  return {
    cluster: options.cluster,
    source: 'ansible',
    profile: `ansible:${playNames.join(', ') || 'playbook'}`.slice(0, 253),
    digest: reportDigest('ansible', options.cluster, decoded),
    results,
    ignored,
    coverage: { ruleIds: Object.keys(perRule).sort(), perRule },
  };
}
