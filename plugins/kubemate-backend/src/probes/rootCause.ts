import type { ProbeEvent, ProbeHint } from '@kubemate/plugin-kubemate-common';
import { ROOT_CAUSE_RULES, type RootCauseRule } from './rootCauseRules';

/** The first rule of the table that matches the events or the failure message, as a hint. */
export function rootCauseHint(
  failure: { message?: string; events: ProbeEvent[] },
  rules: readonly RootCauseRule[] = ROOT_CAUSE_RULES,
): ProbeHint | undefined {
  for (const rule of rules) {
    const re = new RegExp(rule.pattern, 'i');
    if (rule.in.includes('events')) {
      const event = failure.events.find(
        e => re.test(e.reason) || re.test(e.message),
      );
      if (event) {
        return {
          id: rule.id,
          title: rule.title,
          advice: rule.advice,
          evidence: `${event.object}: ${event.reason}: ${event.message}`,
        };
      }
    }
    if (
      rule.in.includes('message') &&
      failure.message &&
      re.test(failure.message)
    ) {
      return {
        id: rule.id,
        title: rule.title,
        advice: rule.advice,
        evidence: failure.message,
      };
    }
  }
  return undefined;
}
