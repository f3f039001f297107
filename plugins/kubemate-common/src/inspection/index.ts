export * from './vocabulary';
export * from './summaries';
