/**
 * Kubemate backend plugin.
 *
 * @packageDocumentation
 */
export { kubematePlugin as default } from './plugin';
