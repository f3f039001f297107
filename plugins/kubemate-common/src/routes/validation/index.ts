export * from './schema';
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
  validateHttpRoute,
  type ValidateHttpRouteOptions,
} from './validateHttpRoute';
