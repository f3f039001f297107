import { useTheme } from '@material-ui/core';
import type { FindingState, Severity, SeverityCounts } from '../../api';

/** Severity colours from the theme palette, so light and dark themes both read well. */
export function useSeverityColors(): Record<Severity, string> {
  const { palette } = useTheme();
  return {
    high: palette.error.main,
    medium: palette.warning.main,
    low: palette.info.main,
  };
}

export const SEVERITY_LABELS: Record<Severity, string> = {
  high: 'High',
  medium: 'Medium',
  low: 'Low',
};

export const STATE_LABELS: Record<FindingState, string> = {
  new: 'New',
  open: 'Open',
  reopened: 'Reopened',
  fixed: 'Fixed',
  ignored: 'Ignored',
};

export const totalRisks = (counts: SeverityCounts) =>
  counts.high + counts.medium + counts.low;
