import type {
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotAllowedError } from '@backstage/errors';
import {
  kubemateNamespaceApplyPermission,
  MAX_CREATED_ENTITY_BYTES,
  type CreatedEntity,
  type RegisterCreatedEntityRequest,
  type RegisterCreatedEntityResponse,
} from '@kubemate/plugin-kubemate-common';
import type { Knex } from 'knex';
import type { AuditTrail } from '../audit/AuditTrail';
import { actorOf } from '../auth/actorOf';
import { requirePermission } from '../auth/requirePermission';
import { normalizeRef } from '../tenancy/NamespaceTenancy';
import type { ApplyCaller } from './ManifestApply';

const TABLE = 'kubemate_created_entities';
export const REGISTER_OPERATION = 'catalog-register';

/**
 * Components of apps created by templates, kept for Kubemate's catalog entity provider: the
 * portal may have no SCM to register a `catalog-info.yaml` from. A user registers only a
 * Component owned by one of their groups, and cannot replace another owner's.
 */
export class CreatedEntities {
  constructor(
    private readonly deps: {
      knex: Knex;
      permissions: PermissionsService;
      userInfo: UserInfoService;
      audit: AuditTrail;
    },
  ) {}

  async list(): Promise<CreatedEntity[]> {
    const rows = await this.deps
      .knex(TABLE)
      .select('entity')
      .orderBy('entity_ref');
    return rows.map(r => JSON.parse(r.entity) as CreatedEntity);
  }

  async register(
    body: RegisterCreatedEntityRequest,
    caller: ApplyCaller,
  ): Promise<RegisterCreatedEntityResponse> {
    const entity: CreatedEntity = {
      ...body.entity,
      metadata: {
        ...body.entity.metadata,
        namespace: body.entity.metadata.namespace ?? 'default',
      },
    };
    const entityRef = stringifyEntityRef({
      kind: entity.kind,
      namespace: entity.metadata.namespace,
      name: entity.metadata.name,
    });
    const event = {
      actor: actorOf(caller.credentials),
      operation: REGISTER_OPERATION,
      kind: 'Component',
      name: entityRef,
      parameters: { owner: entity.spec.owner },
    };
    const refuse = async (error: Error): Promise<never> => {
      if (!body.dryRun)
        await this.deps.audit.denied(event, error, caller.request);
      throw error;
    };
    await requirePermission(
      this.deps.permissions,
      caller.credentials,
      { permission: kubemateNamespaceApplyPermission },
      error => this.deps.audit.denied(event, error, caller.request),
    );
    const json = JSON.stringify(entity);
    if (Buffer.byteLength(json) > MAX_CREATED_ENTITY_BYTES) {
      await refuse(
        new InputError(
          `The entity is larger than ${MAX_CREATED_ENTITY_BYTES} bytes`,
        ),
      );
    }
    let owner = '';
    try {
      owner = normalizeRef(entity.spec.owner, {
        namespace: entity.metadata.namespace,
      });
    } catch (e) {
      await refuse(new InputError(`spec.owner: ${(e as Error).message}`));
    }
    const { ownershipEntityRefs } = await this.deps.userInfo.getUserInfo(
      caller.credentials,
    );
    if (
      !ownershipEntityRefs.some(r => r.toLocaleLowerCase('en-US') === owner)
    ) {
      await refuse(
        new NotAllowedError(
          `${entityRef} would be owned by ${owner}, which is not one of your groups`,
        ),
      );
    }
    const existing = await this.deps
      .knex(TABLE)
      .where({ entity_ref: entityRef })
      .first();
    if (existing && existing.owner !== owner) {
      await refuse(
        new NotAllowedError(
          `${entityRef} is registered already, owned by ${existing.owner}`,
        ),
      );
    }
    const changed = existing?.entity !== json;
    if (body.dryRun || !changed) {
      return { entityRef, dryRun: body.dryRun, changed };
    }
    await this.deps.audit.run(
      event,
      caller.request,
      async () => {
        const row = {
          entity_ref: entityRef,
          entity: json,
          owner,
          created_by: actorOf(caller.credentials),
          updated_at: new Date(),
        };
        await this.deps
          .knex(TABLE)
          .insert(row)
          .onConflict('entity_ref')
          .merge(['entity', 'owner', 'created_by', 'updated_at']);
      },
      () => json,
    );
    return { entityRef, dryRun: false, changed };
  }
}
