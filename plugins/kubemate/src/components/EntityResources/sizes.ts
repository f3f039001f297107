/** Bytes of a string once encoded as UTF-8 (a ConfigMap `data` value as the API stores it). */
export function utf8Bytes(value: string): number {
  return new TextEncoder().encode(value).length;
}

/** Bytes a base64 string decodes to (`binaryData` and Secret `data` values). */
export function base64Bytes(value: string): number {
  const clean = value.replace(/\s/g, '');
  if (!clean) return 0;
  const padding = clean.length - clean.replace(/=+$/, '').length;
  return Math.floor((clean.length * 3) / 4) - padding;
}

/** "512 B", "1.5 KiB", "2.0 MiB": binary units, as Kubernetes quantities use. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KiB', 'MiB', 'GiB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}
