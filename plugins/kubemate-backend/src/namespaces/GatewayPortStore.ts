import type { Knex } from 'knex';

const TABLE = 'kubemate_gateway_ports';

/**
 * The gateway port of each onboarded namespace, per cluster. The table's unique constraint on
 * (cluster, port) is what keeps two namespaces (or two replicas onboarding at once) from
 * getting the same port.
 */
export class GatewayPortStore {
  constructor(private readonly knex: Knex) {}

  async portOf(
    cluster: string,
    namespace: string,
  ): Promise<number | undefined> {
    const row = await this.knex(TABLE).where({ cluster, namespace }).first();
    return row ? Number(row.port) : undefined;
  }

  async ports(cluster: string): Promise<Map<string, number>> {
    const rows = await this.knex(TABLE).where({ cluster });
    return new Map(rows.map(r => [String(r.namespace), Number(r.port)]));
  }

  /** The lowest port of the range used by no namespace and not in `inUse`, or undefined. */
  async firstFree(
    cluster: string,
    range: { from: number; to: number },
    inUse: readonly number[],
  ): Promise<number | undefined> {
    const taken = new Set([...inUse, ...(await this.ports(cluster)).values()]);
    for (let p = range.from; p <= range.to; p++) if (!taken.has(p)) return p;
    return undefined;
  }

  /** The namespace's port: the one it has, else the first free one, recorded. */
  async allocate(
    cluster: string,
    namespace: string,
    range: { from: number; to: number },
    inUse: readonly number[],
  ): Promise<number | undefined> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const existing = await this.portOf(cluster, namespace);
      if (existing !== undefined) return existing;
      const port = await this.firstFree(cluster, range, inUse);
      if (port === undefined) return undefined;
      try {
        await this.knex(TABLE).insert({
          cluster,
          namespace,
          port,
          allocated_at: new Date(),
        });
        return port;
      } catch {
        // Another replica took this port (or this namespace) meanwhile: look again.
      }
    }
    return undefined;
  }

  /** Frees the namespace's port. */
  async release(cluster: string, namespace: string): Promise<void> {
    await this.knex(TABLE).where({ cluster, namespace }).delete();
  }
}
