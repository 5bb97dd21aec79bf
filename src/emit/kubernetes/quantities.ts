import { parseBytes, writtenSystem } from '../../units/bytes.js';
import { canonicalQuantity, cpuMillicores, formatMillicores, parseQuantity } from '../../units/quantity.js';
import { rational } from '../../units/rational.js';

/**
 * Figures as Kubernetes quantities, in the canonical form the apiserver
 * prints back (`kubectl get -o yaml`), so that an applied object does not
 * show a diff against its manifest: `0.25` → `250m`, `1.5Gi` → `1536Mi`,
 * `1000m` → `1`. Sizes keep the unit family they were written in: `16GB`
 * becomes `16G` (10^9), `16GiB` `16Gi` (2^30); never one for the other.
 */

// Specs repeat the same figures thousands of times: each is formatted once (pure functions, bounded memo).
const MEMO_LIMIT = 4096;
const memo = new Map<string, string>();

function remember(key: string, compute: () => string): string {
  let value = memo.get(key);
  if (value === undefined) {
    if (memo.size >= MEMO_LIMIT) memo.clear();
    value = compute();
    memo.set(key, value);
  }
  return value;
}

export function cpuQuantity(millicores: bigint): string {
  return remember(`m${millicores}`, () => formatMillicores(millicores));
}

/** A byte count, in the family its text was written in (IEC for `Gi`/`GiB`, SI otherwise). */
export function bytesQuantity(bytes: bigint, text: string): string {
  return remember(`b${bytes}\u0000${text}`, () => {
    const quantity = parseQuantity(text.trim());
    const binary = quantity.ok ? quantity.value.format === 'BinarySI' : writtenSystem(text) === 'iec';
    return canonicalQuantity({ value: rational(bytes), format: binary ? 'BinarySI' : 'DecimalSI' });
  });
}

/** A size as written in the spec (`20Gi`, `60GB`, `50Gi+`, `~5GB`), or null when it is not a size. */
export function sizeQuantity(text: string | number): string | null {
  const written = String(text);
  const parsed = parseBytes(written);
  if (!parsed.ok) return null;
  return bytesQuantity(parsed.value.bytes, written.replace(/^[~≈]\s*/, '').replace(/\+\s*$/, ''));
}

/** A CPU figure as written (`250m`, `0.5`, `2 cores`), or null. */
export function cpuText(text: string | number): string | null {
  const parsed = cpuMillicores(text);
  return parsed.ok ? cpuQuantity(parsed.value) : null;
}

/** Any quantity (a ResourceQuota's `hard` values: `"4"`, `8Gi`, `10`), canonical; null when it is not one. */
export function anyQuantity(text: string): string | null {
  const parsed = parseQuantity(text.trim());
  return parsed.ok ? canonicalQuantity(parsed.value) : null;
}
