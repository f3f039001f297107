const unitMillis: Record<string, number> = {
  h: 3_600_000,
  m: 60_000,
  s: 1_000,
  ms: 1,
};

/**
 * A Gateway API duration (GEP-2257, e.g. `1m30s`) in milliseconds, or `undefined` when the text
 * is not one. Units may repeat, as Go's `time.ParseDuration` (which the CRD's CEL `duration()`
 * follows) allows.
 */
export function parseGatewayDuration(text: string): number | undefined {
  if (!/^([0-9]{1,5}(h|m|s|ms)){1,4}$/.test(text)) {
    return undefined;
  }
  let total = 0;
  for (const [, amount, unit] of text.matchAll(/([0-9]+)(ms|h|m|s)/g)) {
    total += Number(amount) * unitMillis[unit];
  }
  return total;
}
