export { parseAnsibleReport, parseTaskName } from './ansible';
export type { AnsibleRuleInfo, ParseAnsibleOptions } from './ansible';
export { genericReportSchema, parseGenericReport } from './generic';
export type { GenericReport } from './generic';
export { canonicalJson, reportDigest } from './digest';
export { decodeReportBody } from './reportBody';
export {
  ansibleIngester,
  genericIngester,
  ignoredSummary,
  ReportIngesters,
} from './ReportIngesters';
export type { ParsedReport } from './types';
