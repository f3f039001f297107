import { InputError } from '@backstage/errors';
import type { z } from 'zod';

/** Up to ten issues as `path: message`, joined: enough to fix a request in one go. */
export function formatIssues(error: z.ZodError, root = 'value'): string {
  const shown = error.issues
    .slice(0, 10)
    .map(i => `${i.path.join('.') || root}: ${i.message}`);
  const more = error.issues.length - shown.length;
  return shown.join('; ') + (more > 0 ? `; and ${more} more` : '');
}

/**
 * Parses a request part with a zod schema; a 400 `Invalid <what>: <path>: <message>; …` naming
 * every offending field otherwise. The one way routes turn bad input into errors.
 */
export function parseOr400<S extends z.ZodType>(
  schema: S,
  value: unknown,
  what: string,
  root?: string,
): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new InputError(
      `Invalid ${what}: ${formatIssues(parsed.error, root)}`,
    );
  }
  return parsed.data;
}
