/**
 * Types, permissions and API contracts shared by the Kubemate frontend and backend.
 *
 * @packageDocumentation
 */
export * from './admin';
export * from './audit';
export * from './clusters';
export * from './contract';
export * from './inspection';
export * from './live';
export * from './mapping';
export * from './mesh';
export * from './namespaces';
export * from './routes';
export * from './observability';
export * from './permissions';
export * from './probes';
export * from './releases';
export * from './resources';
export * from './scaffolding';
export * from './workloads';
