export { EntityWorkloadsContent } from './EntityWorkloadsContent';
export { EntityWorkloadsCard } from './EntityWorkloadsCard';
