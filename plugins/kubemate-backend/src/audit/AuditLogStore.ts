import type {
  AuditEntry,
  AuditResult,
  WithDates,
} from '@kubemate/plugin-kubemate-common';

export type { AuditResult };

/** A stored audited operation: the API's `AuditEntry` with its time as a Date. */
export type AuditRecord = WithDates<AuditEntry, 'at'>;

/** One audited operation, as recorded (the store gives it its id). */
export type AuditEvent = Omit<AuditRecord, 'id'> & { id?: string };

export interface AuditQuery {
  entityRef?: string;
  actor?: string;
  cluster?: string;
  namespace?: string;
  kind?: string;
  name?: string;
  operation?: string;
  result?: AuditResult;
  since?: Date;
  until?: Date;
  limit: number;
  offset: number;
}

/** What a mutation's intent record holds: everything but its outcome. */
export type AuditIntent = Omit<
  AuditEvent,
  'id' | 'result' | 'error' | 'afterYaml'
>;

/** How a mutation ended, completing its `pending` record. */
export interface AuditOutcome {
  result: 'succeeded' | 'failed';
  error?: string;
  afterYaml?: string;
}

export interface AuditLogStore {
  /** Records an event that is already over (a denied attempt). */
  record(event: AuditEvent): Promise<void>;
  /**
   * Records a mutation's intent (result `pending`) before it runs and returns the record's id.
   * A record whose process died before `complete` stays `pending`.
   */
  begin(intent: AuditIntent): Promise<string>;
  /** Completes a pending record with the mutation's outcome. */
  complete(id: string, outcome: AuditOutcome): Promise<void>;
  /** Newest first. */
  list(query: AuditQuery): Promise<{ items: AuditRecord[]; total: number }>;
}
