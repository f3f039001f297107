/** Observability links (Grafana, Prometheus, Loki, …) for the resources Kubemate shows. */
export { FindingLinker } from './FindingLinker';
export type { LinkableFinding } from './FindingLinker';
export { readLinkTemplates } from './readLinkTemplates';
