export * from './contract';
export * from './definition';
