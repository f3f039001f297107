import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import type { RegisterCreatedEntityResponse } from '@kubemate/plugin-kubemate-common';
import fs from 'node:fs/promises';
import { parse } from 'yaml';
import { explain, type KubemateClient } from '../KubemateClient';

/**
 * `kubemate:catalog:register`: registers the new app's Component with Kubemate, whose catalog
 * module serves it to the catalog within seconds — no SCM repository needed. The Component's
 * owner must be one of the user's groups.
 */
export function createCatalogRegisterAction(client: KubemateClient) {
  return createTemplateAction({
    id: 'kubemate:catalog:register',
    description:
      "Registers a created app's Component (its catalog-info.yaml) in the catalog through Kubemate, without an SCM repository. Its owner must be one of the user's groups.",
    supportsDryRun: true,
    examples: [
      {
        description:
          'Register the catalog-info.yaml rendered into the workspace',
        example: `steps:
  - id: register
    action: kubemate:catalog:register
    input:
      catalogInfoPath: ./catalog-info.yaml`,
      },
    ],
    schema: {
      input: {
        entity: z =>
          z
            .record(z.string(), z.unknown())
            .optional()
            .describe('The Component (or catalogInfoPath)'),
        catalogInfoPath: z =>
          z
            .string()
            .optional()
            .describe('A catalog-info.yaml in the workspace'),
      },
      output: {
        entityRef: z => z.string(),
      },
    },
    async handler(ctx) {
      let entity = ctx.input.entity;
      if (!entity && ctx.input.catalogInfoPath) {
        entity = parse(
          await fs.readFile(
            resolveSafeChildPath(ctx.workspacePath, ctx.input.catalogInfoPath),
            'utf8',
          ),
        );
      }
      if (!entity) throw new Error('Give entity or catalogInfoPath');
      const dryRun = !!ctx.isDryRun;
      let answer: RegisterCreatedEntityResponse;
      try {
        answer = await client.post<RegisterCreatedEntityResponse>(
          '/catalog/created-entities',
          { entity, dryRun },
          {
            credentials: await ctx.getInitiatorCredentials(),
            signal: ctx.signal,
          },
        );
      } catch (e) {
        throw new Error(`Registering the entity failed. ${explain(e)}`);
      }
      if (dryRun) {
        ctx.logger.info(`Dry run: ${answer.entityRef} would be registered`);
      } else {
        ctx.logger.info(
          answer.changed
            ? `Registered ${answer.entityRef}; the catalog shows it within seconds`
            : `${answer.entityRef} is registered already, unchanged`,
        );
      }
      ctx.output('entityRef', answer.entityRef);
    },
  });
}
