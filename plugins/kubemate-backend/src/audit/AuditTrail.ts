import type { AuditorService } from '@backstage/backend-plugin-api';
import { ServiceUnavailableError } from '@backstage/errors';
import type { Request } from 'express';
import { redactSecretYaml } from '../security/redactSecret';
import type { AuditIntent, AuditLogStore } from './AuditLogStore';

type Pending = Omit<AuditIntent, 'at'>;

const asError = (e: unknown) => (e instanceof Error ? e : new Error(String(e)));

/** Whatever a caller passed, a Secret's values never reach the audit log. */
const redacted = <E extends { beforeYaml?: string }>(event: E): E =>
  event.beforeYaml === undefined
    ? event
    : { ...event, beforeYaml: redactSecretYaml(event.beforeYaml) };

/** Nothing is changed that the audit log cannot tell about: the caller gets a 503. */
const auditUnavailable = (cause: unknown) =>
  new ServiceUnavailableError(
    'The audit log cannot be written, so the operation was not performed; try again later',
    asError(cause),
  );

/** Deleting pods disrupts; reading logs changes nothing (audited for who saw what). */
const severityOf = (operation: string) => {
  if (operation === 'delete-pod') return 'high';
  if (operation === 'logs') return 'low';
  return 'medium';
};

/**
 * Writes each mutation, log read and denied attempt to the audit table and to Backstage's auditor
 * service (which forwards to the portal's audit sink), so both tell the same story.
 */
export class AuditTrail {
  constructor(
    private readonly deps: { store: AuditLogStore; auditor: AuditorService },
  ) {}

  /** Records a refused attempt; 503 when the audit log cannot be written. */
  async denied(event: Pending, error: Error, request?: Request): Promise<void> {
    const auditorEvent = await this.auditorEvent(event, request);
    await auditorEvent.fail({ error, meta: { result: 'denied' } });
    try {
      await this.deps.store.record({
        ...redacted(event),
        at: new Date(),
        result: 'denied',
        error: error.message,
      });
    } catch (e) {
      throw auditUnavailable(e);
    }
  }

  /**
   * Runs `fn` between two writes: the intent (result `pending`, with the object before) before
   * it, the outcome (succeeded with the object after, or failed with the error) after it. When
   * the intent cannot be written `fn` never runs and a 503 is thrown. When only the outcome
   * cannot be written the change stands and its record stays `pending`, which is what an
   * auditor sees of a process that died mid-change too.
   */
  async run<T>(
    event: Pending,
    request: Request | undefined,
    fn: () => Promise<T>,
    afterOf: (result: T) => string | undefined,
  ): Promise<T> {
    const auditorEvent = await this.auditorEvent(event, request);
    let id: string;
    try {
      id = await this.deps.store.begin({ ...redacted(event), at: new Date() });
    } catch (e) {
      const refused = auditUnavailable(e);
      await auditorEvent.fail({ error: refused, meta: { result: 'refused' } });
      throw refused;
    }
    let result: T;
    try {
      result = await fn();
    } catch (error) {
      const err = asError(error);
      const recorded = await this.complete(id, {
        result: 'failed',
        error: err.message,
      });
      await auditorEvent.fail({ error: err, meta: { recorded } });
      throw error;
    }
    const recorded = await this.complete(id, {
      result: 'succeeded',
      afterYaml: redactSecretYaml(afterOf(result)),
    });
    await auditorEvent.success({ meta: { recorded } });
    return result;
  }

  /**
   * Records a read that is over (who was served Secret values). Fails closed: when it cannot be
   * written a 503 is thrown, and the caller must not serve what was read.
   */
  async read(event: Pending, request?: Request): Promise<void> {
    const auditorEvent = await this.auditorEvent(event, request);
    try {
      await this.deps.store.record({
        ...redacted(event),
        at: new Date(),
        result: 'succeeded',
      });
    } catch (e) {
      const refused = auditUnavailable(e);
      await auditorEvent.fail({ error: refused, meta: { result: 'refused' } });
      throw refused;
    }
    await auditorEvent.success({ meta: { recorded: 'complete' } });
  }

  /** The outcome, or why it stays pending (told to the auditor service instead). */
  private async complete(
    id: string,
    outcome: Parameters<AuditLogStore['complete']>[1],
  ): Promise<string> {
    try {
      await this.deps.store.complete(id, outcome);
      return 'complete';
    } catch (e) {
      return `record ${id} left pending: ${asError(e).message}`;
    }
  }

  private auditorEvent(event: Pending, request?: Request) {
    return this.deps.auditor.createEvent({
      eventId: event.operation.startsWith('risk-')
        ? 'inspection-risk'
        : 'workload-operation',
      severityLevel: severityOf(event.operation),
      request,
      meta: {
        operation: event.operation,
        actor: event.actor,
        ...(event.entityRef ? { entityRef: event.entityRef } : {}),
        ...(event.cluster ? { cluster: event.cluster } : {}),
        ...(event.namespace ? { namespace: event.namespace } : {}),
        ...(event.kind ? { kind: event.kind } : {}),
        ...(event.name ? { name: event.name } : {}),
        ...(event.parameters
          ? { parameters: JSON.parse(JSON.stringify(event.parameters)) }
          : {}),
      },
    });
  }
}
