import { ObjectService } from '../api/objects';
import { toExternal } from '../api/conversion';
import { clone, deepEqual, now } from '../util/objects';
import { KObject } from '../util/types';
import { Controller } from './manager';
import {
  CM,
  EventRecorder,
  Res,
  intOrPercent,
  ownedBy,
  ownerRef,
  templateHash,
} from './util';

const REV = 'deployment.kubernetes.io/revision';
const HIST = 'deployment.kubernetes.io/revision-history';
const DESIRED = 'deployment.kubernetes.io/desired-replicas';
const MAX = 'deployment.kubernetes.io/max-replicas';
// Annotations the controller never copies from the Deployment onto ReplicaSets.
const SKIP_ANN = new Set([
  REV,
  HIST,
  DESIRED,
  MAX,
  'kubectl.kubernetes.io/last-applied-configuration',
]);

type Cond = {
  type: string;
  status: string;
  lastUpdateTime?: string;
  lastTransitionTime?: string;
  reason: string;
  message: string;
};

function rev(rs: KObject): number {
  return Number(rs.metadata.annotations?.[REV] ?? 0);
}

/** Deployment → ReplicaSets: rolling updates with maxSurge/maxUnavailable, history, pause, status. */
export class DeploymentController implements Controller {
  name = 'deployment';
  /** pod-template-hash per deployment generation (hashing the template is the hot path). */
  private readonly hashes = new Map<string, string>();
  constructor(
    private readonly o: ObjectService,
    private readonly res: Res,
    private readonly events: EventRecorder,
  ) {}

  reconcile() {
    for (const d of this.o.store.list('apps/deployments')) {
      if (d.metadata.deletionTimestamp) continue;
      this.sync(d);
    }
  }

  private rsDef() {
    return this.res.def('apps', 'replicasets');
  }

  private scaleRS(
    d: KObject,
    rs: KObject,
    replicas: number,
    maxSurge: number,
    revision?: number,
  ) {
    const prev = rs.spec.replicas ?? 0;
    const next = toExternal(this.rsDef(), clone(rs));
    next.spec.replicas = replicas;
    const ann = { ...(next.metadata.annotations ?? {}) };
    for (const [k, v] of Object.entries(
      (d.metadata.annotations ?? {}) as Record<string, string>,
    ))
      if (!SKIP_ANN.has(k)) ann[k] = v;
    ann[DESIRED] = String(d.spec.replicas ?? 1);
    ann[MAX] = String((d.spec.replicas ?? 1) + maxSurge);
    if (revision !== undefined) ann[REV] = String(revision);
    next.metadata.annotations = ann;
    delete next.metadata.resourceVersion;
    this.o.update(
      this.rsDef(),
      rs.metadata.namespace,
      rs.metadata.name!,
      next,
      { manager: CM },
    );
    if (prev !== replicas) {
      const verb = replicas > prev ? 'up' : 'down';
      const msg =
        verb === 'up'
          ? `Scaled up replica set ${rs.metadata.name} to ${replicas}`
          : `Scaled down replica set ${rs.metadata.name} to ${replicas} from ${prev}`;
      this.events.record(
        d,
        'Normal',
        'ScalingReplicaSet',
        msg,
        'deployment-controller',
      );
    }
  }

  private sync(d: KObject) {
    const store = this.o.store;
    const ns = d.metadata.namespace!;
    const replicas: number = d.spec.replicas ?? 1;
    const all = ownedBy(store, 'apps/replicasets', d).filter(
      r => !r.metadata.deletionTimestamp,
    );
    const hashKey = `${d.metadata.uid}:${d.metadata.generation}`;
    let hash = this.hashes.get(hashKey);
    if (!hash) {
      hash = templateHash(d.spec.template);
      this.hashes.set(hashKey, hash);
      if (this.hashes.size > 50_000) this.hashes.clear();
    }
    let newRS = all.find(
      r => r.metadata.labels?.['pod-template-hash'] === hash,
    );
    const olds = all.filter(r => r !== newRS).sort((a, b) => rev(a) - rev(b));
    const maxRev = Math.max(0, ...all.map(rev));
    const strategy = d.spec.strategy ?? {};
    const recreate = strategy.type === 'Recreate';
    let maxSurge = recreate
      ? 0
      : intOrPercent(strategy.rollingUpdate?.maxSurge ?? '25%', replicas, true);
    let maxUnavailable = recreate
      ? 0
      : intOrPercent(
          strategy.rollingUpdate?.maxUnavailable ?? '25%',
          replicas,
          false,
        );
    if (!recreate && maxSurge === 0 && maxUnavailable === 0) maxUnavailable = 1;
    if (maxUnavailable > replicas) maxUnavailable = replicas;
    if (maxSurge < 0) maxSurge = 0;
    const paused = !!d.spec.paused;
    let createdNew = false;

    if (!newRS && !paused) {
      const tmpl = clone(d.spec.template);
      tmpl.metadata = {
        ...(tmpl.metadata ?? {}),
        labels: { ...(tmpl.metadata?.labels ?? {}), 'pod-template-hash': hash },
      };
      const ann: Record<string, string> = {};
      for (const [k, v] of Object.entries(
        (d.metadata.annotations ?? {}) as Record<string, string>,
      ))
        if (!SKIP_ANN.has(k)) ann[k] = v;
      ann[DESIRED] = String(replicas);
      ann[MAX] = String(replicas + maxSurge);
      ann[REV] = String(maxRev + 1);
      const noOld = olds.every(r => (r.spec.replicas ?? 0) === 0);
      const firstRollout = recreate ? noOld : olds.length === 0;
      const initial = firstRollout ? replicas : 0;
      const rs: KObject = {
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        metadata: {
          name: `${d.metadata.name}-${hash}`,
          namespace: ns,
          labels: {
            ...(d.spec.template?.metadata?.labels ?? {}),
            'pod-template-hash': hash,
          },
          annotations: ann,
          ownerReferences: [ownerRef(d)],
        },
        spec: {
          replicas: initial,
          selector: {
            ...d.spec.selector,
            matchLabels: {
              ...(d.spec.selector?.matchLabels ?? {}),
              'pod-template-hash': hash,
            },
          },
          template: tmpl,
        },
      };
      if (d.spec.minReadySeconds)
        rs.spec.minReadySeconds = d.spec.minReadySeconds;
      try {
        newRS = this.o.create(this.rsDef(), ns, rs, { manager: CM });
        createdNew = true;
        if (initial > 0)
          this.events.record(
            d,
            'Normal',
            'ScalingReplicaSet',
            `Scaled up replica set ${rs.metadata.name} to ${initial}`,
            'deployment-controller',
          );
      } catch {
        newRS = store.get('apps/replicasets', ns, rs.metadata.name!);
      }
    } else if (newRS && !paused && rev(newRS) < maxRev) {
      // rollback to an older template: the reused ReplicaSet becomes the newest revision
      const old = rev(newRS);
      const next = toExternal(this.rsDef(), clone(newRS));
      const hist = (newRS.metadata.annotations?.[HIST] ?? '')
        .split(',')
        .filter(Boolean);
      hist.push(String(old));
      next.metadata.annotations = {
        ...(next.metadata.annotations ?? {}),
        [REV]: String(maxRev + 1),
        [HIST]: hist.join(','),
      };
      delete next.metadata.resourceVersion;
      newRS = this.o.update(this.rsDef(), ns, newRS.metadata.name!, next, {
        manager: CM,
      });
    }

    if (newRS && !paused) {
      const cur = () =>
        store.get('apps/replicasets', ns, newRS!.metadata.name!) ?? newRS!;
      if (recreate) {
        const oldPods = olds.reduce((n, r) => n + (r.status?.replicas ?? 0), 0);
        for (const r of olds)
          if ((r.spec.replicas ?? 0) > 0) this.scaleRS(d, r, 0, maxSurge);
        if (oldPods === 0 && (cur().spec.replicas ?? 0) !== replicas)
          this.scaleRS(d, cur(), replicas, maxSurge);
      } else {
        // scale up the new ReplicaSet within maxSurge
        const total =
          all.reduce(
            (n, r) =>
              n +
              (r === newRS ? cur().spec.replicas ?? 0 : r.spec.replicas ?? 0),
            0,
          ) + (createdNew ? 0 : 0);
        const newCount = cur().spec.replicas ?? 0;
        if (newCount > replicas) this.scaleRS(d, cur(), replicas, maxSurge);
        else if (newCount < replicas) {
          const room = replicas + maxSurge - total;
          if (room > 0)
            this.scaleRS(
              d,
              cur(),
              Math.min(replicas, newCount + room),
              maxSurge,
            );
        }
        // scale down old ReplicaSets while keeping minAvailable
        const newNow = cur();
        const allCount =
          olds.reduce((n, r) => n + (r.spec.replicas ?? 0), 0) +
          (newNow.spec.replicas ?? 0);
        const minAvailable = replicas - maxUnavailable;
        const newUnavailable =
          (newNow.spec.replicas ?? 0) - (newNow.status?.availableReplicas ?? 0);
        let budget = allCount - minAvailable - newUnavailable;
        // unhealthy old replicas can go first
        for (const r of olds) {
          if (budget <= 0) break;
          const unhealthy =
            (r.spec.replicas ?? 0) - (r.status?.availableReplicas ?? 0);
          if (unhealthy <= 0) continue;
          const drop = Math.min(unhealthy, budget);
          this.scaleRS(d, r, (r.spec.replicas ?? 0) - drop, maxSurge);
          budget -= drop;
        }
        const totalAvailable =
          olds.reduce(
            (n, r) =>
              n +
              (store.get('apps/replicasets', ns, r.metadata.name!)?.status
                ?.availableReplicas ?? 0),
            0,
          ) + (newNow.status?.availableReplicas ?? 0);
        let canDrop = totalAvailable - minAvailable;
        for (const r of olds) {
          if (canDrop <= 0) break;
          const live = store.get('apps/replicasets', ns, r.metadata.name!);
          const n = live?.spec.replicas ?? 0;
          if (n === 0) continue;
          const drop = Math.min(n, canDrop);
          this.scaleRS(d, live!, n - drop, maxSurge);
          canDrop -= drop;
        }
      }
      // keep the replica annotations of the new ReplicaSet in step with the Deployment
      const live = cur();
      const annDrift = Object.entries(
        (d.metadata.annotations ?? {}) as Record<string, string>,
      ).some(
        ([k, v]) => !SKIP_ANN.has(k) && live.metadata.annotations?.[k] !== v,
      );
      if (
        annDrift ||
        live.metadata.annotations?.[DESIRED] !== String(replicas) ||
        live.metadata.annotations?.[MAX] !== String(replicas + maxSurge)
      ) {
        this.scaleRS(d, live, live.spec.replicas ?? 0, maxSurge);
      }
      this.cleanup(d, newRS);
    }
    this.syncStatus(d, newRS, replicas, maxUnavailable, createdNew);
  }

  private cleanup(d: KObject, newRS: KObject) {
    const limit: number = d.spec.revisionHistoryLimit ?? 10;
    const olds = ownedBy(this.o.store, 'apps/replicasets', d)
      .filter(
        r =>
          r.metadata.uid !== newRS.metadata.uid &&
          (r.spec.replicas ?? 0) === 0 &&
          (r.status?.replicas ?? 0) === 0,
      )
      .sort((a, b) => rev(a) - rev(b));
    for (const r of olds.slice(0, Math.max(0, olds.length - limit))) {
      this.o.delete(this.rsDef(), r.metadata.namespace, r.metadata.name!, {});
    }
  }

  private syncStatus(
    d: KObject,
    newRS: KObject | undefined,
    replicas: number,
    maxUnavailable: number,
    createdNew: boolean,
  ) {
    const store = this.o.store;
    const ns = d.metadata.namespace!;
    const rss = ownedBy(store, 'apps/replicasets', d);
    const live = newRS
      ? store.get('apps/replicasets', ns, newRS.metadata.name!)
      : undefined;
    const sum = (f: (r: KObject) => number) =>
      rss.reduce((n, r) => n + f(r), 0);
    const statusReplicas = sum(r => r.status?.replicas ?? 0);
    const updated = live?.status?.replicas ?? 0;
    const ready = sum(r => r.status?.readyReplicas ?? 0);
    const available = sum(r => r.status?.availableReplicas ?? 0);
    const specTotal = sum(r => r.spec?.replicas ?? 0);
    const unavailable = Math.max(0, Math.max(specTotal, replicas) - available);
    const status: Record<string, unknown> = {
      observedGeneration: d.metadata.generation,
    };
    if (statusReplicas) status.replicas = statusReplicas;
    if (updated) status.updatedReplicas = updated;
    if (ready) status.readyReplicas = ready;
    if (available) status.availableReplicas = available;
    if (unavailable) status.unavailableReplicas = unavailable;
    const ts = now();
    const prevConds: Cond[] = d.status?.conditions ?? [];
    const cond = (
      type: string,
      st: string,
      reason: string,
      message: string,
    ): Cond => {
      const prev = prevConds.find(c => c.type === type);
      const same =
        prev &&
        prev.status === st &&
        prev.reason === reason &&
        prev.message === message;
      if (same) return prev!;
      return {
        type,
        status: st,
        lastUpdateTime: ts,
        lastTransitionTime:
          prev && prev.status === st ? prev.lastTransitionTime : ts,
        reason,
        message,
      };
    };
    const availableOk = available >= replicas - maxUnavailable;
    const avail = availableOk
      ? cond(
          'Available',
          'True',
          'MinimumReplicasAvailable',
          'Deployment has minimum availability.',
        )
      : cond(
          'Available',
          'False',
          'MinimumReplicasUnavailable',
          'Deployment does not have minimum availability.',
        );
    let prog: Cond;
    const rsName = live?.metadata.name ?? newRS?.metadata.name ?? '';
    const complete =
      !!live &&
      updated === replicas &&
      available >= replicas &&
      statusReplicas === replicas &&
      (live.spec.replicas ?? 0) === replicas;
    if (d.spec.paused)
      prog = cond(
        'Progressing',
        'Unknown',
        'DeploymentPaused',
        'Deployment is paused',
      );
    else if (complete)
      prog = cond(
        'Progressing',
        'True',
        'NewReplicaSetAvailable',
        `ReplicaSet "${rsName}" has successfully progressed.`,
      );
    else if (createdNew)
      prog = cond(
        'Progressing',
        'True',
        'NewReplicaSetCreated',
        `Created new replica set "${rsName}"`,
      );
    else {
      const prev = prevConds.find(c => c.type === 'Progressing');
      const deadline = (d.spec.progressDeadlineSeconds ?? 600) * 1000;
      const since = prev?.lastUpdateTime
        ? Date.parse(prev.lastUpdateTime)
        : Date.now();
      if (
        prev?.reason === 'ProgressDeadlineExceeded' ||
        (prev &&
          prev.reason !== 'NewReplicaSetAvailable' &&
          Date.now() - since > deadline)
      ) {
        prog = cond(
          'Progressing',
          'False',
          'ProgressDeadlineExceeded',
          `ReplicaSet "${rsName}" has timed out progressing.`,
        );
      } else if (
        prev &&
        prev.status === 'True' &&
        prev.message === `ReplicaSet "${rsName}" is progressing.`
      )
        prog = prev;
      else
        prog = cond(
          'Progressing',
          'True',
          'ReplicaSetUpdated',
          `ReplicaSet "${rsName}" is progressing.`,
        );
    }
    // Real order: Available first once it exists, Progressing first on creation.
    const order = prevConds.length
      ? prevConds.map(c => c.type)
      : ['Available', 'Progressing'];
    const conds = [avail, prog].sort(
      (a, b) => order.indexOf(a.type) - order.indexOf(b.type),
    );
    status.conditions = conds;
    // revision annotation mirrors the newest ReplicaSet
    const dDef = this.res.def('apps', 'deployments');
    const curRev = live?.metadata.annotations?.[REV];
    const current = store.get('apps/deployments', ns, d.metadata.name!);
    if (!current) return;
    // the revision annotation goes through /status like the real controller, so generation stays
    const annOk = !curRev || current.metadata.annotations?.[REV] === curRev;
    if (annOk && deepEqual(current.status, status)) return;
    const next = toExternal(dDef, clone(current));
    if (curRev && current.metadata.annotations?.[REV] !== curRev)
      next.metadata.annotations = {
        ...(next.metadata.annotations ?? {}),
        [REV]: curRev,
      };
    next.status = status;
    delete next.metadata.resourceVersion;
    this.o.update(dDef, ns, d.metadata.name!, next, {
      manager: CM,
      subresource: 'status',
    });
  }
}
