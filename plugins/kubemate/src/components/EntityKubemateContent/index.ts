export { EntityKubemateContent } from './EntityKubemateContent';
