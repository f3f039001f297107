/**
 * Kubemate inspection rule engine: rules as data (YAML + CEL), profiles,
 * evaluation, fingerprints and health score.
 */
export * from './types';
export { computeFingerprint } from './fingerprint';
export type { FingerprintInput } from './fingerprint';
export { RuleLoadError, formatProblem } from './errors';
export type { RuleProblem } from './errors';
export { ClusterIndex, EXEMPT_ANNOTATION } from './ClusterIndex';
export {
  RuleEnvironment,
  RULE_VARIABLES,
  builtinFunctions,
  getDefaultRuleEnvironment,
} from './environment';
export type { RuleFunction, RuleFunctionContext } from './environment';
export {
  parseRuleFile,
  loadRulesFromFiles,
  loadRulePack,
  listYamlFiles,
} from './loader';
export { parseYamlDocuments, YamlDoc } from './yamlSource';
export type { InspectionRule, RuleLoadOptions, RulePack } from './loader';
export {
  defaultProfile,
  loadProfiles,
  mergeProfiles,
  parseProfileFile,
  resolveProfiles,
} from './profiles';
export type { Exemption, InspectionProfile, RuleSelector } from './profiles';
export { createInspector } from './inspector';
export type {
  ActiveRule,
  InspectOptions,
  Inspector,
  InspectorOptions,
} from './inspector';
export { computeScore, scoreFromCounts, SEVERITY_WEIGHTS } from './score';
export type {
  CountsScore,
  HealthScore,
  ScoreOptions,
  SeverityCounts,
} from './score';
export {
  builtinRulesDir,
  loadBaselineRulePack,
  loadBuiltinProfiles,
} from './builtin';
export { compileTemplate, TEMPLATE_VARIABLES } from './template';
export type { CompiledTemplate, TemplateData } from './template';
