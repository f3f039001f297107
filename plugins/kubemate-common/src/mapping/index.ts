export * from './annotations';
export * from './labelSelector';
export * from './resolveEntityMapping';
