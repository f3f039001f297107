export { WorkloadDetailDrawer } from './WorkloadDetailDrawer';
