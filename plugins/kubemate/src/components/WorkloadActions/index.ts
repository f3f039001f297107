export { ConfirmDialog } from './ConfirmDialog';
export { RolloutHistory } from './RolloutHistory';
export { WorkloadActionButtons } from './WorkloadActionButtons';
export {
  useOpenWorkloadAction,
  WorkloadActionsHost,
} from './WorkloadActionsHost';
export {
  usePermittedActions,
  type PermittedActions,
} from './usePermittedActions';
export { useWorkloadAction } from './useWorkloadAction';
export { hpaOf } from './hpaOf';
