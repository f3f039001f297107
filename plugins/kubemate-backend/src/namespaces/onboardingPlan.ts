import type { KubeObject } from '@kubemate/plugin-kubemate-common';
import { LABEL_KUBEMATE_OWNER } from '@kubemate/plugin-kubemate-common';
import type { NamespaceSize, OnboardingConfig } from './onboardingConfig';

/** Names of what onboarding makes in a namespace. */
export const GATEWAY_SUFFIX = '-gateway';
export const QUOTA_NAME = 'kubemate-quota';
export const LIMITS_NAME = 'kubemate-limits';
export const NETWORK_POLICY_NAME = 'kubemate-default-deny';

/** The Traefik entryPoint of a namespace and its container/Service port name (≤ 15 chars). */
export const entryPointOf = (namespace: string) => namespace;
export const portNameOf = (port: number) => `gw-${port}`;

export interface PlanInput {
  namespace: string;
  /** Full owner ref, e.g. `group:default/team-erp`. */
  owner: string;
  mesh: boolean;
  size: NamespaceSize;
  networkPolicy: boolean;
  tlsSecretName?: string;
  port: number;
  config: OnboardingConfig;
}

/** The label value naming the owner: only a Group of the `default` namespace fits in a label. */
function ownerLabel(owner: string): Record<string, string> {
  const m = /^group:default\/(.+)$/.exec(owner);
  return m ? { [LABEL_KUBEMATE_OWNER]: m[1] } : {};
}

/**
 * The objects a namespace should have once onboarded, as server-side apply patches: only the
 * fields Kubemate owns. The Traefik entryPoint is not here: the Deployment's args are one
 * atomic list, so it is edited in place (see `traefikEntryPoint`).
 */
export function onboardingPlan(input: PlanInput): KubeObject[] {
  const { namespace: ns, config } = input;
  const listener = input.tlsSecretName
    ? {
        name: 'https',
        protocol: 'HTTPS',
        port: input.port,
        tls: {
          mode: 'Terminate',
          certificateRefs: [
            { group: '', kind: 'Secret', name: input.tlsSecretName },
          ],
        },
        allowedRoutes: { namespaces: { from: 'Same' } },
      }
    : {
        name: 'http',
        protocol: 'HTTP',
        port: input.port,
        allowedRoutes: { namespaces: { from: 'Same' } },
      };
  const objects: KubeObject[] = [
    {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name: ns,
        labels: { 'kubemate.io/onboarded': 'true', ...ownerLabel(input.owner) },
        annotations: {
          'kubemate.io/owner': input.owner,
          'linkerd.io/inject': input.mesh ? 'enabled' : 'disabled',
        },
      },
    },
    {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'Gateway',
      metadata: {
        name: `${ns}${GATEWAY_SUFFIX}`,
        namespace: ns,
        labels: { 'kubemate.io/managed': 'true' },
      },
      spec: {
        gatewayClassName: config.gatewayClassName,
        listeners: [listener],
      },
    },
    {
      apiVersion: 'v1',
      kind: 'ResourceQuota',
      metadata: { name: QUOTA_NAME, namespace: ns },
      spec: { hard: input.size.quota },
    },
    {
      apiVersion: 'v1',
      kind: 'LimitRange',
      metadata: { name: LIMITS_NAME, namespace: ns },
      spec: {
        limits: [
          {
            type: 'Container',
            ...(input.size.default && Object.keys(input.size.default).length
              ? { default: input.size.default }
              : {}),
            ...(input.size.defaultRequest &&
            Object.keys(input.size.defaultRequest).length
              ? { defaultRequest: input.size.defaultRequest }
              : {}),
          },
        ],
      },
    },
  ];
  if (input.networkPolicy) {
    objects.push({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: NETWORK_POLICY_NAME, namespace: ns },
      spec: {
        podSelector: {},
        policyTypes: ['Ingress'],
        // Everything else is denied: the gateway's namespace and the namespace itself may enter.
        ingress: [
          {
            from: [
              {
                namespaceSelector: {
                  matchLabels: {
                    'kubernetes.io/metadata.name': config.traefik.namespace,
                  },
                },
              },
              { podSelector: {} },
            ],
          },
        ],
      },
    });
  }
  return objects;
}

type Container = {
  name: string;
  args?: string[];
  ports?: Array<Record<string, unknown>>;
};

/**
 * The Traefik Deployment and Service with the namespace's entryPoint added, as the Traefik Helm
 * chart lays them out (`--entrypoints.<name>.address=:<port>`, a container port and a Service
 * port of the same name); unchanged copies when they already have it.
 */
export function traefikEntryPoint(
  deployment: KubeObject,
  service: KubeObject,
  namespace: string,
  port: number,
): { deployment: KubeObject; service: KubeObject } {
  const d = structuredClone(deployment) as KubeObject & {
    spec: { template: { spec: { containers: Container[] } } };
  };
  const s = structuredClone(service) as KubeObject & {
    spec: { ports?: Array<Record<string, unknown>> };
  };
  const container =
    d.spec.template.spec.containers.find(c => c.name === 'traefik') ??
    d.spec.template.spec.containers[0];
  const arg = `--entrypoints.${entryPointOf(namespace)}.address=:${port}`;
  const prefix = `--entrypoints.${entryPointOf(namespace)}.address=`;
  const args = container.args ?? [];
  // What is already right stays as it is (order, a Service's nodePort), so a second run is a
  // no-op; only a missing or different entry is replaced.
  if (!args.includes(arg)) {
    container.args = [...args.filter(a => !a.startsWith(prefix)), arg];
  }
  const name = portNameOf(port);
  const containerPorts = container.ports ?? [];
  if (!containerPorts.some(p => p.name === name && p.containerPort === port)) {
    container.ports = [
      ...containerPorts.filter(p => p.name !== name),
      { name, containerPort: port, protocol: 'TCP' },
    ];
  }
  const servicePorts = s.spec.ports ?? [];
  if (
    !servicePorts.some(
      p => p.name === name && p.port === port && p.targetPort === name,
    )
  ) {
    s.spec.ports = [
      ...servicePorts.filter(p => p.name !== name),
      { name, port, targetPort: name, protocol: 'TCP' },
    ];
  }
  return { deployment: d, service: s };
}

/** Ports the Traefik Deployment's static configuration already listens on. */
export function traefikPortsInUse(deployment: KubeObject): number[] {
  const containers =
    (deployment.spec as { template?: { spec?: { containers?: Container[] } } })
      ?.template?.spec?.containers ?? [];
  return containers.flatMap(c =>
    (c.args ?? []).flatMap(a => {
      const m = /^--entrypoints\.[^.]+\.address=[^:]*:(\d+)/.exec(a);
      return m ? [Number(m[1])] : [];
    }),
  );
}

/** The Traefik Deployment and Service without the namespace's entryPoint (copies). */
export function withoutTraefikEntryPoint(
  deployment: KubeObject,
  service: KubeObject,
  namespace: string,
  port: number | undefined,
): { deployment: KubeObject; service: KubeObject } {
  const d = structuredClone(deployment) as KubeObject & {
    spec: { template: { spec: { containers: Container[] } } };
  };
  const s = structuredClone(service) as KubeObject & {
    spec: { ports?: Array<Record<string, unknown>> };
  };
  const prefix = `--entrypoints.${entryPointOf(namespace)}.address=`;
  const name = port === undefined ? undefined : portNameOf(port);
  // Either object may be the other kind (callers pass the one they edit twice).
  for (const c of d.spec?.template?.spec?.containers ?? []) {
    if (c.args?.some(a => a.startsWith(prefix))) {
      c.args = c.args.filter(a => !a.startsWith(prefix));
    }
    if (name && c.ports?.some(p => p.name === name)) {
      c.ports = c.ports.filter(p => p.name !== name);
    }
  }
  if (name && s.spec?.ports?.some(p => p.name === name)) {
    s.spec.ports = s.spec.ports.filter(p => p.name !== name);
  }
  return { deployment: d, service: s };
}
