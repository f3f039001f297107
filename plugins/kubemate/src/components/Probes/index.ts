export { ProbesPage } from './ProbesPage';
export { EntityProbesCard } from './EntityProbesCard';
