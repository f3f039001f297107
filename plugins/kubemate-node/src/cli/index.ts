export { runInspectCli } from './main';
export type { CliIo } from './main';
export {
  inspectManifests,
  isNamespacedKind,
  failsThreshold,
} from './inspectManifests';
export type {
  ManifestCheckResult,
  ManifestInspection,
  ManifestInspectionOptions,
} from './inspectManifests';
export { parseManifests, readManifests } from './manifests';
export type { ManifestObject, ManifestProblem } from './manifests';
export { toGenericReport } from './cluster';
