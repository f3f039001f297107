export { NamespacesTable } from './NamespacesTable';
