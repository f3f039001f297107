import { ResponseError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  validateHttpRouteForParents,
  type RoutePreviewResponse,
  type RouteSaveResponse,
} from '@kubemate/plugin-kubemate-common';
import { stringify } from 'yaml';
import { explain, seg, type KubemateClient } from '../KubemateClient';

/** The `/entities/:kind/:namespace/:name` part of an entity ref like `component:default/x`. */
export function entityPath(ref: string): string {
  const m = /^([^:/]+):(?:([^/]+)\/)?([^/]+)$/.exec(ref.trim());
  if (!m) throw new Error(`entityRef '${ref}' is not kind:namespace/name`);
  return `/entities/${seg(m[1].toLocaleLowerCase('en-US'))}/${seg(
    m[2] ?? 'default',
  )}/${seg(m[3])}`;
}

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

/**
 * `kubemate:route:create`: an HTTPRoute on the namespace's Gateway (the one onboarding made)
 * to one of the entity's Services, validated by Kubemate as the Routes form is. Idempotent:
 * an existing route of that name is left alone. A just-registered entity may not be in the
 * catalog yet: a 404 is retried until `waitForEntitySeconds`. In a dry run the entity usually
 * does not exist yet (the run would register it): the route is then validated here, with the
 * rules Kubemate applies, and shown without waiting.
 */
export function createRouteCreateAction(client: KubemateClient) {
  return createTemplateAction({
    id: 'kubemate:route:create',
    description:
      "Creates an HTTPRoute on the namespace's Gateway to one of the entity's Services, validated as in the Routes form. Needs kubemate.route.create on the entity.",
    supportsDryRun: true,
    examples: [
      {
        description: 'Route hello.bank.example.com/ to the Service hello:80',
        example: `steps:
  - id: route
    action: kubemate:route:create
    input:
      entityRef: component:default/hello
      cluster: sim
      namespace: bank-payments
      name: hello
      hostname: hello.bank.example.com
      path: /
      serviceName: hello
      servicePort: 80`,
      },
    ],
    schema: {
      input: {
        entityRef: z =>
          z.string().min(1).describe('The entity the route belongs to'),
        cluster: z => z.string().min(1),
        namespace: z => z.string().min(1).max(63),
        name: z => z.string().min(1).max(253).describe('Name of the HTTPRoute'),
        hostname: z =>
          z.string().max(253).optional().describe('Host name to match'),
        path: z => z.string().default('/').describe('Path prefix to match'),
        serviceName: z => z.string().min(1),
        servicePort: z => z.number().int().min(1).max(65535),
        gateway: z =>
          z
            .string()
            .optional()
            .describe(
              "The parent Gateway; default <namespace>-gateway, onboarding's",
            ),
        waitForEntitySeconds: z =>
          z
            .number()
            .int()
            .min(0)
            .max(300)
            .default(60)
            .describe(
              'How long to retry while the catalog does not know the entity yet',
            ),
      },
      output: {
        name: z => z.string(),
        created: z =>
          z.boolean().describe('false when it existed already or on a dry run'),
      },
    },
    async handler(ctx) {
      // The runner validates input against the JSON schema, which does not fill in defaults.
      const input = {
        ...ctx.input,
        path: ctx.input.path ?? '/',
        waitForEntitySeconds: ctx.input.waitForEntitySeconds ?? 60,
      };
      const dryRun = !!ctx.isDryRun;
      const route = {
        metadata: { namespace: input.namespace, name: input.name },
        spec: {
          parentRefs: [{ name: input.gateway ?? `${input.namespace}-gateway` }],
          ...(input.hostname ? { hostnames: [input.hostname] } : {}),
          rules: [
            {
              matches: [{ path: { type: 'PathPrefix', value: input.path } }],
              backendRefs: [
                { name: input.serviceName, port: input.servicePort },
              ],
            },
          ],
        },
      };
      const previewUnregistered = (r: typeof route) => {
        const issues = validateHttpRouteForParents(r.spec);
        if (issues.length > 0) {
          throw new Error(
            `Invalid route:\n${issues
              .map(i => `  ${i.path || '(route)'}: ${i.message}`)
              .join('\n')}`,
          );
        }
        ctx.logger.info(
          `${
            input.entityRef
          } is not in the catalog yet (this run registers it): the route is valid; would create:\n${stringify(
            {
              apiVersion: 'gateway.networking.k8s.io/v1',
              kind: 'HTTPRoute',
              ...r,
            },
          )}`,
        );
        ctx.output('name', input.name);
        ctx.output('created', false);
      };
      const base = entityPath(input.entityRef);
      const credentials = await ctx.getInitiatorCredentials();
      const deadline = Date.now() + input.waitForEntitySeconds * 1000;
      ctx.logger.info(
        `${dryRun ? 'Dry run: checking' : 'Creating'} HTTPRoute ${
          input.namespace
        }/${input.name} → ${input.serviceName}:${input.servicePort}${
          input.hostname ? ` for ${input.hostname}${input.path}` : ''
        }`,
      );
      // A just-registered entity: until the catalog has it, its permission checks refuse (no
      // owner to match), so wait for Kubemate to know it (its routes answer 404 before).
      for (;;) {
        try {
          await client.get(`${base}/routes`, {
            credentials,
            signal: ctx.signal,
          });
          break;
        } catch (e) {
          const notYet = e instanceof ResponseError && e.statusCode === 404;
          if (notYet && dryRun) {
            previewUnregistered(route);
            return;
          }
          if (!notYet || Date.now() >= deadline) break;
          ctx.logger.info(
            `${input.entityRef} is not in the catalog yet; waiting`,
          );
          await sleep(3000);
        }
      }
      for (;;) {
        try {
          if (dryRun) {
            const preview = await client.post<RoutePreviewResponse>(
              `${base}/routes/preview`,
              { cluster: input.cluster, route, mode: 'create' },
              { credentials, signal: ctx.signal },
            );
            for (const w of preview.warnings) ctx.logger.warn(w);
            for (const c of preview.conflicts) {
              ctx.logger.warn(`Conflict on ${c.parent}: ${c.why}`);
            }
            ctx.logger.info(`would create:\n${preview.yaml}`);
          } else {
            const saved = await client.post<RouteSaveResponse>(
              `${base}/routes`,
              { cluster: input.cluster, route },
              { credentials, signal: ctx.signal },
            );
            for (const w of saved.warnings) ctx.logger.warn(w);
            ctx.logger.info(
              `Created HTTPRoute ${saved.namespace}/${saved.name}`,
            );
          }
          ctx.output('name', input.name);
          ctx.output('created', !dryRun);
          return;
        } catch (e) {
          const status = e instanceof ResponseError ? e.statusCode : 0;
          if (status === 409) {
            ctx.logger.info(
              `HTTPRoute ${input.namespace}/${input.name} exists already: left as it is`,
            );
            ctx.output('name', input.name);
            ctx.output('created', false);
            return;
          }
          if (status === 404 && Date.now() < deadline) {
            ctx.logger.info(
              `${input.entityRef} is not in the catalog yet; retrying`,
            );
            await sleep(3000);
            continue;
          }
          throw new Error(`Creating the route failed. ${explain(e)}`);
        }
      }
    },
  });
}
