/**
 * Names for generated objects, from the spec's ids. Kubernetes object names,
 * systemd unit names, compose services and nftables identifiers each accept a
 * different alphabet; every emitter goes through these so one component keeps
 * one recognisable name everywhere.
 */

const ALREADY_A_LABEL = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** A DNS-1123 label (Kubernetes names, hostnames): lower case, `a-z0-9-`, at most 63, alphanumeric at both ends. */
export function dnsLabel(name: string): string {
  // Most ids are labels already, and emitters ask for them hundreds of thousands of times at 10k components.
  if (name.length <= 63 && ALREADY_A_LABEL.test(name)) return name;
  const cleaned = name
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-+|-+$/g, '');
  const cut = cleaned.slice(0, 63).replace(/-+$/g, '');
  return cut === '' ? 'x' : cut;
}

/** An identifier of letters, digits and `_` (nftables set and chain names, Prometheus label values are freer). */
export function identifier(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9_]+/g, '_').replace(/^_+|_+$/g, '');
  return /^[A-Za-z]/.test(cleaned) ? cleaned : `x_${cleaned}`;
}

/** A file name for a generated file: the DNS label, which is safe on every file system. */
export function fileName(name: string, extension: string): string {
  return `${dnsLabel(name)}${extension}`;
}
