export * from './contract';
export * from './serviceProfiles';
