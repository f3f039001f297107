export { AdminConsolePage, AdminConsole } from './AdminConsolePage';
export { IfKubemateAdmin } from './IfKubemateAdmin';
