export * from './resources';
export * from './types';
