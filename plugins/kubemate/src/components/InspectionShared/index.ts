export { SeverityChip } from './SeverityChip';
export { StateChip } from './StateChip';
export { SeverityBar } from './SeverityBar';
export { TrendChart, type TrendSeries } from './TrendChart';
export {
  SEVERITY_LABELS,
  STATE_LABELS,
  totalRisks,
  useSeverityColors,
} from './severity';
export * from './format';
export { downloadBlob } from './downloadBlob';
export { InspectionSummary } from './InspectionSummary';
