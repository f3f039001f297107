import { ObjectService } from '../api/objects';
import { Registry } from '../api/registry';
import { TokenAuthenticator } from '../auth/authn';
import { RbacAuthorizer } from '../auth/rbac';
import { Store } from '../storage/store';
import { KObject } from '../util/types';
import { Faults } from './faults';

export interface LogOptions {
  container: string;
  follow: boolean;
  tailLines?: number;
  sinceSeconds?: number;
  timestamps: boolean;
  previous: boolean;
  limitBytes?: number;
}

/** Produces container logs; `follow` streams new lines through `onLine` until the returned stop is called. */
export interface LogSource {
  history(pod: KObject, opts: LogOptions): string[];
  follow(
    pod: KObject,
    opts: LogOptions,
    onLine: (line: string) => void,
  ): () => void;
}

export interface MetricsSource {
  podMetrics(pod: KObject): KObject | undefined;
  nodeMetrics(node: KObject): KObject | undefined;
  prometheusText(): string;
}

export interface SimContext {
  store: Store;
  registry: Registry;
  objects: ObjectService;
  authn: TokenAuthenticator;
  authz: RbacAuthorizer;
  faults: Faults;
  logs?: LogSource;
  metrics?: MetricsSource;
  serverAddress: () => string;
  bookmarkIntervalMs: number;
  /** Serve apidiscovery.k8s.io/v2 aggregated discovery (kubectl ≥1.30 asks for it). */
  aggregatedDiscovery: boolean;
}
