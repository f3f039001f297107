import type { AuditorService } from '@backstage/backend-plugin-api';
import type { Request } from 'express';
import type { AuditEvent, AuditLogStore } from './AuditLogStore';

type Pending = Omit<AuditEvent, 'at' | 'result' | 'error' | 'afterYaml'>;

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

  async denied(event: Pending, error: Error, request?: Request): Promise<void> {
    const auditorEvent = await this.auditorEvent(event, request);
    await this.deps.store.record({
      ...event,
      at: new Date(),
      result: 'denied',
      error: error.message,
    });
    await auditorEvent.fail({ error, meta: { result: 'denied' } });
  }

  /** Runs `fn`, recording success with the object after the change, or failure with the error. */
  async run<T>(
    event: Pending,
    request: Request | undefined,
    fn: () => Promise<T>,
    afterOf: (result: T) => string | undefined,
  ): Promise<T> {
    const auditorEvent = await this.auditorEvent(event, request);
    try {
      const result = await fn();
      await this.deps.store.record({
        ...event,
        at: new Date(),
        result: 'succeeded',
        afterYaml: afterOf(result),
      });
      await auditorEvent.success();
      return result;
    } catch (error) {
      const err = error instanceof Error ? error : new Error(String(error));
      await this.deps.store.record({
        ...event,
        at: new Date(),
        result: 'failed',
        error: err.message,
      });
      await auditorEvent.fail({ error: err });
      throw error;
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
