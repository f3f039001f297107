export * from './contract';
export * from './resources';
export * from './status';
export * from './types';
export * from './cron';
export * from './configData';
