/**
 * Where one resource type stands in one cluster: `synced` (watched and listed), `pending`
 * (watch starting), `installed` (served, not watched by anything yet), `not-installed` (an
 * optional kind the cluster lacks) or `error`.
 */
export interface ResourceStatus {
  /** `resourceId` of the type, e.g. `httproutes.v1.gateway.networking.k8s.io`. */
  id: string;
  kind: string;
  apiVersion: string;
  status: 'synced' | 'pending' | 'installed' | 'not-installed' | 'error';
  error?: string;
}
