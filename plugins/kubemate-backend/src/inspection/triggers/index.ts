export { ChangeTrigger } from './ChangeTrigger';
export {
  readChangeTriggerConfig,
  setupChangeTriggers,
  type ChangeTriggerConfig,
} from './setupChangeTriggers';
export {
  describeChange,
  WATCHABLE_KINDS,
  WorkloadChangeWatcher,
  type WatchableKind,
  type WorkloadChange,
} from './WorkloadChangeWatcher';
