export { ResourcesSection } from './ResourcesSection';
