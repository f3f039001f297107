import { ObjectService } from '../api/objects';
import { toExternal } from '../api/conversion';
import { clone, now } from '../util/objects';
import { KObject } from '../util/types';
import { Controller, ControllerTimings } from './manager';
import { EventRecorder, Res } from './util';

export const CRASH_ANN = 'simulator.kubemate.io/crashloop';
export const OOM_ANN = 'simulator.kubemate.io/oomkill';
export const NOT_READY_ANN = 'simulator.kubemate.io/not-ready';

interface Container {
  name: string;
  image: string;
  readinessProbe?: unknown;
}

type Fault = 'crash' | 'oom' | 'pull' | undefined;

/** Which failure a pod simulates: annotations, or image tags like `:crash`, `:oom`, `:doesnotexist`. */
export function podFault(pod: KObject, c: Container): Fault {
  const ann = pod.metadata.annotations ?? {};
  if (ann[OOM_ANN] === 'true') return 'oom';
  if (ann[CRASH_ANN] === 'true') return 'crash';
  const tag = c.image?.split(':').pop() ?? '';
  if (tag === 'crash' || tag === 'crashloop') return 'crash';
  if (tag === 'oom') return 'oom';
  if (tag === 'doesnotexist' || tag === 'missing') return 'pull';
  return undefined;
}

function hashIp(seed: string): number {
  let h = 0;
  for (const ch of seed) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return h;
}

/** The scheduler plus kubelets: Pending → Scheduled → Running/Ready, crash loops, jobs finishing, termination. */
export class Kubelet implements Controller {
  name = 'kubelet';
  private pending = 0;
  private ipNext = new Map<string, number>();

  constructor(
    private readonly o: ObjectService,
    private readonly res: Res,
    private readonly events: EventRecorder,
    private readonly t: ControllerTimings,
  ) {}

  hasPendingWork(): boolean {
    return this.pending > 0;
  }

  private podDef() {
    return this.res.def('', 'pods');
  }

  private write(pod: KObject, mutate: (p: KObject) => void, status = true) {
    const cur = this.o.store.get(
      '/pods',
      pod.metadata.namespace,
      pod.metadata.name!,
    );
    if (!cur || cur.metadata.uid !== pod.metadata.uid) return;
    const next = toExternal(this.podDef(), clone(cur));
    mutate(next);
    delete next.metadata.resourceVersion;
    this.o.update(
      this.podDef(),
      pod.metadata.namespace,
      pod.metadata.name!,
      next,
      {
        manager: status ? 'kubelet' : 'kube-scheduler',
        subresource: status ? 'status' : undefined,
      },
    );
  }

  private pickNode(pod: KObject): string | undefined {
    const nodes = this.o.store
      .list('/nodes')
      .filter(n => !n.spec?.unschedulable);
    if (!nodes.length) return undefined;
    const want = pod.spec?.nodeSelector as Record<string, string> | undefined;
    const fit = nodes.filter(
      n =>
        !want ||
        Object.entries(want).every(([k, v]) => n.metadata.labels?.[k] === v),
    );
    if (!fit.length) return undefined;
    const counts = new Map<string, number>();
    for (const p of this.o.store.list('/pods'))
      if (p.spec?.nodeName)
        counts.set(p.spec.nodeName, (counts.get(p.spec.nodeName) ?? 0) + 1);
    return fit.sort(
      (a, b) =>
        (counts.get(a.metadata.name!) ?? 0) -
        (counts.get(b.metadata.name!) ?? 0),
    )[0].metadata.name;
  }

  private podIP(nodeName: string): string {
    const node = this.o.store.get('/nodes', undefined, nodeName);
    const cidr: string = node?.spec?.podCIDR ?? '10.244.0.0/24';
    const base = cidr.split('/')[0].split('.').slice(0, 3).join('.');
    const n = (this.ipNext.get(nodeName) ?? 1) + 1;
    this.ipNext.set(nodeName, n > 250 ? 2 : n);
    return `${base}.${n}`;
  }

  reconcile() {
    const nowMs = Date.now();
    let pending = 0;
    for (const pod of this.o.store.list('/pods')) {
      const age = nowMs - Date.parse(pod.metadata.creationTimestamp ?? '');
      if (pod.metadata.deletionTimestamp) {
        const since = nowMs - Date.parse(pod.metadata.deletionTimestamp);
        if (since >= this.t.podTerminationMs || !pod.spec?.nodeName)
          this.o.store.delete(
            '/pods',
            pod.metadata.namespace,
            pod.metadata.name!,
          );
        else pending++;
        continue;
      }
      const phase = pod.status?.phase;
      if (!pod.spec?.nodeName) {
        pending++;
        if (age < this.t.scheduleDelayMs) continue;
        const node = this.pickNode(pod);
        if (!node) {
          continue;
        }
        this.schedule(pod, node);
        continue;
      }
      if (
        phase === 'Pending' &&
        !pod.status?.containerStatuses?.some(
          (c: { state?: { running?: unknown } }) => c.state?.running,
        )
      ) {
        pending++;
        const scheduledAt = (pod.status?.conditions ?? []).find(
          (c: { type: string }) => c.type === 'PodScheduled',
        )?.lastTransitionTime;
        const since =
          nowMs -
          Date.parse(scheduledAt ?? pod.metadata.creationTimestamp ?? '');
        if (!pod.status?.containerStatuses) this.markCreating(pod);
        else if (since >= this.t.startDelayMs) this.start(pod);
        continue;
      }
      if (phase === 'Running') {
        if (this.isJobPod(pod)) {
          pending++;
          const started = Date.parse(pod.status?.startTime ?? '');
          if (nowMs - started >= this.t.jobRunMs) this.complete(pod);
        } else this.tickFaults(pod, nowMs);
        if (this.hasFault(pod)) pending++;
      }
    }
    this.pending = pending;
  }

  private isJobPod(pod: KObject): boolean {
    return pod.metadata.ownerReferences?.some(r => r.kind === 'Job') ?? false;
  }

  private hasFault(pod: KObject): boolean {
    return ((pod.spec?.containers ?? []) as Container[]).some(c =>
      podFault(pod, c),
    );
  }

  private schedule(pod: KObject, node: string) {
    const ts = now();
    this.write(
      pod,
      p => {
        p.spec.nodeName = node;
      },
      false,
    );
    this.write(pod, p => {
      p.status = {
        ...(p.status ?? {}),
        conditions: [
          {
            type: 'PodScheduled',
            status: 'True',
            lastProbeTime: null,
            lastTransitionTime: ts,
          },
        ],
      };
    });
    this.events.record(
      pod,
      'Normal',
      'Scheduled',
      `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to ${node}`,
      'default-scheduler',
    );
  }

  private markCreating(pod: KObject) {
    const node = pod.spec.nodeName;
    const ts = now();
    const ip = this.podIP(node);
    const hostIP =
      this.o.store.get('/nodes', undefined, node)?.status?.addresses?.[0]
        ?.address ?? '172.18.0.2';
    this.write(pod, p => {
      const conds = [
        {
          type: 'PodReadyToStartContainers',
          status: 'False',
          lastProbeTime: null,
          lastTransitionTime: ts,
        },
        {
          type: 'Initialized',
          status: 'True',
          lastProbeTime: null,
          lastTransitionTime: ts,
        },
        {
          type: 'Ready',
          status: 'False',
          lastProbeTime: null,
          lastTransitionTime: ts,
          reason: 'ContainersNotReady',
          message: `containers with unready status: [${(
            p.spec.containers as Container[]
          )
            .map(c => c.name)
            .join(' ')}]`,
        },
        {
          type: 'ContainersReady',
          status: 'False',
          lastProbeTime: null,
          lastTransitionTime: ts,
          reason: 'ContainersNotReady',
          message: `containers with unready status: [${(
            p.spec.containers as Container[]
          )
            .map(c => c.name)
            .join(' ')}]`,
        },
        ...((p.status?.conditions ?? []) as Array<{ type: string }>).filter(
          c => c.type === 'PodScheduled',
        ),
      ];
      p.status = {
        ...p.status,
        phase: 'Pending',
        conditions: conds,
        hostIP,
        hostIPs: [{ ip: hostIP }],
        podIP: ip,
        podIPs: [{ ip }],
        startTime: ts,
        containerStatuses: (p.spec.containers as Container[]).map(c => ({
          name: c.name,
          state: { waiting: { reason: 'ContainerCreating' } },
          lastState: {},
          ready: false,
          restartCount: 0,
          image: c.image,
          imageID: '',
          started: false,
        })),
      };
    });
    for (const c of pod.spec.containers as Container[]) {
      const fp = `spec.containers{${c.name}}`;
      this.events.record(
        pod,
        'Normal',
        'Pulling',
        `Pulling image "${c.image}"`,
        'kubelet',
        node,
        fp,
      );
    }
  }

  private start(pod: KObject) {
    const ts = now();
    const node = pod.spec.nodeName;
    let allReady = true;
    const statuses = (pod.spec.containers as Container[]).map(c => {
      const fp = `spec.containers{${c.name}}`;
      const fault = podFault(pod, c);
      const digest = `sha256:${hashIp(c.image)
        .toString(16)
        .padStart(8, '0')
        .repeat(8)}`;
      const image =
        c.image.includes(':') || c.image.includes('@')
          ? c.image
          : `${c.image}:latest`;
      if (fault === 'pull') {
        allReady = false;
        this.events.record(
          pod,
          'Warning',
          'Failed',
          `Failed to pull image "${c.image}": rpc error: code = NotFound desc = failed to pull and unpack image "${c.image}": not found`,
          'kubelet',
          node,
          fp,
        );
        this.events.record(
          pod,
          'Warning',
          'Failed',
          'Error: ErrImagePull',
          'kubelet',
          node,
          fp,
        );
        this.events.record(
          pod,
          'Normal',
          'BackOff',
          `Back-off pulling image "${c.image}"`,
          'kubelet',
          node,
          fp,
        );
        return {
          name: c.name,
          state: {
            waiting: {
              reason: 'ImagePullBackOff',
              message: `Back-off pulling image "${c.image}"`,
            },
          },
          lastState: {},
          ready: false,
          restartCount: 0,
          image,
          imageID: '',
          started: false,
        };
      }
      this.events.record(
        pod,
        'Normal',
        'Pulled',
        `Successfully pulled image "${c.image}" in 1.2s (1.2s including waiting). Image size: 71012345 bytes.`,
        'kubelet',
        node,
        fp,
      );
      this.events.record(
        pod,
        'Normal',
        'Created',
        `Created container ${c.name}`,
        'kubelet',
        node,
        fp,
      );
      this.events.record(
        pod,
        'Normal',
        'Started',
        `Started container ${c.name}`,
        'kubelet',
        node,
        fp,
      );
      const ready =
        !fault && pod.metadata.annotations?.[NOT_READY_ANN] !== 'true';
      if (!ready) allReady = false;
      return {
        name: c.name,
        state: { running: { startedAt: ts } },
        lastState: {},
        ready,
        restartCount: 0,
        image,
        imageID: `${image.split('/').length > 1 ? '' : 'docker.io/library/'}${
          image.split(':')[0]
        }@${digest}`,
        containerID: `containerd://${hashIp(pod.metadata.uid + c.name)
          .toString(16)
          .padStart(8, '0')
          .repeat(8)}`,
        started: true,
      };
    });
    this.write(pod, p => {
      const unready = statuses.filter(s => !s.ready).map(s => s.name);
      const c = (type: string, ok: boolean) =>
        ok
          ? {
              type,
              status: 'True',
              lastProbeTime: null,
              lastTransitionTime: ts,
            }
          : {
              type,
              status: 'False',
              lastProbeTime: null,
              lastTransitionTime: ts,
              reason: 'ContainersNotReady',
              message: `containers with unready status: [${unready.join(' ')}]`,
            };
      p.status = {
        ...p.status,
        phase: statuses.some(s => s.state.running) ? 'Running' : 'Pending',
        conditions: [
          {
            type: 'PodReadyToStartContainers',
            status: 'True',
            lastProbeTime: null,
            lastTransitionTime: ts,
          },
          {
            type: 'Initialized',
            status: 'True',
            lastProbeTime: null,
            lastTransitionTime: ts,
          },
          c('Ready', allReady),
          c('ContainersReady', allReady),
          ...((p.status?.conditions ?? []) as Array<{ type: string }>).filter(
            x => x.type === 'PodScheduled',
          ),
        ],
        containerStatuses: statuses,
      };
    });
  }

  /** Crash loops and OOM kills: the container dies, restarts and backs off, again and again. */
  private tickFaults(pod: KObject, nowMs: number) {
    const containers = pod.spec.containers as Container[];
    if (
      !containers.some(
        c => podFault(pod, c) === 'crash' || podFault(pod, c) === 'oom',
      )
    )
      return;
    const statuses = (pod.status?.containerStatuses ?? []) as Array<
      Record<string, any>
    >; // eslint-disable-line @typescript-eslint/no-explicit-any
    const node = pod.spec.nodeName;
    let changed = false;
    const next = statuses.map(s => {
      const c = containers.find(x => x.name === s.name);
      const fault = c ? podFault(pod, c) : undefined;
      if (fault !== 'crash' && fault !== 'oom') return s;
      const lastTs = Date.parse(
        s.state?.running?.startedAt ??
          s.lastState?.terminated?.finishedAt ??
          pod.status?.startTime ??
          '',
      );
      // runs for crashLoopMs, then backs off exponentially (10s, 20s, 40s... capped at 5 min for the default)
      const backoff = Math.min(
        this.t.crashLoopMs *
          2 ** Math.min(Math.max(0, (s.restartCount ?? 1) - 1), 5),
        300_000,
      );
      const period = s.state?.running ? this.t.crashLoopMs : backoff;
      if (nowMs - lastTs < period) return s;
      changed = true;
      const ts = now();
      const oom = fault === 'oom';
      const restartCount = (s.restartCount ?? 0) + (s.state?.running ? 1 : 0);
      const fp = `spec.containers{${s.name}}`;
      if (s.state?.running) {
        this.events.record(
          pod,
          'Warning',
          'BackOff',
          `Back-off restarting failed container ${s.name} in pod ${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`,
          'kubelet',
          node,
          fp,
        );
        return {
          ...s,
          state: {
            waiting: {
              reason: 'CrashLoopBackOff',
              message: `back-off ${Math.min(
                300,
                10 * 2 ** Math.min(5, restartCount),
              )}s restarting failed container=${s.name} pod=${
                pod.metadata.name
              }_${pod.metadata.namespace}(${pod.metadata.uid})`,
            },
          },
          lastState: {
            terminated: {
              exitCode: oom ? 137 : 1,
              reason: oom ? 'OOMKilled' : 'Error',
              startedAt: s.state.running.startedAt,
              finishedAt: ts,
              containerID: s.containerID,
            },
          },
          ready: false,
          started: false,
          restartCount,
        };
      }
      this.events.record(
        pod,
        'Normal',
        'Pulled',
        `Container image "${s.image}" already present on machine`,
        'kubelet',
        node,
        fp,
      );
      this.events.record(
        pod,
        'Normal',
        'Started',
        `Started container ${s.name}`,
        'kubelet',
        node,
        fp,
      );
      return {
        ...s,
        state: { running: { startedAt: ts } },
        ready: false,
        started: true,
      };
    });
    if (!changed) return;
    this.write(pod, p => {
      p.status = { ...p.status, containerStatuses: next };
    });
  }

  private complete(pod: KObject) {
    const ts = now();
    this.write(pod, p => {
      p.status = {
        ...p.status,
        phase: 'Succeeded',
        conditions: (
          (p.status?.conditions ?? []) as Array<{
            type: string;
            status: string;
          }>
        ).map(c =>
          c.type === 'Ready' || c.type === 'ContainersReady'
            ? {
                ...c,
                status: 'False',
                reason: 'PodCompleted',
                lastTransitionTime: ts,
              }
            : c,
        ),
        containerStatuses: (
          (p.status?.containerStatuses ?? []) as Array<Record<string, unknown>>
        ).map(s => ({
          ...s,
          state: {
            terminated: {
              exitCode: 0,
              reason: 'Completed',
              startedAt:
                (s.state as { running?: { startedAt?: string } })?.running
                  ?.startedAt ?? ts,
              finishedAt: ts,
              containerID: s.containerID,
            },
          },
          ready: false,
          started: false,
        })),
      };
    });
  }
}
