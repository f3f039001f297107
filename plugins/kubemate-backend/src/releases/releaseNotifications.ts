import type { NotificationService } from '@backstage/plugin-notifications-node';
import type {
  Release,
  ReleaseDecision,
} from '@kubemate/plugin-kubemate-common';

const HEADLINE: Partial<Record<ReleaseDecision, string>> = {
  wait: 'Release waiting for promotion',
  promote: 'Release promoted',
  abort: 'Release aborted',
};
const SEVERITY = { wait: 'normal', promote: 'low', abort: 'high' } as const;

/**
 * Tells the owners of a release's entity (the notifications backend resolves an entity to its
 * owner's members) when it waits for a person, is promoted or aborted: the last timeline
 * entry says why, the link opens the release.
 */
export function notifyReleaseOwners(notifications: NotificationService) {
  return async (release: Release, decision: ReleaseDecision) => {
    const headline = HEADLINE[decision];
    if (!headline) return;
    const why = release.timeline?.[release.timeline.length - 1]?.message;
    await notifications.send({
      recipients: { type: 'entity', entityRef: release.entityRef },
      payload: {
        title: `${headline}: ${release.canary} beside ${release.stable} (${release.namespace}/${release.service})`,
        ...(why ? { description: why } : {}),
        link: `/kubemate/releases/${release.id}`,
        severity: SEVERITY[decision as keyof typeof SEVERITY],
        topic: 'kubemate-release',
        scope: `kubemate-release:${release.id}:${decision}`,
      },
    });
  };
}
