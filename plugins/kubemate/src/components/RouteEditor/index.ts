export { RouteEditorDialog } from './RouteEditorDialog';
export { RouteConflictsTable } from './RouteConflictsTable';
