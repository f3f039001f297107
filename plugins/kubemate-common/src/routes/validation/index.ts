export {
  httpRouteSpecSchema,
  gatewayDurationSchema,
  httpPathMatchTypes,
  httpRouteMethods,
  httpRouteFilterTypes,
  type HttpRouteSpec,
  type HttpRouteRuleSpec,
  type HttpRouteParentRef,
  type HttpRouteMatch,
  type HttpPathMatch,
  type HttpHeaderMatch,
  type HttpQueryParamMatch,
  type HttpRouteFilter,
  type HttpRouteFilterType,
  type HttpHeaderModifier,
  type HttpPathModifier,
  type HttpRequestRedirect,
  type HttpUrlRewrite,
  type HttpRouteExtensionRef,
  type HttpBackendRef,
  type HttpRouteTimeouts,
} from './schema';
export type { HttpRouteIssue } from './issues';
export { httpRouteLimits } from './limits';
export { parseGatewayDuration } from './durations';
export { hostnameProblem } from './hostnames';
export { pathValueProblem } from './paths';
export { redirectStatusCodes } from './filters';
export {
  httpRouteImplementations,
  linkerdFilterTypes,
  traefikMiddlewareRef,
  type HttpRouteImplementation,
} from './implementations';
export {
  httpRouteDefaults,
  withExplicitDefaults,
  withExplicitSpecDefaults,
} from './defaults';
export {
  implementationsOf,
  validateHttpRoute,
  validateHttpRouteForParents,
  type ValidateHttpRouteOptions,
} from './validateHttpRoute';
