/**
 * The 5-field cron syntax CronJobs use (minute hour day-of-month month day-of-week), with lists,
 * ranges, steps, month and weekday names and the @hourly … @yearly macros; enough to describe a
 * schedule and compute its next runs in the browser.
 */

const MONTHS = [
  'JAN',
  'FEB',
  'MAR',
  'APR',
  'MAY',
  'JUN',
  'JUL',
  'AUG',
  'SEP',
  'OCT',
  'NOV',
  'DEC',
];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
const MONTH_WORDS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const DAY_WORDS = [
  'Sunday',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
];

const MACROS: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

interface FieldSpec {
  unit: string;
  min: number;
  max: number;
  names?: string[];
  /** Names start at this value (months at 1). */
  nameBase?: number;
}

const FIELDS: FieldSpec[] = [
  { unit: 'minute', min: 0, max: 59 },
  { unit: 'hour', min: 0, max: 23 },
  { unit: 'day', min: 1, max: 31 },
  { unit: 'month', min: 1, max: 12, names: MONTHS, nameBase: 1 },
  // 7 is Sunday too, as in Kubernetes' parser.
  { unit: 'weekday', min: 0, max: 7, names: DAYS, nameBase: 0 },
];

type Token =
  | { kind: 'value'; value: number }
  | { kind: 'range'; from: number; to: number; step: number; star: boolean };

export interface CronField {
  values: Set<number>;
  /** Written as `*` or `?` (with or without a step): matters for day-of-month/day-of-week. */
  star: boolean;
  tokens: Token[];
}

export interface CronSchedule {
  minute: CronField;
  hour: CronField;
  dayOfMonth: CronField;
  month: CronField;
  dayOfWeek: CronField;
}

function parseNumber(text: string, spec: FieldSpec): number {
  const upper = text.toUpperCase();
  const named = spec.names?.indexOf(upper) ?? -1;
  if (named >= 0) return named + (spec.nameBase ?? 0);
  if (!/^\d+$/.test(text)) {
    throw new Error(`"${text}" is not a valid ${spec.unit}`);
  }
  const n = Number(text);
  if (n < spec.min || n > spec.max) {
    throw new Error(
      `${spec.unit} ${n} is out of range ${spec.min}-${spec.max}`,
    );
  }
  return n;
}

function parseField(text: string, spec: FieldSpec): CronField {
  const values = new Set<number>();
  const tokens: Token[] = [];
  for (const part of text.split(',')) {
    const [base, stepText, extra] = part.split('/');
    if (extra !== undefined || !base) {
      throw new Error(`"${part}" is not a valid ${spec.unit} expression`);
    }
    let step = 1;
    if (stepText !== undefined) {
      if (!/^\d+$/.test(stepText) || Number(stepText) === 0) {
        throw new Error(`step "${stepText}" must be a positive number`);
      }
      step = Number(stepText);
    }
    let token: Token;
    if (base === '*' || base === '?') {
      token = { kind: 'range', from: spec.min, to: spec.max, step, star: true };
    } else if (base.includes('-')) {
      const [a, b] = base.split('-');
      const from = parseNumber(a, spec);
      const to = parseNumber(b, spec);
      if (from > to) throw new Error(`range ${base} goes backwards`);
      token = { kind: 'range', from, to, step, star: false };
    } else {
      const value = parseNumber(base, spec);
      token =
        stepText === undefined
          ? { kind: 'value', value }
          : { kind: 'range', from: value, to: spec.max, step, star: false };
    }
    tokens.push(token);
    if (token.kind === 'value') values.add(token.value);
    else for (let v = token.from; v <= token.to; v += token.step) values.add(v);
  }
  if (spec.unit === 'weekday' && values.delete(7)) values.add(0);
  const star = text.startsWith('*') || text.startsWith('?');
  return { values, star, tokens };
}

/** Parses a schedule; throws an Error saying what is wrong. */
export function parseCron(expression: string): CronSchedule {
  const trimmed = expression.trim();
  const expanded = MACROS[trimmed.toLowerCase()] ?? trimmed;
  if (expanded.startsWith('@')) {
    throw new Error(`unknown macro ${trimmed}`);
  }
  const parts = expanded.split(/\s+/);
  if (parts.length !== 5) {
    throw new Error(
      `expected 5 fields (minute hour day month weekday), got ${parts.length}`,
    );
  }
  const [minute, hour, dayOfMonth, month, dayOfWeek] = parts.map((p, i) =>
    parseField(p, FIELDS[i]),
  );
  return { minute, hour, dayOfMonth, month, dayOfWeek };
}

// ---- next runs ----

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    // Throws a RangeError for an unknown zone, which callers report.
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

function wallClock(instant: number, timeZone: string): WallClock {
  const parts = Object.fromEntries(
    formatter(timeZone)
      .formatToParts(new Date(instant))
      .map(p => [p.type, Number(p.value)]),
  );
  return {
    year: parts.year,
    month: parts.month,
    day: parts.day,
    hour: parts.hour,
    minute: parts.minute,
  };
}

const asUtc = (w: WallClock) =>
  Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute);

/** The instant a zone's wall clock shows `w`; undefined when DST skips that time. */
function instantOf(w: WallClock, timeZone: string): number | undefined {
  const guess = asUtc(w);
  let instant = guess - (asUtc(wallClock(guess, timeZone)) - guess);
  // A second pass settles instants near a DST change.
  instant = guess - (asUtc(wallClock(instant, timeZone)) - instant);
  return asUtc(wallClock(instant, timeZone)) === guess ? instant : undefined;
}

/** Whether a calendar day matches: day-of-month OR weekday when both are restricted, as cron does. */
function dayMatches(s: CronSchedule, day: number, weekday: number): boolean {
  const dom = s.dayOfMonth.values.has(day);
  const dow = s.dayOfWeek.values.has(weekday);
  if (s.dayOfMonth.star || s.dayOfWeek.star) return dom && dow;
  return dom || dow;
}

/** Enough days to reach a 29 February from any date. */
const MAX_DAYS = 366 * 9;

/**
 * The next `count` runs strictly after `from`, in `timeZone` (an IANA name; UTC when unset, as
 * kube-controller-manager's zone usually is). Wall-clock times DST skips are not run.
 */
export function nextRuns(
  schedule: CronSchedule,
  from: Date,
  count: number,
  timeZone = 'UTC',
): Date[] {
  const runs: Date[] = [];
  const start = wallClock(from.getTime(), timeZone);
  const hours = [...schedule.hour.values].sort((a, b) => a - b);
  const minutes = [...schedule.minute.values].sort((a, b) => a - b);
  for (let i = 0; i < MAX_DAYS && runs.length < count; i++) {
    const date = new Date(Date.UTC(start.year, start.month - 1, start.day + i));
    const year = date.getUTCFullYear();
    const month = date.getUTCMonth() + 1;
    const day = date.getUTCDate();
    if (!schedule.month.values.has(month)) continue;
    if (!dayMatches(schedule, day, date.getUTCDay())) continue;
    for (const hour of hours) {
      for (const minute of minutes) {
        const at = instantOf({ year, month, day, hour, minute }, timeZone);
        if (at !== undefined && at > from.getTime()) {
          runs.push(new Date(at));
          if (runs.length === count) return runs;
        }
      }
    }
  }
  return runs;
}

// ---- description ----

const pad = (n: number) => String(n).padStart(2, '0');

function list(items: string[]): string {
  return items.length <= 1
    ? items.join('')
    : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function tokenWords(
  t: Token,
  unit: string,
  name: (n: number) => string,
): string {
  if (t.kind === 'value') return name(t.value);
  const every = t.step === 1 ? '' : `every ${t.step} ${unit}s `;
  if (t.star) return t.step === 1 ? `every ${unit}` : every.trim();
  return `${every}${t.step === 1 ? '' : 'from '}${name(t.from)} through ${name(
    t.to,
  )}`;
}

function fieldWords(
  f: CronField,
  unit: string,
  name: (n: number) => string = String,
): string {
  return list(f.tokens.map(t => tokenWords(t, unit, name)));
}

const singles = (f: CronField) =>
  f.tokens.every(t => t.kind === 'value')
    ? [...f.values].sort((a, b) => a - b)
    : undefined;

/** A schedule in plain words: "At 02:30, on Monday through Friday". */
export function describeCron(expression: string): string {
  const s = parseCron(expression);
  const parts: string[] = [];
  const minuteValues = singles(s.minute);
  const hourValues = singles(s.hour);
  let atTime = false;
  if (
    minuteValues &&
    hourValues &&
    minuteValues.length * hourValues.length <= 6
  ) {
    atTime = true;
    parts.push(
      `at ${list(
        hourValues.flatMap(h => minuteValues.map(m => `${pad(h)}:${pad(m)}`)),
      )}`,
    );
  } else {
    if (s.minute.star) {
      parts.push(fieldWords(s.minute, 'minute'));
    } else if (minuteValues) {
      parts.push(
        `at minute ${list(minuteValues.map(String))}${
          s.hour.star &&
          s.hour.tokens[0].kind === 'range' &&
          s.hour.tokens[0].step === 1
            ? ' of every hour'
            : ''
        }`,
      );
    } else {
      parts.push(`at minutes ${fieldWords(s.minute, 'minute')}`);
    }
    if (
      !(
        s.hour.star &&
        s.hour.tokens.length === 1 &&
        s.hour.tokens[0].kind === 'range' &&
        s.hour.tokens[0].step === 1
      )
    ) {
      parts.push(
        hourValues
          ? `during hour ${list(hourValues.map(pad))}`
          : fieldWords(s.hour, 'hour', pad),
      );
    }
  }
  const domRestricted = s.dayOfMonth.values.size < 31;
  const dowRestricted = s.dayOfWeek.values.size < 7;
  const dom = s.dayOfMonth.star
    ? `${fieldWords(s.dayOfMonth, 'day')} of the month`
    : `on day ${fieldWords(s.dayOfMonth, 'day')} of the month`;
  const dow = `on ${fieldWords(s.dayOfWeek, 'day', n => DAY_WORDS[n % 7])}`;
  if (domRestricted && !s.dayOfWeek.star) parts.push(`${dom} or ${dow}`);
  else if (domRestricted) parts.push(dom);
  else if (dowRestricted) parts.push(dow);
  else if (atTime && s.month.star) parts.push('every day');
  if (s.month.values.size < 12) {
    parts.push(`in ${fieldWords(s.month, 'month', n => MONTH_WORDS[n - 1])}`);
  }
  const text = parts.join(', ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A run time as read in the schedule's zone: "Mon, 3 Jun 2024, 02:30 UTC". */
export function formatRun(run: Date, timeZone = 'UTC'): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  }).format(run);
}
