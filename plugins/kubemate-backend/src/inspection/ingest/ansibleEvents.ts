import { InputError } from '@backstage/errors';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The events of `ansible.posix.jsonl` whose content the json callback's report also holds. */
const TASK_EVENTS = new Set([
  'v2_playbook_on_task_start',
  'v2_playbook_on_handler_task_start',
  'v2_runner_on_start',
  'v2_runner_on_ok',
  'v2_runner_on_failed',
  'v2_runner_on_unreachable',
  'v2_runner_on_skipped',
]);

/** Output of the `ansible.posix.jsonl` callback: a list of objects that carry `_event`. */
export function isAnsibleEventList(report: unknown): report is Json[] {
  return (
    Array.isArray(report) &&
    report.length > 0 &&
    report.every(e => isObject(e) && typeof e._event === 'string')
  );
}

/**
 * Rebuilds the json callback's report (`plays[].tasks[].hosts`, `stats`, `custom_stats`) from
 * the jsonl callback's events, so both give the same verdicts. Each runner event carries its task
 * with one host's result; task entries of the same id are merged by the parser like the per-host
 * entries of `strategy: free`. Events the report has no place for are returned as ignored.
 */
export function reportFromEvents(events: Json[]): {
  report: Json;
  unknownEvents: string[];
} {
  const plays: Array<{ play: unknown; tasks: Json[] }> = [];
  const report: Json = { plays };
  const unknownEvents: string[] = [];
  events.forEach((event, i) => {
    const name = String(event._event);
    if (name === 'v2_playbook_on_play_start') {
      plays.push({ play: event.play, tasks: [] });
    } else if (TASK_EVENTS.has(name)) {
      const play = plays[plays.length - 1];
      if (!play || !isObject(event.task) || !isObject(event.hosts)) {
        throw new InputError(
          `Invalid Ansible jsonl report: event ${
            i + 1
          } (${name}) needs a play before it and "task" and "hosts" objects`,
        );
      }
      play.tasks.push({
        task: event.task,
        hosts: event.hosts,
        ...(name === 'v2_playbook_on_handler_task_start'
          ? { handler: true }
          : {}),
      });
    } else if (name === 'v2_playbook_on_stats') {
      report.stats = event.stats;
      report.custom_stats = event.custom_stats;
      report.global_custom_stats = event.global_custom_stats;
    } else if (!unknownEvents.includes(name)) {
      unknownEvents.push(name);
    }
  });
  return { report, unknownEvents };
}
