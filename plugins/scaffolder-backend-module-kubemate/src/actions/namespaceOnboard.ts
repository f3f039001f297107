import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import type { OnboardResponse } from '@kubemate/plugin-kubemate-common';
import { explain, seg, type KubemateClient } from '../KubemateClient';

/**
 * `kubemate:namespace:onboard`: Kubemate's namespace onboarding (owner, mesh, gateway, quota),
 * idempotent: a namespace already onboarded this way is left as it is. A template dry run asks
 * for Kubemate's server-side dry run and changes nothing.
 */
export function createNamespaceOnboardAction(client: KubemateClient) {
  return createTemplateAction({
    id: 'kubemate:namespace:onboard',
    description:
      "Onboards a namespace with Kubemate (owner Group, mesh injection, its Gateway, quota and limits of a configured size); no change when it already is. Needs the user's kubemate.namespace.onboard permission.",
    supportsDryRun: true,
    examples: [
      {
        description: 'Onboard a new namespace for the owner of the app',
        example: `steps:
  - id: onboard
    action: kubemate:namespace:onboard
    input:
      cluster: sim
      namespace: shop
      owner: \${{ parameters.owner }}
      size: small
      mesh: true`,
      },
    ],
    schema: {
      input: {
        cluster: z =>
          z.string().min(1).describe('Cluster name, as Kubemate knows it'),
        namespace: z =>
          z
            .string()
            .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/)
            .max(63)
            .describe('The namespace (created when missing)'),
        owner: z =>
          z
            .string()
            .min(1)
            .describe(
              'Owner Group, an entity ref (team-x or group:default/team-x)',
            ),
        size: z =>
          z
            .string()
            .min(1)
            .describe('A size of kubemate.onboarding.sizes (quota and limits)'),
        mesh: z =>
          z
            .boolean()
            .default(true)
            .describe('Linkerd proxy injection for its pods'),
        networkPolicy: z =>
          z
            .boolean()
            .default(false)
            .describe('A default-deny NetworkPolicy that admits the gateway'),
      },
      output: {
        port: z => z.number().describe('The gateway port of the namespace'),
        changed: z =>
          z
            .array(z.string())
            .describe('What changed (or would change on a dry run)'),
      },
    },
    async handler(ctx) {
      const { cluster, namespace, owner, size } = ctx.input;
      // The runner validates input against the JSON schema, which does not fill in defaults.
      const rest = {
        owner,
        size,
        mesh: ctx.input.mesh ?? true,
        networkPolicy: ctx.input.networkPolicy ?? false,
      };
      const dryRun = !!ctx.isDryRun;
      ctx.logger.info(
        `${
          dryRun ? 'Dry run: onboarding' : 'Onboarding'
        } namespace ${namespace} of cluster ${cluster} for ${rest.owner}`,
      );
      let answer: OnboardResponse;
      try {
        answer = await client.post<OnboardResponse>(
          `/namespaces/${seg(cluster)}/${seg(namespace)}/onboard`,
          { ...rest, dryRun },
          {
            credentials: await ctx.getInitiatorCredentials(),
            signal: ctx.signal,
          },
        );
      } catch (e) {
        throw new Error(`Onboarding ${namespace} failed. ${explain(e)}`);
      }
      const changed = answer.objects
        .filter(o => o.action !== 'unchanged')
        .map(o => `${o.action} ${o.kind} ${o.namespace ?? ''}/${o.name}`);
      if (changed.length === 0) {
        ctx.logger.info(
          `Namespace ${namespace} is already onboarded: nothing to change`,
        );
      }
      for (const line of changed) {
        ctx.logger.info(`${dryRun ? 'would ' : ''}${line}`);
      }
      ctx.logger.info(`Gateway port of ${namespace}: ${answer.port}`);
      ctx.output('port', answer.port);
      ctx.output('changed', changed);
    },
  });
}
