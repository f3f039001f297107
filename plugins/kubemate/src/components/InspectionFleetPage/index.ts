export { InspectionFleetPage } from './InspectionFleetPage';
