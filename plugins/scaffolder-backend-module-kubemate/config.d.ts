export interface Config {
  kubemate?: {
    scaffolder?: {
      /**
       * How long an action waits for the Kubemate backend to answer, in milliseconds (default
       * 30000); `kubemate:manifests:apply` adds its rollout timeout to it.
       */
      requestTimeoutMs?: number;
    };
  };
}
