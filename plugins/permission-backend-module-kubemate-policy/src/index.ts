/**
 * Default permission policy for Kubemate portals.
 *
 * @packageDocumentation
 */
export {};
