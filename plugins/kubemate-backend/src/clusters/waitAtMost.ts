/**
 * Waits for `promise` (a cache filling up), but at most `ms`: the caller then reports what is
 * not synced yet instead of holding the request.
 */
export async function waitAtMost(
  promise: Promise<unknown>,
  ms: number,
): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    promise,
    new Promise<void>(resolve => {
      timer = setTimeout(resolve, ms);
    }),
  ]);
  clearTimeout(timer);
}
