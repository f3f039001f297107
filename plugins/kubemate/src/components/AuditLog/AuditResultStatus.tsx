import {
  StatusError,
  StatusOK,
  StatusPending,
  StatusWarning,
} from '@backstage/core-components';
import type { AuditEntry } from '../../api';

/** Succeeded green, failed red, denied amber; pending: intent recorded, no outcome (yet). */
export function AuditResultStatus(props: { result: AuditEntry['result'] }) {
  switch (props.result) {
    case 'succeeded':
      return <StatusOK>succeeded</StatusOK>;
    case 'failed':
      return <StatusError>failed</StatusError>;
    case 'pending':
      return <StatusPending>pending</StatusPending>;
    default:
      return <StatusWarning>denied</StatusWarning>;
  }
}
