import { z } from 'zod';

/**
 * Building blocks of the `/api/kubemate` contract. Query strings arrive as text, so the query
 * schemas accept both the typed value (what a client builds) and its text form (what the
 * backend receives): `z.input` is the client's request type, `z.output` the backend's.
 */

/** Cluster, rule and other names: non-empty, at most 253 characters. */
export const nameSchema = z.string().min(1).max(253);

// DNS-1123 names as Kubernetes requires for namespaces and most objects.
export const dnsNameSchema = z
  .string()
  .regex(/^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/, 'must be a DNS-1123 name');

/** A time on the wire: ISO 8601 with an offset (`2026-11-22T04:11:50.117Z`). */
export const isoDateTimeSchema = z.iso.datetime({ offset: true });

/** An integer query parameter within bounds. */
export const queryInt = (min: number, max: number) =>
  z.coerce.number<number | string>().int().min(min).max(max);

/** `true`/`false` in a query string, or a boolean from a client. */
export const queryFlag = z
  .union([z.boolean(), z.enum(['true', 'false'])])
  .transform(v => v === true || v === 'true');

/** `a,b` or repeated parameters (or a client's array) → a non-empty list. */
export const queryList = <T extends z.ZodType<unknown, string>>(item: T) =>
  z
    .union([z.string(), z.array(z.string())])
    .transform(v =>
      (Array.isArray(v) ? v : [v])
        .flatMap(s => s.split(','))
        .map(s => s.trim())
        .filter(Boolean),
    )
    .pipe(z.array(item).min(1));

/** A point in time given as an ISO date-time or date, turned into a `Date` for the backend. */
export const queryTime = z
  .union([isoDateTimeSchema, z.iso.date()])
  .transform(s => new Date(s));

// Catalog entity name parts: letters, digits, `-`, `_`, `.`, up to 253 characters.
const entityPart = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,252}$/, 'must be a catalog name');

/** `:kind/:namespace/:name` of the `/entities/...` routes. */
export const entityParamsSchema = z.object({
  kind: entityPart,
  namespace: entityPart,
  name: entityPart,
});
export type EntityParams = z.infer<typeof entityParamsSchema>;

/** One page of a list and the size of the whole list. */
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int() });

/** A list answered whole. */
export const itemsOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item) });

/**
 * The JSON form of a value: what `JSON.stringify` makes of it, `Date`s becoming ISO strings.
 * Backend types that hold `Date`s are sent as `Jsonified<T>`, which must fit the contract.
 */
export type Jsonified<T> = T extends Date
  ? string
  : T extends (infer U)[]
  ? Jsonified<U>[]
  : T extends object
  ? { [K in keyof T]: Jsonified<T[K]> }
  : T;

/**
 * `T` with the listed fields held as `Date`s (optional ones stay optional): how the backend
 * keeps a contract type whose times are ISO strings on the wire.
 */
export type WithDates<T, K extends keyof T> = Omit<T, K> & {
  [P in keyof Pick<T, K>]: undefined extends T[P] ? Date | undefined : Date;
};
