export { EntityInspectionCard } from './EntityInspectionCard';
