import { ObjectService } from '../api/objects';
import { toExternal } from '../api/conversion';
import { clone, now } from '../util/objects';
import { Controller, ControllerTimings } from './manager';
import { podFromTemplate } from './replicaset';
import { CM, EventRecorder, Res, ownedBy } from './util';

type Cond = { type: string; status: string };

/** Job → pods that run and succeed until `completions` is reached. */
export class JobController implements Controller {
  name = 'job';
  constructor(
    private readonly o: ObjectService,
    private readonly res: Res,
    private readonly events: EventRecorder,
    _t: ControllerTimings,
  ) {}

  reconcile() {
    const podDef = this.res.def('', 'pods');
    const jobDef = this.res.def('batch', 'jobs');
    for (const job of this.o.store.list('batch/jobs')) {
      if (job.metadata.deletionTimestamp) continue;
      const ns = job.metadata.namespace!;
      const conds: Cond[] = job.status?.conditions ?? [];
      const finished = conds.some(
        c =>
          (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True',
      );
      const pods = ownedBy(this.o.store, '/pods', job);
      const succeeded = pods.filter(
        p => p.status?.phase === 'Succeeded',
      ).length;
      const failed = pods.filter(p => p.status?.phase === 'Failed').length;
      const active = pods.filter(
        p =>
          !p.metadata.deletionTimestamp &&
          p.status?.phase !== 'Succeeded' &&
          p.status?.phase !== 'Failed',
      );
      const completions: number = job.spec.completions ?? 1;
      const parallelism: number = job.spec.parallelism ?? 1;
      if (!finished && !job.spec.suspend) {
        const want =
          Math.min(parallelism, completions - succeeded) - active.length;
        for (let i = 0; i < want; i++) {
          const p = this.o.create(
            podDef,
            ns,
            podFromTemplate(job, job.spec.template, {
              generateName: `${job.metadata.name}-`,
            }),
            { manager: CM },
          );
          this.events.record(
            job,
            'Normal',
            'SuccessfulCreate',
            `Created pod: ${p.metadata.name}`,
            'job-controller',
          );
        }
      }
      const cur = this.o.store.get('batch/jobs', ns, job.metadata.name!);
      if (!cur) continue;
      const status: Record<string, unknown> = { ...(cur.status ?? {}) };
      if (!status.startTime && !job.spec.suspend) status.startTime = now();
      const activeNow = ownedBy(this.o.store, '/pods', job).filter(
        p =>
          !p.metadata.deletionTimestamp &&
          p.status?.phase !== 'Succeeded' &&
          p.status?.phase !== 'Failed',
      ).length;
      if (activeNow) status.active = activeNow;
      else delete status.active;
      if (succeeded) status.succeeded = succeeded;
      if (failed) status.failed = failed;
      status.ready = ownedBy(this.o.store, '/pods', job).filter(
        p => p.status?.phase === 'Running',
      ).length;
      status.terminating = 0;
      status.uncountedTerminatedPods = {};
      if (!finished && succeeded >= completions) {
        const ts = now();
        status.completionTime = ts;
        status.conditions = [
          {
            type: 'SuccessCriteriaMet',
            status: 'True',
            lastProbeTime: ts,
            lastTransitionTime: ts,
            reason: 'CompletionsReached',
            message: 'Reached expected number of succeeded pods',
          },
          {
            type: 'Complete',
            status: 'True',
            lastProbeTime: ts,
            lastTransitionTime: ts,
            reason: 'CompletionsReached',
            message: 'Reached expected number of succeeded pods',
          },
        ];
        this.events.record(
          job,
          'Normal',
          'Completed',
          'Job completed',
          'job-controller',
        );
      }
      const next = toExternal(jobDef, clone(cur));
      next.status = status;
      delete next.metadata.resourceVersion;
      this.o.update(jobDef, ns, job.metadata.name!, next, {
        manager: CM,
        subresource: 'status',
      });
    }
  }
}
