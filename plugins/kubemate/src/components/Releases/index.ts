export { EntityReleasesContent } from './EntityReleasesContent';
export { ReleasesPage } from './ReleasesPage';
