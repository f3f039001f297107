import type { AuditTrail } from '../audit/AuditTrail';
import type {
  Caller,
  ObjectRef,
} from '../workloads/operations/WorkloadOperations';

/** The audit operation of a read of Secret values, and of a refusal to serve them. */
export const SECRET_READ_OPERATION = 'secret-read';

/** Where Secret values were served: the Workloads answer, a Secret's YAML, its preview. */
export type SecretReadVia = 'workloads' | 'yaml' | 'yaml-preview';

/** A Secret as served: `cluster/namespace/name@resourceVersion`. */
export type SecretVersion = string;

/** At most this many Secrets are named in one audit record (the count is always there). */
const MAX_NAMED = 50;

/**
 * Writes who was served which Secret values, and who was refused them, to the audit log,
 * without flooding it: the Workloads tab refreshes its answer on every change of the entity's
 * objects, so a read is recorded once per user, entity and way of reading for each new set of
 * Secret versions served, and again only after `windowMs` (default 10 minutes) while the same
 * versions keep being served. Refusals are all recorded. The memory is per backend replica and
 * bounded (`maxEntries`, oldest forgotten first); forgetting only means one more record.
 */
export class SecretReadAudit {
  private readonly last = new Map<string, { versions: string; at: number }>();
  private readonly windowMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(
    private readonly audit: AuditTrail,
    options: {
      windowMs?: number;
      maxEntries?: number;
      now?: () => number;
    } = {},
  ) {
    this.windowMs = options.windowMs ?? 10 * 60_000;
    this.maxEntries = options.maxEntries ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  /**
   * Records that `caller` is served the values of `secrets`, unless that was recorded within
   * the window. Fails closed (503 from the audit trail): then nothing may be served.
   */
  async served(
    caller: Caller,
    via: SecretReadVia,
    secrets: SecretVersion[],
    target?: ObjectRef,
  ): Promise<void> {
    if (secrets.length === 0) return;
    const versions = [...secrets].sort().join('\n');
    const key = `${caller.actor}\n${caller.entityRef}\n${via}`;
    const now = this.now();
    const seen = this.last.get(key);
    if (seen && seen.versions === versions && now - seen.at < this.windowMs) {
      return;
    }
    await this.audit.read(
      {
        actor: caller.actor,
        entityRef: caller.entityRef,
        ...(target ?? {}),
        kind: 'Secret',
        operation: SECRET_READ_OPERATION,
        parameters: {
          via,
          count: secrets.length,
          secrets: [...secrets].sort().slice(0, MAX_NAMED),
        },
      },
      caller.request,
    );
    this.last.delete(key);
    this.last.set(key, { versions, at: now });
    while (this.last.size > this.maxEntries) {
      this.last.delete(this.last.keys().next().value as string);
    }
  }

  /** Records that `caller` was refused a Secret's values (every refusal). */
  refused(
    caller: Caller,
    via: SecretReadVia,
    target: ObjectRef,
    error: Error,
  ): Promise<void> {
    return this.audit.denied(
      {
        actor: caller.actor,
        entityRef: caller.entityRef,
        ...target,
        operation: SECRET_READ_OPERATION,
        parameters: { via },
      },
      error,
      caller.request,
    );
  }
}

/** `cluster/namespace/name@resourceVersion` of a Secret object. */
export function secretVersionOf(
  cluster: string,
  secret: {
    metadata?: { namespace?: string; name?: string; resourceVersion?: string };
  },
): SecretVersion {
  const m = secret.metadata ?? {};
  return `${cluster}/${m.namespace ?? ''}/${m.name ?? ''}@${
    m.resourceVersion ?? ''
  }`;
}
