import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  createReleaseSchema,
  type Release,
} from '@kubemate/plugin-kubemate-common';
import { explain, type KubemateClient } from '../KubemateClient';
import { entityPath } from './routeCreate';

/**
 * `kubemate:release:create`: starts a gray or canary release of one of the entity's Services
 * (Kubemate adopts its route and drives the plan). The release API has no dry run, so a
 * template dry run validates the request as the API does and starts nothing.
 */
export function createReleaseCreateAction(client: KubemateClient) {
  return createTemplateAction({
    id: 'kubemate:release:create',
    description:
      "Starts a gray or canary release of one of the entity's Services through Kubemate. Needs kubemate.release.create on the entity.",
    supportsDryRun: true,
    examples: [
      {
        description:
          'A gray release of hello-v2 beside hello-v1, 10% more every minute',
        example: `steps:
  - id: release
    action: kubemate:release:create
    input:
      entityRef: component:default/hello
      cluster: kubemate-sim
      namespace: bank-payments
      service: hello
      stable: hello-v1
      canary: hello-v2
      strategy: gray
      plan:
        stepSize: 10
        intervalSeconds: 60
        thresholds: { minSuccessRate: 0.99, maxP99LatencyMs: 500 }`,
      },
    ],
    schema: {
      input: {
        entityRef: z => z.string().min(1).describe('The entity of the Service'),
        cluster: z => z.string().min(1),
        namespace: z => z.string().min(1).max(63),
        service: z =>
          z.string().min(1).describe('The Service whose route is adopted'),
        route: z =>
          z.string().optional().describe('Route name, when several attach'),
        stable: z => z.string().min(1).describe('The stable Deployment'),
        canary: z => z.string().min(1).describe('The canary Deployment'),
        strategy: z => z.enum(['gray', 'canary']),
        match: z =>
          z
            .record(z.string(), z.unknown())
            .optional()
            .describe(
              'Canary: requests matching this go to the canary (headers, cookies)',
            ),
        plan: z =>
          z
            .record(z.string(), z.unknown())
            .describe(
              'stepWeights / stepSize / iterations, intervalSeconds, thresholds',
            ),
      },
      output: {
        id: z => z.string().describe('The release (empty on a dry run)'),
        state: z => z.string(),
      },
    },
    async handler(ctx) {
      const { entityRef, ...request } = ctx.input;
      const base = entityPath(entityRef);
      // The API's own schema: a dry run refuses what the API would refuse.
      const parsed = createReleaseSchema.safeParse(request);
      if (!parsed.success) {
        throw new Error(
          `Invalid release: ${parsed.error.issues
            .map(i => `${i.path.join('.') || '(release)'}: ${i.message}`)
            .join('; ')}`,
        );
      }
      if (ctx.isDryRun) {
        ctx.logger.info(
          `Dry run: would start a ${request.strategy} release of Service ${request.namespace}/${request.service} (${request.stable} → ${request.canary}) for ${entityRef}`,
        );
        ctx.output('id', '');
        ctx.output('state', 'dry-run');
        return;
      }
      let release: Release;
      try {
        release = await client.post<Release>(`${base}/releases`, request, {
          credentials: await ctx.getInitiatorCredentials(),
          signal: ctx.signal,
        });
      } catch (e) {
        throw new Error(`Starting the release failed. ${explain(e)}`);
      }
      ctx.logger.info(
        `Release ${release.id} ${release.state}: canary ${release.canary} at ${release.weight}%`,
      );
      ctx.output('id', release.id);
      ctx.output('state', release.state);
    },
  });
}
