/** Observability links (Grafana, Prometheus, Loki, …) for the resources Kubemate shows. */
export { FindingLinker } from './FindingLinker';
export type { LinkableFinding } from './FindingLinker';
export {
  readClusterLinkTemplates,
  readLinkTemplates,
} from './readLinkTemplates';
export { EntityLinks, controllerOf } from './EntityLinks';
export { addObservabilityRoutes } from './observabilityRoutes';
