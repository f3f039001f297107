export { UnifiedDiff, diffLineKind } from './UnifiedDiff';
