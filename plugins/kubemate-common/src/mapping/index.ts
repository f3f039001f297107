export * from './annotations';
export * from './resolveEntityMapping';
