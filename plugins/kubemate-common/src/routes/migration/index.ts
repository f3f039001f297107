export type {
  IngressRouteObject,
  IngressRouteRoute,
  IngressRouteService,
  ConversionProblem,
  ConversionNote,
} from './types';
export {
  parseTraefikRule,
  type TraefikRuleNode,
  type TraefikRuleParse,
} from './traefikRule';
export {
  convertIngressRoute,
  ingressRouteApiVersions,
  type ConvertIngressRouteOptions,
  type IngressRouteConversion,
} from './convertIngressRoute';
export { sampleRequests } from './sampleRequests';
export {
  traefikRouteFor,
  type TraefikRouting,
  type TraefikRouteForOptions,
} from './traefikRouter';
export { type RuleSyntax } from './traefikMatchers';
export {
  parityCheck,
  type ParityRow,
  type ParityResult,
  type ParityCheckOptions,
} from './parityCheck';
