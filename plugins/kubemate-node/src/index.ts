/**
 * Node library for Kubemate: cluster access shared by the backend plugin and its modules.
 *
 * @packageDocumentation
 */
export * from './clusters';
