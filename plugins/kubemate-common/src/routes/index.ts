export * from './contract';
export * from './validation';
export * from './tester';
export * from './migration';
