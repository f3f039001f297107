export { EntityInspectionContent } from './EntityInspectionContent';
