export { MigrateIngressRouteDialog } from './MigrateIngressRouteDialog';
