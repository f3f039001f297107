import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';

/** A namespace size: its ResourceQuota's `hard` and its LimitRange's container defaults. */
export interface NamespaceSize {
  quota: Record<string, string>;
  defaultRequest?: Record<string, string>;
  default?: Record<string, string>;
}

/** How namespaces are onboarded (`kubemate.onboarding`). */
export interface OnboardingConfig {
  /**
   * The GatewayClass of the namespaces' Gateways: by default one per namespace
   * (`kubemate-<namespace>`, made by onboarding, of `controllerName`); `shared` names one
   * class that every namespace's Gateway uses instead.
   */
  gatewayClass: { shared?: string; controllerName: string };
  /** The Traefik installation whose static configuration gets an entryPoint per namespace. */
  traefik: { namespace: string; deployment: string; service: string };
  /** Gateway ports are allocated from this range, one per namespace and cluster. */
  ports: { from: number; to: number };
  sizes: Record<string, NamespaceSize>;
}

/** A map of resource names (`requests.cpu`: dots are part of the key) to quantities. */
const quantities = (config: Config, key: string) =>
  Object.fromEntries(
    Object.entries(
      (config.getOptional(key) as Record<string, unknown> | undefined) ?? {},
    ).map(([k, v]) => [k, String(v)]),
  );

/** Reads `kubemate.onboarding`; undefined when onboarding is not configured. */
export function readOnboardingConfig(
  config: Config,
): OnboardingConfig | undefined {
  const c = config.getOptionalConfig('kubemate.onboarding');
  if (!c) return undefined;
  const implementation = c.getOptionalString('gateway.implementation');
  if (implementation && implementation !== 'traefik') {
    throw new InputError(
      `kubemate.onboarding.gateway.implementation: '${implementation}' is not supported (traefik is)`,
    );
  }
  const from = c.getNumber('gateway.ports.from');
  const to = c.getNumber('gateway.ports.to');
  if (!(from >= 1 && to <= 65535 && from <= to)) {
    throw new InputError(
      `kubemate.onboarding.gateway.ports: need 1 ≤ from ≤ to ≤ 65535, got ${from}–${to}`,
    );
  }
  const sizes = c.getConfig('sizes');
  return {
    gatewayClass: {
      ...(c.getOptionalString('gateway.className')
        ? { shared: c.getString('gateway.className') }
        : {}),
      controllerName:
        c.getOptionalString('gateway.controllerName') ??
        'traefik.io/gateway-controller',
    },
    traefik: {
      namespace: c.getOptionalString('gateway.traefik.namespace') ?? 'traefik',
      deployment:
        c.getOptionalString('gateway.traefik.deployment') ?? 'traefik',
      service: c.getOptionalString('gateway.traefik.service') ?? 'traefik',
    },
    ports: { from, to },
    sizes: Object.fromEntries(
      sizes.keys().map(name => {
        const size = sizes.getConfig(name);
        return [
          name,
          {
            quota: quantities(size, 'quota'),
            defaultRequest: quantities(size, 'defaultRequest'),
            default: quantities(size, 'default'),
          },
        ];
      }),
    ),
  };
}
