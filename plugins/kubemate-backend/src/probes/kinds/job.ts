import { PROBE_ENV } from '@kubemate/plugin-kubemate-common';
import type { V1EnvVar, V1Job } from '@kubernetes/client-node';
import { podProblems } from './workloadLifecycle';
import {
  probeMetadata,
  statusCode,
  StepFailure,
  waitFor,
  type ProbeContext,
} from './steps';

/** Lines of a failed job's log kept with the run. */
const LOG_LINES = 50;

/**
 * A custom probe: runs the team's image as a Job with the probe's parameters in its
 * environment, waits for the container to report (through the API, with the run's key), and
 * deletes the Job. The Job failing or ending without a report fails the run, with its pod's
 * problems and log tail.
 */
export async function jobProbe(ctx: ProbeContext): Promise<string> {
  const def = ctx.definition;
  if (def.type !== 'job') throw new Error('wrong probe type');
  const p = def.params;
  if (!ctx.run.reportUrl || !ctx.run.reportKey) {
    throw new StepFailure(
      'kubemate.probes.reportBaseUrl is not configured: a job probe has nowhere to report',
    );
  }
  const namespace = def.namespace;
  const name = ctx.runName;
  const { batch, core } = ctx.clients;
  const meta = probeMetadata(ctx, name);
  ctx.objects.add(`Job/${name}`);
  const env: V1EnvVar[] = [
    ...Object.entries(p.env).map(([k, v]) => ({ name: k, value: v })),
    { name: PROBE_ENV.probeId, value: def.id },
    { name: PROBE_ENV.runId, value: ctx.run.id },
    { name: PROBE_ENV.reportUrl, value: ctx.run.reportUrl },
    { name: PROBE_ENV.reportKey, value: ctx.run.reportKey },
    {
      name: PROBE_ENV.token,
      valueFrom: {
        secretKeyRef: { name: p.tokenSecret.name, key: p.tokenSecret.key },
      },
    },
  ];
  const job: V1Job = {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: meta,
    spec: {
      backoffLimit: 0,
      activeDeadlineSeconds: def.timeoutSeconds,
      ttlSecondsAfterFinished: 2 * def.timeoutSeconds,
      template: {
        metadata: { labels: meta.labels },
        spec: {
          restartPolicy: 'Never',
          ...(p.serviceAccountName
            ? { serviceAccountName: p.serviceAccountName }
            : { automountServiceAccountToken: false }),
          containers: [
            {
              name: 'probe',
              image: p.image,
              ...(p.command ? { command: p.command } : {}),
              ...(p.args ? { args: p.args } : {}),
              env,
            },
          ],
        },
      },
    },
  };
  const pods = async () =>
    (
      await core.listNamespacedPod({
        namespace,
        labelSelector: `job-name=${name}`,
      })
    ).items;

  await ctx.steps.step('create Job', () =>
    batch.createNamespacedJob({ namespace, body: job }),
  );
  let report: Awaited<ReturnType<ProbeContext['reportOf']>>;
  let failure: unknown;
  try {
    report = await ctx.steps.step('wait for the report', () =>
      waitFor(
        ctx,
        'reported',
        async () => {
          const reported = await ctx.reportOf();
          if (reported) return reported;
          const status = (await batch.readNamespacedJob({ name, namespace }))
            .status;
          if ((status?.failed ?? 0) > 0 || (status?.succeeded ?? 0) > 0) {
            // Ended: a report sent just before the end still counts.
            const late = await ctx.reportOf();
            if (late) return late;
            throw new StepFailure(
              `the Job ${
                status?.failed ? 'failed' : 'ended'
              } without reporting (${podProblems(await pods()) ?? 'no pod'})`,
            );
          }
          return undefined;
        },
        async () => podProblems(await pods()),
      ),
    );
  } catch (e) {
    failure = e;
  }
  if (failure || report?.status === 'failed') {
    ctx.output.logs = await logTail(ctx, (await pods())[0]?.metadata?.name);
  }
  await ctx.steps.step('delete Job', async () => {
    try {
      await batch.deleteNamespacedJob({
        name,
        namespace,
        propagationPolicy: 'Background',
      });
    } catch (e) {
      if (statusCode(e) !== 404) throw e;
    }
  });
  if (failure) throw failure;
  const said = report!.messages.join('; ');
  if (report!.status === 'failed') {
    throw new StepFailure(`reported failure${said ? `: ${said}` : ''}`);
  }
  return `reported success${said ? `: ${said}` : ''}`;
}

async function logTail(ctx: ProbeContext, pod: string | undefined) {
  if (!pod) return undefined;
  try {
    const text = await ctx.clients.core.readNamespacedPodLog({
      name: pod,
      namespace: ctx.definition.namespace!,
      tailLines: LOG_LINES,
    });
    return typeof text === 'string' && text ? text : undefined;
  } catch {
    return undefined;
  }
}
