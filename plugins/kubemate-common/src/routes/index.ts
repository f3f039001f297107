export * from './contract';
export * from './editContract';
export * from './validation';
export * from './tester';
export * from './migration';
