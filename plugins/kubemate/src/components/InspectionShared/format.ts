/** 0.9734 → "97.3 %"; pass rates come as fractions. */
export const formatPercent = (fraction: number) =>
  `${(Math.round(fraction * 1000) / 10).toFixed(1)} %`;

/** Scores are 0–100; shown without decimals. */
export const formatScore = (score: number) => String(Math.round(score));

export const formatDateTime = (iso?: string) =>
  iso ? new Date(iso).toLocaleString() : '—';

export const formatDate = (iso?: string) =>
  iso ? new Date(iso).toLocaleDateString() : '—';

/** Duration between two instants, e.g. "1 min 05 s" or "820 ms". */
export function formatDuration(fromIso: string, toIso?: string): string {
  const ms = (toIso ? Date.parse(toIso) : Date.now()) - Date.parse(fromIso);
  if (!Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 1000) return `${ms} ms`;
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
}

/** `Deployment bank-payments/payments-api (app)` */
export function formatResource(r: {
  kind: string;
  namespace?: string;
  name: string;
  container?: string;
  host?: string;
}): string {
  const name = r.namespace ? `${r.namespace}/${r.name}` : r.name;
  const where = r.container ?? (r.host && r.host !== r.name ? r.host : '');
  return `${r.kind} ${name}${where ? ` (${where})` : ''}`;
}

/** The backend's own message of a failed call (ResponseError keeps it in the parsed body). */
export function errorMessage(error: unknown): string {
  const e = error as {
    message?: string;
    body?: { error?: { message?: string } };
  };
  return e?.body?.error?.message ?? e?.message ?? String(error);
}
