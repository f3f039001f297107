import type { KubeObject } from '@kubemate/plugin-kubemate-common';
import type { WorkloadActionContext } from '@kubemate/plugin-kubemate-node';
import { FIELD_MANAGER, PatchStrategy } from './kubeClients';

/** Name and namespace of an object, as the typed clients take them. */
export const ref = (t: KubeObject) => ({
  name: t.metadata.name,
  namespace: t.metadata.namespace ?? 'default',
});

/** Patches the action's target with `body`, sent with the given patch type. */
export function patchObject(
  ctx: WorkloadActionContext,
  body: object,
  strategy: PatchStrategy,
) {
  return ctx.clients.objects.patch(
    {
      apiVersion: ctx.target.apiVersion,
      kind: ctx.target.kind,
      metadata: ref(ctx.target),
      ...body,
    },
    undefined,
    undefined,
    FIELD_MANAGER,
    undefined,
    strategy,
  );
}
