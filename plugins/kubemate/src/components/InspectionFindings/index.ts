export { FindingsPanel } from './FindingsPanel';
export { IgnoreDialog } from './IgnoreDialog';
