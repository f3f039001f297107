export type AuditResult = 'succeeded' | 'failed' | 'denied';

/** One audited operation. */
export interface AuditEvent {
  id?: string;
  at: Date;
  actor: string;
  entityRef?: string;
  cluster?: string;
  namespace?: string;
  kind?: string;
  name?: string;
  operation: string;
  parameters?: Record<string, unknown>;
  result: AuditResult;
  error?: string;
  beforeYaml?: string;
  afterYaml?: string;
}

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
  list(query: AuditQuery): Promise<{ items: AuditEvent[]; total: number }>;
}
