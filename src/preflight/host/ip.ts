/**
 * IP literals, recognised the way `net.isIP` does, but cheaply on host names.
 * `net.isIP` tries IPv6 whenever IPv4 fails, and Node builds its (large) IPv6 pattern on first
 * use: ~10 ms of a ~300 ms preflight, spent on every planned endpoint written as a name. An IPv6
 * literal always holds a `:`, so a name never needs that pattern.
 */
import { isIPv4, isIPv6 } from 'node:net';

/** 4, 6, or 0 when `text` is not an IP literal (a host name, say). */
export function ipVersion(text: string): 0 | 4 | 6 {
  if (text.includes(':')) return isIPv6(text) ? 6 : 0;
  return isIPv4(text) ? 4 : 0;
}

/**
 * Loopback by its written form only (no lookup, which would itself be traffic):
 * 127.0.0.0/8, ::1, `localhost`, or a Unix socket directory (a path, as libpq
 * takes in `host=`). An empty host means the driver's local default.
 */
export function isLoopbackHost(host: string): boolean {
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  if (bare === '' || bare.startsWith('/')) return true;
  const lower = bare.toLowerCase();
  if (lower === 'localhost' || lower.endsWith('.localhost')) return true;
  const version = ipVersion(bare);
  if (version === 4) return bare.startsWith('127.');
  if (version === 6) return lower === '::1' || lower === '0:0:0:0:0:0:0:1' || /^::ffff:127\./.test(lower);
  return false;
}
