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

export interface AuditLogStore {
  record(event: AuditEvent): Promise<void>;
  /** Newest first. */
  list(query: AuditQuery): Promise<{ items: AuditRecord[]; total: number }>;
}
