export * from './contract';
export * from './definition';
export * from './reporter';
