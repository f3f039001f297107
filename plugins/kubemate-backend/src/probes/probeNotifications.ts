import type { NotificationService } from '@backstage/plugin-notifications-node';
import type { ProbeOutcomeListener } from './ProbeEngine';

const SEVERITY = { high: 'high', medium: 'normal', low: 'low' } as const;

/**
 * Tells a probe's owner (and the owners of the entities it names) when it starts failing and
 * when it recovers; the engine calls this once per change of state, and the scope lets the
 * notifications backend fold repeats of the same state together.
 */
export function notifyProbeOwners(
  notifications: NotificationService,
): ProbeOutcomeListener {
  return async (probe, run, change) => {
    const def = probe.definition;
    const refs = [
      ...new Set([...(def.owner ? [def.owner] : []), ...def.entityRefs]),
    ];
    if (!refs.length) return;
    const failed = change === 'failed';
    await notifications.send({
      recipients: { type: 'entity', entityRef: refs },
      payload: {
        title: failed
          ? `Probe failing: ${def.title} (${def.cluster})`
          : `Probe recovered: ${def.title} (${def.cluster})`,
        description: failed
          ? [run.message, run.hint ? `Likely cause: ${run.hint.title}.` : '']
              .filter(Boolean)
              .join(' ')
          : run.message,
        link: `/kubemate/probes?probe=${encodeURIComponent(def.id)}`,
        severity: failed ? SEVERITY[def.severity] : 'low',
        topic: 'kubemate-probe',
        scope: `kubemate-probe:${def.id}:${change}`,
      },
    });
  };
}
