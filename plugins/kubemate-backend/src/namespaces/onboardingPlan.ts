import type { KubeObject } from '@kubemate/plugin-kubemate-common';
import { LABEL_KUBEMATE_OWNER } from '@kubemate/plugin-kubemate-common';
import type { NamespaceSize, OnboardingConfig } from './onboardingConfig';

/** Names of what onboarding makes in a namespace. */
export const GATEWAY_SUFFIX = '-gateway';
export const QUOTA_NAME = 'kubemate-quota';
export const LIMITS_NAME = 'kubemate-limits';
export const NETWORK_POLICY_NAME = 'kubemate-default-deny';

/** The GatewayClass onboarding makes for a namespace, unless a shared class is configured. */
export const gatewayClassOf = (namespace: string) => `kubemate-${namespace}`;

/** The GatewayClass a namespace's Gateway uses. */
export const gatewayClassNameOf = (
  namespace: string,
  config: OnboardingConfig,
) => config.gatewayClass.shared ?? gatewayClassOf(namespace);

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
    ...(config.gatewayClass.shared
      ? []
      : [
          {
            apiVersion: 'gateway.networking.k8s.io/v1',
            kind: 'GatewayClass',
            metadata: {
              name: gatewayClassOf(ns),
              labels: {
                'kubemate.io/managed': 'true',
                'kubemate.io/namespace': ns,
              },
            },
            spec: { controllerName: config.gatewayClass.controllerName },
          },
        ]),
    {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'Gateway',
      metadata: {
        name: `${ns}${GATEWAY_SUFFIX}`,
        namespace: ns,
        labels: { 'kubemate.io/managed': 'true' },
      },
      spec: {
        gatewayClassName: gatewayClassNameOf(ns, config),
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
type TraefikObject = KubeObject & {
  spec?: {
    template?: { spec?: { containers?: Container[] } };
    ports?: Array<Record<string, unknown>>;
  };
};

/** The Traefik Deployment and Service whose static configuration onboarding edits. */
export function traefikObjects(config: OnboardingConfig): KubeObject[] {
  const { namespace, deployment, service } = config.traefik;
  return [
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: deployment, namespace },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: service, namespace },
    },
  ];
}

/**
 * The Traefik Deployment or Service (a copy) with the namespace's entryPoint, as the Traefik
 * Helm chart lays it out: `--entrypoints.<name>.address=:<port>` and a container port in the
 * Deployment, a Service port of the same name. What is already right stays as it is (order, a
 * Service's nodePort), so a second run is a no-op; only a missing or different entry is
 * replaced.
 */
export function withTraefikEntryPoint(
  object: KubeObject,
  namespace: string,
  port: number,
): KubeObject {
  const copy = structuredClone(object) as TraefikObject;
  const name = portNameOf(port);
  if (copy.kind === 'Service') {
    const servicePorts = copy.spec?.ports ?? [];
    if (
      !servicePorts.some(
        p => p.name === name && p.port === port && p.targetPort === name,
      )
    ) {
      copy.spec = {
        ...copy.spec,
        ports: [
          ...servicePorts.filter(p => p.name !== name),
          { name, port, targetPort: name, protocol: 'TCP' },
        ],
      };
    }
    return copy;
  }
  const containers = copy.spec?.template?.spec?.containers ?? [];
  const container = containers.find(c => c.name === 'traefik') ?? containers[0];
  if (!container) return copy;
  const arg = `--entrypoints.${entryPointOf(namespace)}.address=:${port}`;
  const prefix = `--entrypoints.${entryPointOf(namespace)}.address=`;
  const args = container.args ?? [];
  if (!args.includes(arg)) {
    container.args = [...args.filter(a => !a.startsWith(prefix)), arg];
  }
  const containerPorts = container.ports ?? [];
  if (!containerPorts.some(p => p.name === name && p.containerPort === port)) {
    container.ports = [
      ...containerPorts.filter(p => p.name !== name),
      { name, containerPort: port, protocol: 'TCP' },
    ];
  }
  return copy;
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

/** The Traefik Deployment or Service (a copy) without the namespace's entryPoint. */
export function withoutTraefikEntryPoint(
  object: KubeObject,
  namespace: string,
  port: number | undefined,
): KubeObject {
  const copy = structuredClone(object) as TraefikObject;
  const prefix = `--entrypoints.${entryPointOf(namespace)}.address=`;
  const name = port === undefined ? undefined : portNameOf(port);
  for (const c of copy.spec?.template?.spec?.containers ?? []) {
    if (c.args?.some(a => a.startsWith(prefix))) {
      c.args = c.args.filter(a => !a.startsWith(prefix));
    }
    if (name && c.ports?.some(p => p.name === name)) {
      c.ports = c.ports.filter(p => p.name !== name);
    }
  }
  if (name && copy.spec?.ports?.some(p => p.name === name)) {
    copy.spec.ports = copy.spec.ports.filter(p => p.name !== name);
  }
  return copy;
}
