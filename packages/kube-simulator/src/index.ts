/**
 * Kubernetes API simulator: a REST-faithful kube-apiserver with controllers, for development,
 * demos and tests. Start it with {@link startSimulator}.
 *
 * @packageDocumentation
 */
export {
  startSimulator,
  defaultTokens,
  DEFAULT_ADMIN_TOKEN,
  DEFAULT_VIEWER_TOKEN,
  EXAMPLE_CLUSTER_PATH,
} from './simulator';
export type { Simulator, SimulatorOptions } from './simulator';
export type { ControllerTimings } from './controllers/manager';
export type { TokenEntry } from './auth/authn';
export type { FaultConfig, FaultRule } from './server/faults';
export type { GenerateSpec } from './seed/generate';
export { parseManifests, readManifests } from './seed/loader';
export type { KObject, ObjectMeta } from './util/types';
export { Store } from './storage/store';
export { CRASH_ANN, OOM_ANN, NOT_READY_ANN } from './controllers/kubelet';
export { RPS_ANN, ERROR_RATE_ANN, LATENCY_ANN } from './mesh/traffic';
export { answerGatewayRequest, startGatewayHttp } from './mesh/gatewayHttp';
export type { GatewayAnswer, GatewayRequest } from './mesh/gatewayHttp';
