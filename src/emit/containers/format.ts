/**
 * Figures as container tools read them. Compose and Podman share Docker's
 * conventions: durations in Go's units (`1m30s`, `500ms`; no days), memory with
 * binary suffixes (`b`, `k`, `m`, `g` are 2^0, 2^10, 2^20, 2^30 bytes), CPUs as
 * a decimal count of cores. All exact: nothing goes through a float.
 */

const GO_UNITS: readonly (readonly [string, bigint])[] = [
  ['h', 3_600_000n],
  ['m', 60_000n],
  ['s', 1_000n],
  ['ms', 1n],
];

/** `90000` → `1m30s`; `1500` → `1s500ms`; `0` → `0s`. */
export function goDuration(ms: bigint): string {
  if (ms <= 0n) return '0s';
  let rest = ms;
  let out = '';
  for (const [suffix, size] of GO_UNITS) {
    const count = rest / size;
    if (count > 0n) {
      out += `${count}${suffix}`;
      rest -= count * size;
    }
  }
  return out;
}

/** Whole seconds, rounded up (systemd's `TimeoutStopSec=`, Podman's `-t`). */
export function seconds(ms: bigint): bigint {
  return (ms + 999n) / 1000n;
}

/** `250` → `0.25`, `1000` → `1`, `1500` → `1.5`. */
export function cores(millicores: bigint): string {
  const whole = millicores / 1000n;
  const fraction = millicores % 1000n;
  if (fraction === 0n) return `${whole}`;
  return `${whole}.${fraction.toString().padStart(3, '0').replace(/0+$/, '')}`;
}

/** The largest binary suffix that divides the size exactly: `268435456` → `256m`, `8000000000` → `7812500k`. */
export function memory(bytes: bigint): string {
  for (const [suffix, size] of [['g', 1n << 30n], ['m', 1n << 20n], ['k', 1n << 10n]] as const) {
    if (bytes >= size && bytes % size === 0n) return `${bytes / size}${suffix}`;
  }
  return `${bytes}b`;
}
