export * from './contract';
export * from './resources';
export * from './status';
export * from './types';
