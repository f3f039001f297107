import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import type {
  ProbeGateResponse,
  ProbeGateResult,
} from '@kubemate/plugin-kubemate-common';
import type { Request } from 'express';
import { actorOf } from '../auth/actorOf';
import type { AuditTrail } from '../audit/AuditTrail';
import type { AuditIntent } from '../audit/AuditLogStore';
import type { ProbeEngine } from './ProbeEngine';
import type { ProbeStore, StoredRun } from './ProbeStore';

/** How old a result a gate trusts by default, in seconds. */
export const DEFAULT_GATE_MAX_AGE_SECONDS = 300;

type Pending = Omit<AuditIntent, 'at'>;

/** `probe X failed: message (likely cause: …)`, for each probe that did not pass. */
function reasonOf(results: ProbeGateResult[]): string | undefined {
  const failing = results.filter(r => r.status !== 'passed');
  if (!failing.length) return undefined;
  return failing
    .map(
      r =>
        `probe ${r.probe} ${r.status === 'unknown' ? 'is unknown' : r.status}${
          r.message ? `: ${r.message}` : ''
        }${r.hint ? ` (likely cause: ${r.hint.title})` : ''}`,
    )
    .join('; ');
}

/**
 * Gates a change on named probes: each is judged on its latest finished run, or run now when
 * that is older than the allowed age; the change may go ahead only when all passed. A blocked
 * change is audited with the reason and each probe's result.
 */
export class ProbeGate {
  constructor(
    private readonly deps: {
      engine: ProbeEngine;
      store: ProbeStore;
      audit: AuditTrail;
      now?: () => Date;
    },
  ) {}

  private async resultOf(
    id: string,
    maxAgeMs: number,
    actor: string,
  ): Promise<ProbeGateResult> {
    const probe = this.deps.engine.get(id);
    if (!probe)
      return { probe: id, status: 'unknown', message: 'no such probe' };
    const now = this.deps.now?.() ?? new Date();
    let run: StoredRun | undefined = (
      await this.deps.store.listRuns(id, 5)
    ).find(r => r.status !== 'running');
    if (!run || now.getTime() - run.startedAt.getTime() > maxAgeMs) {
      run = await (await this.deps.engine.runNow(probe, `gate: ${actor}`)).done;
    }
    return {
      probe: id,
      status: run.status === 'running' ? 'error' : run.status,
      runId: run.id,
      at: run.startedAt.toISOString(),
      ...(run.status !== 'passed' && run.message
        ? { message: run.message }
        : {}),
      ...(run.status !== 'passed' && run.hint ? { hint: run.hint } : {}),
    };
  }

  /** The decision, without recording it. */
  async check(
    probes: string[],
    options: { maxAgeSeconds?: number; actor: string },
  ): Promise<ProbeGateResponse> {
    const maxAgeMs =
      (options.maxAgeSeconds ?? DEFAULT_GATE_MAX_AGE_SECONDS) * 1000;
    const results = await Promise.all(
      [...new Set(probes)].map(id =>
        this.resultOf(id, maxAgeMs, options.actor),
      ),
    );
    const reason = reasonOf(results);
    return { allowed: !reason, ...(reason ? { reason } : {}), results };
  }

  /**
   * Decides and records the decision (`probe-gate`): allowed as succeeded, blocked as denied
   * with the reason. Answers the decision either way.
   */
  async decide(
    probes: string[],
    event: Pending,
    request?: Request,
    maxAgeSeconds?: number,
  ): Promise<ProbeGateResponse> {
    const decision = await this.check(probes, {
      actor: event.actor,
      maxAgeSeconds,
    });
    const recorded = {
      ...event,
      parameters: {
        ...event.parameters,
        probes,
        results: decision.results.map(r => ({
          probe: r.probe,
          status: r.status,
          runId: r.runId,
        })),
      },
    };
    if (decision.allowed) await this.deps.audit.read(recorded, request);
    else {
      await this.deps.audit.denied(
        recorded,
        new ConflictError(`Blocked by probes: ${decision.reason}`),
        request,
      );
    }
    return decision;
  }

  /**
   * For a change that must not happen unless the probes pass: throws a 409 naming the probes
   * and why (audited as denied under the change's own operation), else returns.
   */
  async enforce(
    probes: string[],
    event: Pending,
    request?: Request,
    maxAgeSeconds?: number,
  ): Promise<void> {
    if (!probes.length) return;
    const decision = await this.check(probes, {
      actor: event.actor,
      maxAgeSeconds,
    });
    if (decision.allowed) return;
    const error = new ConflictError(`Blocked by probes: ${decision.reason}`);
    await this.deps.audit.denied(
      {
        ...event,
        parameters: {
          ...event.parameters,
          probeGate: decision.results.map(r => ({
            probe: r.probe,
            status: r.status,
            runId: r.runId,
          })),
        },
      },
      error,
      request,
    );
    throw error;
  }

  /** The audit event of a gate check asked through the API. */
  static event(credentials: BackstageCredentials, change: string): Pending {
    return {
      actor: actorOf(credentials),
      operation: 'probe-gate',
      kind: 'Probe',
      parameters: { change },
    };
  }
}
