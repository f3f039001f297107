export * from './registry';
export * from './status';
