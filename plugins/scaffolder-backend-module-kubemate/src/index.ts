/**
 * Kubemate's scaffolder actions: `kubemate:namespace:onboard`, `kubemate:manifests:apply`,
 * `kubemate:route:create`, `kubemate:catalog:register`, `kubemate:release:create`.
 *
 * @packageDocumentation
 */
export { scaffolderModuleKubemate as default } from './module';
export { KubemateClient } from './KubemateClient';
export { createCatalogRegisterAction } from './actions/catalogRegister';
export { createManifestsApplyAction } from './actions/manifestsApply';
export { createNamespaceOnboardAction } from './actions/namespaceOnboard';
export { createReleaseCreateAction } from './actions/releaseCreate';
export { createRouteCreateAction } from './actions/routeCreate';
