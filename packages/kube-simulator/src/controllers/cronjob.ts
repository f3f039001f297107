import { ObjectService } from '../api/objects';
import { toExternal } from '../api/conversion';
import { clone } from '../util/objects';
import { KObject } from '../util/types';
import { Controller, ControllerTimings } from './manager';
import { lastScheduled } from './cron';
import { CM, EventRecorder, Res, ownedBy, ownerRef } from './util';

/** CronJob → Jobs named `<cronjob>-<minutes since epoch>`, with history limits and active refs. */
export class CronJobController implements Controller {
  name = 'cronjob';
  private lastCheck = 0;
  constructor(
    private readonly o: ObjectService,
    private readonly res: Res,
    private readonly events: EventRecorder,
    private readonly t: ControllerTimings,
  ) {}

  reconcile() {
    const nowMs = Date.now();
    const due = nowMs - this.lastCheck >= this.t.cronCheckMs;
    const jobDef = this.res.def('batch', 'jobs');
    const cjDef = this.res.def('batch', 'cronjobs');
    for (const cj of this.o.store.list('batch/cronjobs')) {
      if (cj.metadata.deletionTimestamp) continue;
      const ns = cj.metadata.namespace!;
      const jobs = ownedBy(this.o.store, 'batch/jobs', cj);
      const finished = (j: KObject) =>
        (j.status?.conditions ?? []).some(
          (c: { type: string; status: string }) =>
            (c.type === 'Complete' || c.type === 'Failed') &&
            c.status === 'True',
        );
      let lastSchedule = cj.status?.lastScheduleTime as string | undefined;
      if (due && !cj.spec.suspend) {
        const t = lastScheduled(cj.spec.schedule ?? '', new Date(nowMs));
        const created = Date.parse(cj.metadata.creationTimestamp ?? '');
        if (
          t &&
          t.getTime() >= created - 60_000 &&
          (!lastSchedule || Date.parse(lastSchedule) < t.getTime())
        ) {
          const running = jobs.filter(j => !finished(j));
          const policy = cj.spec.concurrencyPolicy ?? 'Allow';
          if (!(policy === 'Forbid' && running.length)) {
            if (policy === 'Replace')
              for (const j of running)
                this.o.delete(jobDef, ns, j.metadata.name!, {
                  propagationPolicy: 'Background',
                });
            const name = `${cj.metadata.name}-${Math.floor(
              t.getTime() / 60000,
            )}`;
            if (!this.o.store.get('batch/jobs', ns, name)) {
              const tmpl = cj.spec.jobTemplate ?? {};
              this.o.create(
                jobDef,
                ns,
                {
                  apiVersion: 'batch/v1',
                  kind: 'Job',
                  metadata: {
                    name,
                    namespace: ns,
                    labels: { ...(tmpl.metadata?.labels ?? {}) },
                    annotations: {
                      'batch.kubernetes.io/cronjob-scheduled-timestamp': t
                        .toISOString()
                        .replace(/\.\d+Z$/, 'Z'),
                      ...(tmpl.metadata?.annotations ?? {}),
                    },
                    ownerReferences: [ownerRef(cj)],
                  },
                  spec: clone(tmpl.spec ?? {}),
                },
                { manager: CM },
              );
              this.events.record(
                cj,
                'Normal',
                'SuccessfulCreate',
                `Created job ${name}`,
                'cronjob-controller',
              );
            }
            lastSchedule = t.toISOString().replace(/\.\d+Z$/, 'Z');
          }
        }
      }
      // history limits
      const all = ownedBy(this.o.store, 'batch/jobs', cj).sort((a, b) =>
        String(a.metadata.creationTimestamp).localeCompare(
          String(b.metadata.creationTimestamp),
        ),
      );
      const ok = all.filter(j =>
        (j.status?.conditions ?? []).some(
          (c: { type: string; status: string }) =>
            c.type === 'Complete' && c.status === 'True',
        ),
      );
      const bad = all.filter(j =>
        (j.status?.conditions ?? []).some(
          (c: { type: string; status: string }) =>
            c.type === 'Failed' && c.status === 'True',
        ),
      );
      for (const j of ok.slice(
        0,
        Math.max(0, ok.length - (cj.spec.successfulJobsHistoryLimit ?? 3)),
      ))
        this.o.delete(jobDef, ns, j.metadata.name!, {
          propagationPolicy: 'Background',
        });
      for (const j of bad.slice(
        0,
        Math.max(0, bad.length - (cj.spec.failedJobsHistoryLimit ?? 1)),
      ))
        this.o.delete(jobDef, ns, j.metadata.name!, {
          propagationPolicy: 'Background',
        });
      const active = ownedBy(this.o.store, 'batch/jobs', cj)
        .filter(j => !finished(j))
        .map(j => ({
          kind: 'Job',
          namespace: ns,
          name: j.metadata.name,
          uid: j.metadata.uid,
          apiVersion: 'batch/v1',
        }));
      const lastOk = ok[ok.length - 1]?.status?.completionTime;
      const cur = this.o.store.get('batch/cronjobs', ns, cj.metadata.name!);
      if (!cur) continue;
      const next = toExternal(cjDef, clone(cur));
      const status: Record<string, unknown> = {};
      if (active.length) status.active = active;
      if (lastSchedule) status.lastScheduleTime = lastSchedule;
      if (lastOk) status.lastSuccessfulTime = lastOk;
      next.status = status;
      delete next.metadata.resourceVersion;
      this.o.update(cjDef, ns, cj.metadata.name!, next, {
        manager: CM,
        subresource: 'status',
      });
    }
    if (due) this.lastCheck = nowMs;
  }
}
