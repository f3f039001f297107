import type {
  AuthService,
  DiscoveryService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import type {
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import type { CreatedEntityListResponse } from '@kubemate/plugin-kubemate-common';

/** Where the catalog says the provider's entities come from. */
export const CREATED_ENTITIES_LOCATION = 'kubemate:created-entities';

/**
 * Serves the Components templates registered with Kubemate to the catalog: each refresh reads
 * them from the Kubemate backend (as a service, with a deadline) and replaces the provider's
 * entities in full, so a removed registration leaves the catalog too.
 */
export class CreatedEntityProvider implements EntityProvider {
  private connection?: EntityProviderConnection;

  constructor(
    private readonly deps: {
      discovery: DiscoveryService;
      auth: AuthService;
      logger: LoggerService;
      timeoutMs?: number;
    },
  ) {}

  getProviderName(): string {
    return 'kubemate-created-entities';
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.connection = connection;
  }

  async refresh(): Promise<void> {
    if (!this.connection) return;
    const base = await this.deps.discovery.getBaseUrl('kubemate');
    const { token } = await this.deps.auth.getPluginRequestToken({
      onBehalfOf: await this.deps.auth.getOwnServiceCredentials(),
      targetPluginId: 'kubemate',
    });
    const response = await fetch(`${base}/catalog/created-entities`, {
      headers: { Authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(this.deps.timeoutMs ?? 10_000),
    });
    if (!response.ok) throw await ResponseError.fromResponse(response);
    const { items } = (await response.json()) as CreatedEntityListResponse;
    await this.connection.applyMutation({
      type: 'full',
      entities: items.map(item => {
        const entity = item as unknown as Entity;
        return {
          locationKey: CREATED_ENTITIES_LOCATION,
          entity: {
            ...entity,
            metadata: {
              ...entity.metadata,
              annotations: {
                ...entity.metadata.annotations,
                'backstage.io/managed-by-location': CREATED_ENTITIES_LOCATION,
                'backstage.io/managed-by-origin-location':
                  CREATED_ENTITIES_LOCATION,
              },
            },
          },
        };
      }),
    });
  }
}
