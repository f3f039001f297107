import type {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  ConflictError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import {
  kubemateProbeManagePermission,
  kubemateProbeReadPermission,
  kubemateProbeRunPermission,
  type ProbeGateRequest,
  type ProbeReport,
  type ProbeGateResponse,
  type ProbeRun,
  type ProbeSummary,
} from '@kubemate/plugin-kubemate-common';
import type { Request } from 'express';
import { actorOf } from '../auth/actorOf';
import { requirePermission } from '../auth/requirePermission';
import type { AuditTrail } from '../audit/AuditTrail';
import { toWire } from '../service/wire';
import type { LoadedProbe } from './definitions';
import type { LiveProbes } from './LiveProbes';
import type { ProbeEngine } from './ProbeEngine';
import { ProbeGate } from './ProbeGate';
import type { ProbeStore, StoredRun } from './ProbeStore';

/** Finished runs the success rate is computed over. */
export const RECENT_RUNS = 20;

const isFailure = (r?: StoredRun) =>
  r?.status === 'failed' || r?.status === 'error';

/** The probe API: summaries, history and manual runs, each permission-checked. */
export class Probes {
  constructor(
    private readonly deps: {
      engine: ProbeEngine;
      store: ProbeStore;
      permissions: PermissionsService;
      audit: AuditTrail;
      gate: ProbeGate;
      live?: LiveProbes;
    },
  ) {}

  /** The read permission; a reader then gets the live pages' signals. */
  private async canRead(credentials: BackstageCredentials) {
    await requirePermission(this.deps.permissions, credentials, {
      permission: kubemateProbeReadPermission,
    });
    this.deps.live?.read(credentials);
  }

  private probe(id: string): LoadedProbe {
    const probe = this.deps.engine.get(id);
    if (!probe) throw new NotFoundError(`No probe '${id}'`);
    return probe;
  }

  private async summary(
    probe: LoadedProbe,
    nextRuns: Map<string, Date>,
  ): Promise<ProbeSummary> {
    const def = probe.definition;
    const runs = await this.deps.store.listRuns(def.id, RECENT_RUNS + 1);
    const finished = runs
      .filter(r => r.status !== 'running')
      .slice(0, RECENT_RUNS);
    const passed = finished.filter(r => r.status === 'passed').length;
    const lastFailure = isFailure(finished[0])
      ? finished[0]
      : await this.deps.store.lastFailure(def.id);
    const next = nextRuns.get(def.id);
    return {
      id: def.id,
      title: def.title,
      ...(def.description ? { description: def.description } : {}),
      type: def.type,
      cluster: def.cluster,
      ...(def.namespace ? { namespace: def.namespace } : {}),
      ...(def.owner ? { owner: def.owner } : {}),
      entityRefs: def.entityRefs,
      severity: def.severity,
      schedule: def.schedule,
      timeoutSeconds: def.timeoutSeconds,
      source: probe.source,
      ...(next ? { nextRunAt: next.toISOString() } : {}),
      ...(finished.length ? { successRate: passed / finished.length } : {}),
      recentRuns: finished.length,
      ...(runs[0] ? { lastRun: toWire(runs[0]) } : {}),
      ...(lastFailure ? { lastFailure: toWire(lastFailure) } : {}),
    };
  }

  private async summaries(probes: LoadedProbe[]): Promise<ProbeSummary[]> {
    const nextRuns = await this.deps.store.nextRuns();
    const items = await Promise.all(probes.map(p => this.summary(p, nextRuns)));
    // Failing first, then by id.
    const rank = (s: ProbeSummary) =>
      s.lastRun &&
      (s.lastRun.status === 'failed' || s.lastRun.status === 'error')
        ? 0
        : 1;
    return items.sort((a, b) => rank(a) - rank(b) || a.id.localeCompare(b.id));
  }

  async list(credentials: BackstageCredentials): Promise<ProbeSummary[]> {
    await this.canRead(credentials);
    return this.summaries(this.deps.engine.list());
  }

  async listForEntity(
    credentials: BackstageCredentials,
    entityRef: string,
  ): Promise<ProbeSummary[]> {
    await this.canRead(credentials);
    return this.summaries(
      this.deps.engine
        .list()
        .filter(p =>
          p.definition.entityRefs.some(
            r => r.toLowerCase() === entityRef.toLowerCase(),
          ),
        ),
    );
  }

  async get(credentials: BackstageCredentials, id: string) {
    await this.canRead(credentials);
    return this.summary(this.probe(id), await this.deps.store.nextRuns());
  }

  async runs(
    credentials: BackstageCredentials,
    id: string,
    limit: number,
  ): Promise<ProbeRun[]> {
    await this.canRead(credentials);
    this.probe(id);
    return (await this.deps.store.listRuns(id, limit)).map(r => toWire(r));
  }

  /** A manual run, audited (also when refused); 409 while another manual run is going. */
  async run(
    credentials: BackstageCredentials,
    id: string,
    request?: Request,
  ): Promise<{ run: ProbeRun; done: Promise<StoredRun> }> {
    const probe = this.probe(id);
    const def = probe.definition;
    const event = {
      actor: actorOf(credentials),
      operation: 'probe-run',
      cluster: def.cluster,
      ...(def.namespace ? { namespace: def.namespace } : {}),
      kind: 'Probe',
      name: def.id,
      parameters: { type: def.type },
    };
    await requirePermission(
      this.deps.permissions,
      credentials,
      { permission: kubemateProbeRunPermission },
      error => this.deps.audit.denied(event, error, request),
    );
    const since = new Date(Date.now() - 2 * def.timeoutSeconds * 1000 - 15_000);
    if (await this.deps.store.isRunning(id, since)) {
      throw new ConflictError(`Probe '${id}' is running already`);
    }
    const started = await this.deps.audit.run(
      event,
      request,
      () => this.deps.engine.runNow(probe, event.actor),
      s => `run: ${s.run.id}\n`,
    );
    return { run: toWire(started.run), done: started.done };
  }

  /**
   * A gate decision asked through the API (`kubemate.probe.run`: stale probes run first); the
   * decision is audited either way.
   */
  async gate(
    credentials: BackstageCredentials,
    body: ProbeGateRequest,
    request?: Request,
  ): Promise<ProbeGateResponse> {
    const event = ProbeGate.event(credentials, body.change);
    await requirePermission(
      this.deps.permissions,
      credentials,
      { permission: kubemateProbeRunPermission },
      error => this.deps.audit.denied(event, error, request),
    );
    return this.deps.gate.decide(
      body.probes,
      event,
      request,
      body.maxAgeSeconds,
    );
  }

  /**
   * A job probe's report, from its container: `kubemate.probe.manage` (a service token) and
   * the run's key; audited as `probe-report`, refusals too.
   */
  async report(
    credentials: BackstageCredentials,
    id: string,
    runId: string,
    body: Required<ProbeReport>,
    request?: Request,
  ): Promise<ProbeRun> {
    const probe = this.probe(id);
    const event = {
      actor: actorOf(credentials),
      operation: 'probe-report',
      cluster: probe.definition.cluster,
      ...(probe.definition.namespace
        ? { namespace: probe.definition.namespace }
        : {}),
      kind: 'Probe',
      name: id,
      parameters: { runId, status: body.status, messages: body.messages },
    };
    await requirePermission(
      this.deps.permissions,
      credentials,
      { permission: kubemateProbeManagePermission },
      error => this.deps.audit.denied(event, error, request),
    );
    const record = async () => {
      const outcome = await this.deps.store.report(id, runId, body.key, {
        status: body.status,
        messages: body.messages,
      });
      if (outcome === 'missing') {
        throw new NotFoundError(`No run ${runId} of probe '${id}'`);
      }
      if (outcome === 'refused') {
        throw new NotAllowedError(`Wrong report key for run ${runId}`);
      }
      if (outcome === 'conflict') {
        throw new ConflictError(
          `Run ${runId} of probe '${id}' is not waiting for a report`,
        );
      }
      return (await this.deps.store.getRun(runId))!;
    };
    const run = await this.deps.audit.run(
      event,
      request,
      record,
      () => undefined,
    );
    return toWire(run);
  }
}
