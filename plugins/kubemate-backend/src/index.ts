/**
 * Kubemate backend plugin.
 *
 * @packageDocumentation
 */
export { kubematePlugin as default } from './plugin';
export { catalogModuleKubemateCreatedEntities } from './scaffolding/catalogModule';
