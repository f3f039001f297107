/**
 * Inspection storage: runs, risk items and their lifecycle, reports, external report ingestion.
 */
export * from './InspectionStore';
export { DatabaseInspectionStore } from './DatabaseInspectionStore';
export { coverageFromInspection, withEntityRefs } from './coverage';
export * from './ingest';
