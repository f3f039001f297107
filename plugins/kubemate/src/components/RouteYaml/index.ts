export { RouteYamlDialog } from './RouteYamlDialog';
