export interface Config {
  /** Kubemate: Kubernetes workload management, routing, canaries and inspection. */
  kubemate?: {
    /**
     * Kubeconfig files to read clusters from, in addition to the `type: config` entries of
     * `kubernetes.clusterLocatorMethods`. Each context becomes a cluster named after it.
     */
    kubeconfig?: Array<{
      /** Path of the kubeconfig file, relative to the backend's working directory. */
      path: string;
      /** Only these contexts; all contexts when omitted. */
      contexts?: string[];
    }>;
    /** Entity workloads (the Workloads tab). */
    workloads?: {
      /**
       * How long the first request for a cluster waits for its watch caches to fill, in
       * milliseconds. Default 10000. Later requests are served from memory.
       */
      syncTimeoutMs?: number;
    };
    /** How cluster reachability is checked. */
    clusterStatus?: {
      /** Timeout of one `/version` probe, in milliseconds. Default 3000. */
      probeTimeoutMs?: number;
      /**
       * Schedule of the background probe (Backstage scheduler format).
       * Default: every minute.
       */
      schedule?: {
        frequency: { cron: string } | string | { [unit: string]: number };
        timeout: string | { [unit: string]: number };
        initialDelay?: string | { [unit: string]: number };
      };
    };
  };
}
