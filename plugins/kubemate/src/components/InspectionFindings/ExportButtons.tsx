import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import { Button, ButtonGroup, CircularProgress } from '@material-ui/core';
import GetAppIcon from '@material-ui/icons/GetApp';
import { useState } from 'react';
import {
  inspectionApiRef,
  type ExportFormat,
  type FindingFilter,
} from '../../api';
import { downloadBlob, errorMessage } from '../InspectionShared';

const FORMATS: Array<{ format: ExportFormat; label: string }> = [
  { format: 'csv', label: 'CSV' },
  { format: 'json', label: 'JSON' },
  { format: 'pdf', label: 'PDF' },
];

/**
 * Downloads the report of the risk list as filtered (CSV and JSON rows, or the server-rendered
 * PDF report with summary and charts), through fetchApi so the user's token goes along.
 */
export function ExportButtons(props: {
  filter: FindingFilter;
  /** File name without extension. */
  baseName: string;
}) {
  const api = useApi(inspectionApiRef);
  const alertApi = useApi(alertApiRef);
  const [busy, setBusy] = useState<ExportFormat | undefined>();

  const download = async (format: ExportFormat) => {
    setBusy(format);
    try {
      const blob = await api.exportFindings(format, props.filter);
      downloadBlob(blob, `${props.baseName}.${format}`);
    } catch (e) {
      alertApi.post({
        message: `Export as ${format.toUpperCase()} failed: ${errorMessage(e)}`,
        severity: 'error',
      });
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <ButtonGroup size="small" variant="outlined" aria-label="Export report">
      {FORMATS.map(f => (
        <Button
          key={f.format}
          onClick={() => download(f.format)}
          disabled={busy !== undefined}
          startIcon={
            busy === f.format ? (
              <CircularProgress size={14} />
            ) : (
              <GetAppIcon fontSize="small" />
            )
          }
          aria-label={`Export ${f.label}`}
        >
          {f.label}
        </Button>
      ))}
    </ButtonGroup>
  );
}
