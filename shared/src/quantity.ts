/** Kubernetes resource quantities ("500m", "1.5", "2Gi", "1e3") as numbers. */

const SUFFIXES: Record<string, number> = {
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

const QUANTITY = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E))?$/;

/** The value of a quantity, or undefined when the string is not a Kubernetes quantity. */
export function parseQuantity(input: string | number | undefined | null): number | undefined {
  if (typeof input === 'number') return Number.isFinite(input) ? input : undefined;
  if (typeof input !== 'string') return undefined;
  const match = QUANTITY.exec(input.trim());
  if (!match) return undefined;
  const [, number, exponent, suffix] = match;
  const value = Number(`${number}${exponent ?? ''}`) * (SUFFIXES[suffix ?? ''] ?? 1);
  return Number.isFinite(value) ? value : undefined;
}

export function isQuantity(input: unknown): input is string {
  return typeof input === 'string' && parseQuantity(input) !== undefined;
}

/** Formats CPU cores as Kubernetes would write them ("500m", "2"). */
export function formatCpu(cores: number): string {
  const milli = Math.round(cores * 1000);
  return milli % 1000 === 0 ? String(milli / 1000) : `${milli}m`;
}

/** Formats bytes with the largest binary suffix that keeps an integer ("1536Mi", "2Gi"). */
export function formatBytes(bytes: number): string {
  const rounded = Math.round(bytes);
  for (const suffix of ['Ei', 'Pi', 'Ti', 'Gi', 'Mi', 'Ki']) {
    const unit = SUFFIXES[suffix]!;
    if (rounded >= unit && rounded % unit === 0) return `${rounded / unit}${suffix}`;
  }
  return String(rounded);
}
