// A size as people read it, in binary units as Exchange reports quotas (100 GB = 100 × 1024³ bytes).

const units = ["KB", "MB", "GB", "TB", "PB"];

/**
 * @example formatBytes(1_610_612_736, "en-US") // → "1.5 GB"
 * @example formatBytes(512, "en-US") // → "512 B"
 */
export function formatBytes(bytes: number, locale?: string): string {
  if (!Number.isFinite(bytes) || bytes < 1024) return `${Math.max(0, Math.round(bytes || 0))} B`;
  let value = bytes;
  let unit = -1;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(value);
  return `${number} ${units[unit]}`;
}
