import { StepFailure, type ProbeContext } from './steps';

/** Service endpoints: the Service exists and has at least `minReady` ready addresses. */
export async function serviceEndpoints(ctx: ProbeContext): Promise<string> {
  const def = ctx.definition;
  if (def.type !== 'service-endpoints') throw new Error('wrong probe type');
  const { service, minReady } = def.params;
  const namespace = def.namespace;
  const { core } = ctx.clients;
  ctx.objects.add(`Service/${service}`);
  ctx.objects.add(`Endpoints/${service}`);
  await ctx.steps.step('read Service', () =>
    core.readNamespacedService({ name: service, namespace }),
  );
  const ready = await ctx.steps.step('read Endpoints', async () => {
    const endpoints = await core.readNamespacedEndpoints({
      name: service,
      namespace,
    });
    const subsets = endpoints.subsets ?? [];
    const count = subsets.reduce((n, s) => n + (s.addresses?.length ?? 0), 0);
    const notReady = subsets.reduce(
      (n, s) => n + (s.notReadyAddresses?.length ?? 0),
      0,
    );
    if (count < minReady) {
      throw new StepFailure(
        `${count} ready address(es), ${notReady} not ready; at least ${minReady} expected`,
      );
    }
    return count;
  });
  return `${ready} ready address(es) behind Service ${service}`;
}
