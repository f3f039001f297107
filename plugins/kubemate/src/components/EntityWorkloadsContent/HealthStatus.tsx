import {
  StatusAborted,
  StatusError,
  StatusOK,
  StatusPending,
} from '@backstage/core-components';
import type { WorkloadSummary } from '@kubemate/plugin-kubemate-common';

const LABELS: Record<WorkloadSummary['health'], string> = {
  healthy: 'Healthy',
  progressing: 'Progressing',
  degraded: 'Degraded',
  suspended: 'Suspended',
};

export function HealthStatus(props: { health: WorkloadSummary['health'] }) {
  const label = LABELS[props.health];
  switch (props.health) {
    case 'healthy':
      return <StatusOK>{label}</StatusOK>;
    case 'progressing':
      return <StatusPending>{label}</StatusPending>;
    case 'degraded':
      return <StatusError>{label}</StatusError>;
    default:
      return <StatusAborted>{label}</StatusAborted>;
  }
}
