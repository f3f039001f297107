/** A small 5-field cron matcher (minute hour day-of-month month day-of-week) with @macros. */
const MACROS: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

function field(spec: string, min: number, max: number): Set<number> {
  const out = new Set<number>();
  for (const part of spec.split(',')) {
    const [range, stepS] = part.split('/');
    const step = stepS ? Number(stepS) : 1;
    let lo = min;
    let hi = max;
    if (range !== '*' && range !== '?') {
      const [a, b] = range.split('-');
      lo = Number(a);
      if (b !== undefined) hi = Number(b);
      else hi = stepS ? max : lo;
    }
    for (let v = lo; v <= hi; v += step) out.add(v);
  }
  return out;
}

export function cronMatches(schedule: string, d: Date): boolean {
  const expr = (MACROS[schedule.trim()] ?? schedule).trim().split(/\s+/);
  if (expr.length !== 5) return false;
  const [mi, h, dom, mon, dow] = expr;
  const dows = field(dow, 0, 7);
  if (dows.has(7)) dows.add(0);
  return (
    field(mi, 0, 59).has(d.getUTCMinutes()) &&
    field(h, 0, 23).has(d.getUTCHours()) &&
    field(dom, 1, 31).has(d.getUTCDate()) &&
    field(mon, 1, 12).has(d.getUTCMonth() + 1) &&
    dows.has(d.getUTCDay())
  );
}

/** Most recent scheduled time at or before `now` (searching back up to a week). */
export function lastScheduled(schedule: string, nowD: Date): Date | undefined {
  const t = new Date(nowD);
  t.setUTCSeconds(0, 0);
  for (let i = 0; i < 7 * 24 * 60; i++) {
    if (cronMatches(schedule, t)) return t;
    t.setUTCMinutes(t.getUTCMinutes() - 1);
  }
  return undefined;
}
