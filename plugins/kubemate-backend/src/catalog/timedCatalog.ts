import type { CatalogService } from '@backstage/plugin-catalog-node';
import { GatewayTimeoutError } from '../service/httpErrors';

/** Default deadline of one catalog call made by the Kubemate backend. */
export const DEFAULT_CATALOG_TIMEOUT_MS = 10_000;

/**
 * The catalog with a deadline on every call: a catalog that accepts the request but never
 * answers becomes a 504 naming it, instead of a request that hangs.
 */
export function timedCatalog(
  catalog: CatalogService,
  timeoutMs: number = DEFAULT_CATALOG_TIMEOUT_MS,
): CatalogService {
  return new Proxy(catalog, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const result = value.apply(target, args);
        if (!(result instanceof Promise)) return result;
        let timer: NodeJS.Timeout | undefined;
        const deadline = new Promise<never>((_, reject) => {
          timer = setTimeout(
            () =>
              reject(
                new GatewayTimeoutError(
                  `The catalog did not answer within ${timeoutMs} ms (${String(
                    property,
                  )})`,
                ),
              ),
            timeoutMs,
          );
        });
        return Promise.race([result, deadline]).finally(() =>
          clearTimeout(timer),
        );
      };
    },
  });
}
