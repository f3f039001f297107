import { StepFailure, probeMetadata, type ProbeContext } from './steps';

/**
 * API round trip: creates a ConfigMap, reads it back, updates it and deletes it, checking
 * that each answer carries what was written. The ConfigMap is deleted on every path.
 */
export async function apiRoundTrip(ctx: ProbeContext): Promise<string> {
  const namespace = ctx.definition.namespace!;
  const name = ctx.runName;
  const { core } = ctx.clients;
  ctx.objects.add(`ConfigMap/${name}`);
  const token = `${Date.now()}`;
  await ctx.steps.step('create ConfigMap', () =>
    core.createNamespacedConfigMap({
      namespace,
      body: {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: probeMetadata(ctx, name),
        data: { written: token },
      },
    }),
  );
  let failure: unknown;
  try {
    const read = await ctx.steps.step('get ConfigMap', async () => {
      const cm = await core.readNamespacedConfigMap({ name, namespace });
      if (cm.data?.written !== token) {
        throw new StepFailure(
          'the ConfigMap read back differs from the one written',
        );
      }
      return cm;
    });
    await ctx.steps.step('update ConfigMap', async () => {
      const updated = await core.replaceNamespacedConfigMap({
        name,
        namespace,
        body: { ...read, data: { written: token, updated: 'yes' } },
      });
      if (updated.data?.updated !== 'yes') {
        throw new StepFailure('the update is not in the answer');
      }
    });
  } catch (e) {
    failure = e;
  }
  await ctx.steps.step('delete ConfigMap', () =>
    core.deleteNamespacedConfigMap({ name, namespace }),
  );
  if (failure) throw failure;
  return 'ConfigMap created, read, updated and deleted';
}
