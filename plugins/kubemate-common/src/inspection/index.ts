export * from './contract';
export * from './vocabulary';
export * from './summaries';
export * from './profiles';
