/** Extension points of the Kubemate backend plugin, for backend modules. */
export * from './rulePacks';
export * from './ruleFunctions';
export * from './probes';
export * from './reportIngesters';
export * from './workloadActions';
export * from './trafficRouters';
export * from './metricsProviders';
