export { ManifestFindings } from './ManifestFindings';
