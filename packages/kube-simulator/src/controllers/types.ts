export { CM } from './util';
export type { Controller } from './manager';
