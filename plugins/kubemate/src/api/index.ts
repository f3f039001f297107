export { kubemateApiRef, type KubemateApi } from './KubemateApi';
export { KubemateClient } from './KubemateClient';
