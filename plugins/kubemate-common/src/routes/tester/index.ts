export type {
  HttpRouteObject,
  HttpRouteObjectParentRef,
  HttpRouteObjectRule,
  HttpRouteObjectMatch,
  HttpRouteObjectValueMatch,
  HttpRouteObjectBackendRef,
  HttpRouteObjectFilter,
  RouteTestRequest,
  RouteTestParent,
  RouteTestResult,
  RouteMatchRef,
} from './types';
export { whichRouteWins } from './whichRouteWins';
export { findConflicts, type RouteConflict } from './findConflicts';
export { hostnameMatches, intersectHostname } from './hostnames';
export { describeMatch } from './requestMatch';
