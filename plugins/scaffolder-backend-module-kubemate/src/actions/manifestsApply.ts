import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import type { ApplyManifestsResponse } from '@kubemate/plugin-kubemate-common';
import fs from 'node:fs/promises';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { explain, seg, type KubemateClient } from '../KubemateClient';

/**
 * The manifests of a YAML file, or of every `.yaml`/`.yml` file of a directory (sorted by name),
 * in the task's workspace (e.g. rendered there by `fetch:template`).
 */
export async function readManifests(
  workspacePath: string,
  relative: string,
): Promise<object[]> {
  const at = resolveSafeChildPath(workspacePath, relative);
  const files = (await fs.stat(at)).isDirectory()
    ? (await fs.readdir(at))
        .filter(f => /\.ya?ml$/.test(f))
        .sort()
        .map(f => path.join(at, f))
    : [at];
  const out: object[] = [];
  for (const file of files) {
    for (const doc of parseAllDocuments(await fs.readFile(file, 'utf8'))) {
      if (doc.errors.length > 0) {
        throw new Error(
          `${path.relative(workspacePath, file)}: ${doc.errors[0].message}`,
        );
      }
      const value = doc.toJS();
      if (value && typeof value === 'object') out.push(value);
    }
  }
  return out;
}

/**
 * `kubemate:manifests:apply`: rendered manifests server-side applied by Kubemate to a
 * namespace of the user's groups, after the inspection rules ran on them; then waits for the
 * rollout and, when it fails, prints the related events and fails the step.
 */
export function createManifestsApplyAction(client: KubemateClient) {
  return createTemplateAction({
    id: 'kubemate:manifests:apply',
    description:
      "Server-side applies manifests to a namespace one of the user's groups owns, through Kubemate (inspected first, audited), and waits for the Deployments and StatefulSets to roll out. Needs kubemate.namespace.apply.",
    supportsDryRun: true,
    examples: [
      {
        description: 'Apply what fetch:template rendered into ./manifests',
        example: `steps:
  - id: apply
    action: kubemate:manifests:apply
    input:
      cluster: sim
      namespace: bank-payments
      manifestsPath: ./manifests
      failOnHighFindings: true
      rolloutTimeoutSeconds: 120`,
      },
      {
        description: 'Apply manifests given inline',
        example: `steps:
  - id: apply
    action: kubemate:manifests:apply
    input:
      cluster: sim
      namespace: bank-payments
      manifests:
        - apiVersion: v1
          kind: ConfigMap
          metadata: { name: hello-config }
          data: { GREETING: hello }`,
      },
    ],
    schema: {
      input: {
        cluster: z =>
          z.string().min(1).describe('Cluster name, as Kubemate knows it'),
        namespace: z =>
          z
            .string()
            .min(1)
            .max(63)
            .describe("A namespace one of the user's groups owns or shares"),
        manifests: z =>
          z
            .array(z.record(z.string(), z.unknown()))
            .max(50)
            .optional()
            .describe('The objects to apply (or manifestsPath)'),
        manifestsPath: z =>
          z
            .string()
            .optional()
            .describe(
              'A YAML file or a directory of YAML files in the workspace',
            ),
        failOnHighFindings: z =>
          z
            .boolean()
            .default(false)
            .describe(
              'Stop before applying when inspection finds high-severity risks',
            ),
        rolloutTimeoutSeconds: z =>
          z
            .number()
            .int()
            .min(0)
            .max(600)
            .default(120)
            .describe('How long to wait for the rollout; 0 does not wait'),
      },
      output: {
        objects: z =>
          z
            .array(z.string())
            .describe(
              'Each object and what happened to it, e.g. "create Deployment hello"',
            ),
        findings: z =>
          z
            .number()
            .describe('How many high-severity findings inspection reported'),
        rollout: z =>
          z
            .string()
            .describe('succeeded, failed or skipped (dry run, no workloads)'),
      },
    },
    async handler(ctx) {
      const { cluster, namespace, manifestsPath } = ctx.input;
      // The runner validates input against the JSON schema, which does not fill in defaults.
      const failOnHighFindings = ctx.input.failOnHighFindings ?? false;
      const rolloutTimeoutSeconds = ctx.input.rolloutTimeoutSeconds ?? 120;
      const dryRun = !!ctx.isDryRun;
      let manifests = ctx.input.manifests ?? [];
      if (manifestsPath) {
        manifests = [
          ...manifests,
          ...((await readManifests(ctx.workspacePath, manifestsPath)) as Record<
            string,
            unknown
          >[]),
        ];
      }
      if (manifests.length === 0) {
        throw new Error(
          'No manifests to apply: give manifests or manifestsPath',
        );
      }
      ctx.logger.info(
        `${dryRun ? 'Dry run: applying' : 'Applying'} ${
          manifests.length
        } object(s) to namespace ${namespace} of cluster ${cluster}`,
      );
      let answer: ApplyManifestsResponse;
      try {
        answer = await client.post<ApplyManifestsResponse>(
          `/namespaces/${seg(cluster)}/${seg(namespace)}/apply`,
          {
            manifests,
            dryRun,
            failOnHighFindings,
            rolloutTimeoutSeconds,
          },
          {
            credentials: await ctx.getInitiatorCredentials(),
            extraTimeoutMs: rolloutTimeoutSeconds * 1000,
            signal: ctx.signal,
          },
        );
      } catch (e) {
        throw new Error(`Applying to ${namespace} failed. ${explain(e)}`);
      }
      if (answer.inspectionError) ctx.logger.warn(answer.inspectionError);
      for (const f of answer.findings) {
        ctx.logger.warn(
          `[${f.severity}] ${f.ruleId} ${f.kind} ${f.name}${
            f.container ? ` (container ${f.container})` : ''
          }: ${f.title}${f.message ? ` — ${f.message}` : ''}${
            f.remediation ? ` Fix: ${f.remediation}` : ''
          }`,
        );
      }
      const objects = answer.objects.map(
        o => `${o.action} ${o.kind} ${o.name}`,
      );
      for (const line of objects) {
        ctx.logger.info(`${dryRun ? 'would ' : ''}${line}`);
      }
      ctx.output('objects', objects);
      ctx.output('findings', answer.findings.length);
      ctx.output('rollout', answer.rollout.status);
      if (answer.blocked) {
        throw new Error(
          `Nothing applied: ${answer.rollout.message} (failOnHighFindings is set)`,
        );
      }
      if (answer.rollout.status === 'failed') {
        ctx.logger.error(answer.rollout.message);
        for (const e of answer.rollout.events) {
          ctx.logger.error(
            `  ${e.kind} ${e.name}: ${e.reason} ${e.message}${
              e.count > 1 ? ` (×${e.count})` : ''
            }`,
          );
        }
        throw new Error(
          `The rollout in ${namespace} did not finish: ${answer.rollout.message}`,
        );
      }
      ctx.logger.info(answer.rollout.message);
    },
  });
}
