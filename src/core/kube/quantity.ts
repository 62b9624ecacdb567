// Kubernetes resource quantities ("250m", "2Gi", "1.5", "1e3", "129M") as numbers, and back to
// the short form a person reads. CPU is counted in millicores, everything else in base units.

const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Record<string, number> = { n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

/** Parses a quantity into base units (cores for cpu, bytes for memory). NaN when malformed. */
export function parseQuantity(quantity: string | number | undefined): number {
  if (quantity === undefined) return NaN;
  if (typeof quantity === 'number') return quantity;
  const match = /^([+-]?[0-9.]+(?:[eE][+-]?[0-9]+)?)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)?$/.exec(quantity.trim());
  if (!match) return NaN;
  const value = Number(match[1]);
  const suffix = match[2] ?? '';
  if (/[eE]/.test(match[1] ?? '') && suffix === 'E') return NaN;
  return value * (BINARY[suffix] ?? DECIMAL[suffix] ?? NaN);
}

/** Millicores for cpu, base units for everything else: integer arithmetic for fit checks. */
export function toMilli(resource: string, quantity: string | number | undefined): number {
  const value = parseQuantity(quantity);
  if (Number.isNaN(value)) return NaN;
  return resource === 'cpu' ? Math.round(value * 1000) : Math.round(value);
}

/** Formats a base amount the way kubectl shows it: "250m" cpu, "1.5Gi"/"512Mi" memory. */
export function formatQuantity(resource: string, amount: number): string {
  if (resource === 'cpu') {
    const milli = Math.round(amount * 1000);
    return milli % 1000 === 0 ? `${milli / 1000}` : `${milli}m`;
  }
  if (resource === 'memory' || resource === 'ephemeral-storage' || resource.startsWith('hugepages-')) {
    return formatBytes(amount);
  }
  return `${Math.round(amount * 1000) / 1000}`;
}

/** Formats a millicore/base-unit figure as produced by toMilli. */
export function formatMilli(resource: string, milli: number): string {
  return formatQuantity(resource, resource === 'cpu' ? milli / 1000 : milli);
}

export function formatBytes(bytes: number): string {
  const sign = bytes < 0 ? '-' : '';
  const units = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi'];
  let value = Math.abs(bytes);
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const rounded = Math.round(value * 10) / 10;
  return `${sign}${rounded}${units[unit]}`;
}
