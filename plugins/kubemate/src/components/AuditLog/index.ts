export { EntityActivity } from './EntityActivity';
