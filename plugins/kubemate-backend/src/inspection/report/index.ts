/** Server-side PDF export of inspection reports. */
export { loadReportData, MAX_PDF_ROWS } from './reportData';
export type { ReportData, ReportTrendSeries } from './reportData';
export { renderReportPdf } from './renderReportPdf';
