import {
  StatusError,
  StatusOK,
  StatusWarning,
} from '@backstage/core-components';
import type { AuditEntry } from '../../api';

/** Succeeded green, failed red, denied amber. */
export function AuditResultStatus(props: { result: AuditEntry['result'] }) {
  switch (props.result) {
    case 'succeeded':
      return <StatusOK>succeeded</StatusOK>;
    case 'failed':
      return <StatusError>failed</StatusError>;
    default:
      return <StatusWarning>denied</StatusWarning>;
  }
}
