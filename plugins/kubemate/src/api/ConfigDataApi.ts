import type { CompoundEntityRef } from '@backstage/catalog-model';
import { createApiRef } from '@backstage/core-plugin-api';
import type {
  ConfigDataApplyResponse,
  ConfigDataEditRequest,
  ConfigDataHistoryResponse,
  ConfigDataPreviewResponse,
  ConfigDataTarget,
  SecretRevealRequest,
  SecretRevealResponse,
} from '@kubemate/plugin-kubemate-common';

/** Editing the keys of an entity's ConfigMaps and Secrets, and revealing one Secret value. */
export interface ConfigDataApi {
  /** What an edit (or a ConfigMap restore) would change: a dry run with a diff; 409 when stale. */
  previewConfigData(
    entity: CompoundEntityRef,
    request: ConfigDataEditRequest,
  ): Promise<ConfigDataPreviewResponse>;
  /** Applies an edit or restore, conditional on the version the user saw (409 when stale). */
  applyConfigData(
    entity: CompoundEntityRef,
    request: ConfigDataEditRequest,
  ): Promise<ConfigDataApplyResponse>;
  /** The audited changes of a ConfigMap or Secret, newest first. */
  getConfigDataHistory(
    entity: CompoundEntityRef,
    target: ConfigDataTarget,
  ): Promise<ConfigDataHistoryResponse>;
  /** One Secret key's value (audited). */
  revealSecretKey(
    entity: CompoundEntityRef,
    request: SecretRevealRequest,
  ): Promise<SecretRevealResponse>;
}

export const configDataApiRef = createApiRef<ConfigDataApi>({
  id: 'plugin.kubemate.config-data',
});
