export { EntityRoutesContent } from './EntityRoutesContent';
