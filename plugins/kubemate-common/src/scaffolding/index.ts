export * from './contract';
export * from './images';
