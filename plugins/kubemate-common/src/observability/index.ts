export * from './types';
export * from './template';
export * from './links';
export * from './contract';
