export * from './primitives';
export * from './route';
export * from './routes';
