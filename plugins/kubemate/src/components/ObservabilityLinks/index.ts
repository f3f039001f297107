export { EntityLinksCard } from './EntityLinksCard';
export { ObservabilityLinksButton } from './ObservabilityLinksButton';
