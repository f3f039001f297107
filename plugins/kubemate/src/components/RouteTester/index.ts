export { RouteTesterPanel } from './RouteTesterPanel';
