export * from './entitySignals';
