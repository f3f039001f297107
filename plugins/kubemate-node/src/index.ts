/**
 * Node library for Kubemate: cluster access and the inspection rule engine, shared by the
 * backend plugin, its modules and the inspector CLI.
 *
 * @packageDocumentation
 */
export * from './clusters';
export * from './inspection';
