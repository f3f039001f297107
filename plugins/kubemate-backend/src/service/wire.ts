import type { Jsonified } from '@kubemate/plugin-kubemate-common';

/**
 * A backend value as the API sends it: `res.json` turns its `Date`s into ISO strings. The one
 * place store types become contract types; assigning the result to a contract type checks at
 * compile time that the two agree.
 */
export function toWire<T>(value: T): Jsonified<T> {
  return value as unknown as Jsonified<T>;
}
