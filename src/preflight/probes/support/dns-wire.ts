/**
 * A minimal DNS client over UDP (RFC 1035). Node's `dns` module reports TTLs only
 * for A and AAAA and hides whether an answer is authoritative; the DNS probe needs
 * both for every record type it checks, so it asks the server itself.
 */
import { createSocket } from 'node:dgram';
import { ipVersion } from '../../host/ip.js';
import { withDeadline } from './planned.js';

export const RECORD_TYPES = { A: 1, NS: 2, CNAME: 5, MX: 15, TXT: 16, AAAA: 28, SRV: 33, CAA: 257 } as const;
export type RecordType = keyof typeof RECORD_TYPES;

const TYPE_NAMES = new Map<number, RecordType>(Object.entries(RECORD_TYPES).map(([name, code]) => [code, name as RecordType]));

export const RCODE_NAMES: Record<number, string> = { 0: 'NOERROR', 1: 'FORMERR', 2: 'SERVFAIL', 3: 'NXDOMAIN', 4: 'NOTIMP', 5: 'REFUSED' };

export interface DnsAnswer {
  /** Owner name, lower case, no trailing dot. */
  name: string;
  type: RecordType | number;
  ttl: number;
  /** Presentation form: `192.0.2.1`, `10 mail.example.com`, `v=spf1 -all`, `0 issue letsencrypt.org`. */
  value: string;
}

export interface DnsResponse {
  rcode: number;
  authoritative: boolean;
  truncated: boolean;
  answers: DnsAnswer[];
}

export interface DnsServer {
  host: string;
  port: number;
}

/** `127.0.0.1`, `127.0.0.1:5353`, `::1`, `[::1]:5353`; null when not an IP address with an optional port. */
export function parseDnsServer(text: string): DnsServer | null {
  const trimmed = text.trim();
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(trimmed);
  if (bracketed !== null) return ipVersion(bracketed[1]!) === 6 ? { host: bracketed[1]!, port: Number(bracketed[2] ?? 53) } : null;
  if (ipVersion(trimmed) !== 0) return { host: trimmed, port: 53 };
  const withPort = /^([^:]+):(\d+)$/.exec(trimmed);
  if (withPort !== null && ipVersion(withPort[1]!) === 4) return { host: withPort[1]!, port: Number(withPort[2]) };
  return null;
}

/** The first `nameserver` of a resolv.conf text. */
export function resolvConfServer(text: string): DnsServer | null {
  for (const line of text.split('\n')) {
    const match = /^\s*nameserver\s+(\S+)/.exec(line);
    if (match !== null) {
      const address = match[1]!.replace(/%.*$/, '');
      if (ipVersion(address) !== 0) return { host: address, port: 53 };
    }
  }
  return null;
}

export function encodeQuery(id: number, name: string, type: number): Buffer {
  const labels = name.replace(/\.$/, '').split('.').filter((l) => l !== '');
  const parts: Buffer[] = [];
  const header = Buffer.alloc(12);
  header.writeUInt16BE(id, 0);
  header.writeUInt16BE(0x0100, 2); // recursion desired
  header.writeUInt16BE(1, 4);
  parts.push(header);
  for (const label of labels) {
    const bytes = Buffer.from(label, 'utf8');
    if (bytes.length > 63) throw new Error(`the label \`${label}\` is longer than 63 bytes`);
    parts.push(Buffer.from([bytes.length]), bytes);
  }
  const tail = Buffer.alloc(5);
  tail.writeUInt8(0, 0);
  tail.writeUInt16BE(type, 1);
  tail.writeUInt16BE(1, 3); // class IN
  parts.push(tail);
  return Buffer.concat(parts);
}

class Reader {
  constructor(
    readonly buffer: Buffer,
    public offset: number,
  ) {}

  need(bytes: number): void {
    if (this.offset + bytes > this.buffer.length) throw new Error('the DNS answer is truncated');
  }

  u8(): number {
    this.need(1);
    return this.buffer.readUInt8(this.offset++);
  }

  u16(): number {
    this.need(2);
    const value = this.buffer.readUInt16BE(this.offset);
    this.offset += 2;
    return value;
  }

  u32(): number {
    this.need(4);
    const value = this.buffer.readUInt32BE(this.offset);
    this.offset += 4;
    return value;
  }

  /** A possibly compressed name; the reader moves past it (not past the pointer's target). */
  name(): string {
    const labels: string[] = [];
    let position = this.offset;
    let jumped = false;
    for (let jumps = 0; jumps < 64; ) {
      if (position >= this.buffer.length) throw new Error('a DNS name runs past the answer');
      const length = this.buffer.readUInt8(position);
      if ((length & 0xc0) === 0xc0) {
        if (position + 1 >= this.buffer.length) throw new Error('a DNS name pointer runs past the answer');
        const target = ((length & 0x3f) << 8) | this.buffer.readUInt8(position + 1);
        if (!jumped) this.offset = position + 2;
        jumped = true;
        position = target;
        jumps++;
        continue;
      }
      if (length === 0) {
        if (!jumped) this.offset = position + 1;
        return labels.join('.').toLowerCase();
      }
      if (position + 1 + length > this.buffer.length) throw new Error('a DNS label runs past the answer');
      labels.push(this.buffer.toString('utf8', position + 1, position + 1 + length));
      position += 1 + length;
    }
    throw new Error('a DNS name has too many compression pointers');
  }
}

function ipv6(bytes: Buffer): string {
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(bytes.readUInt16BE(i).toString(16));
  return canonicalIpv6(groups.join(':'));
}

/** The compressed lower-case form (`2001:db8::1`), as URL hosts write it. */
export function canonicalIpv6(address: string): string {
  try {
    return new URL(`http://[${address}]/`).hostname.slice(1, -1);
  } catch {
    return address.toLowerCase();
  }
}

function characterStrings(data: Buffer): string[] {
  const strings: string[] = [];
  let i = 0;
  while (i < data.length) {
    const length = data.readUInt8(i);
    strings.push(data.toString('utf8', i + 1, Math.min(data.length, i + 1 + length)));
    i += 1 + length;
  }
  return strings;
}

function rdataText(type: number, reader: Reader, length: number): string {
  const start = reader.offset;
  const data = reader.buffer.subarray(start, start + length);
  const sub = new Reader(reader.buffer, start);
  switch (TYPE_NAMES.get(type)) {
    case 'A':
      return [...data].join('.');
    case 'AAAA':
      return ipv6(data);
    case 'CNAME':
    case 'NS':
      return sub.name();
    case 'MX': {
      const preference = sub.u16();
      return `${preference} ${sub.name()}`;
    }
    case 'TXT':
      return characterStrings(data).join('');
    case 'SRV': {
      const priority = sub.u16();
      const weight = sub.u16();
      const port = sub.u16();
      return `${priority} ${weight} ${port} ${sub.name()}`;
    }
    case 'CAA': {
      const flags = data.readUInt8(0);
      const tagLength = data.readUInt8(1);
      const tag = data.toString('ascii', 2, 2 + tagLength);
      return `${flags} ${tag} ${data.toString('utf8', 2 + tagLength)}`;
    }
    default:
      return data.toString('hex');
  }
}

export function decodeResponse(buffer: Buffer, expectedId: number): DnsResponse {
  const reader = new Reader(buffer, 0);
  const id = reader.u16();
  if (id !== expectedId) throw new Error('the DNS answer does not match the question (id differs)');
  const flags = reader.u16();
  if ((flags & 0x8000) === 0) throw new Error('the DNS server sent a query, not an answer');
  const questions = reader.u16();
  const answerCount = reader.u16();
  reader.u16();
  reader.u16();
  for (let i = 0; i < questions; i++) {
    reader.name();
    reader.u16();
    reader.u16();
  }
  const answers: DnsAnswer[] = [];
  for (let i = 0; i < answerCount; i++) {
    const name = reader.name();
    const type = reader.u16();
    reader.u16();
    const ttl = reader.u32();
    const length = reader.u16();
    reader.need(length);
    const value = rdataText(type, reader, length);
    reader.offset += length;
    answers.push({ name, type: TYPE_NAMES.get(type) ?? type, ttl, value });
  }
  return { rcode: flags & 0x000f, authoritative: (flags & 0x0400) !== 0, truncated: (flags & 0x0200) !== 0, answers };
}

/** One question to one server over UDP; the socket is closed whatever happens. */
export function query(server: DnsServer, name: string, type: RecordType, timeoutMs: number, signal: AbortSignal): Promise<DnsResponse> {
  const socket = createSocket(ipVersion(server.host) === 6 ? 'udp6' : 'udp4');
  socket.unref();
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    socket.close();
  };
  const id = Math.floor(Math.random() * 0x10000);
  const packet = encodeQuery(id, name, RECORD_TYPES[type]);
  return withDeadline(
    () =>
      new Promise<DnsResponse>((resolve, reject) => {
        socket.on('error', reject);
        socket.on('message', (message, from) => {
          if (from.port !== server.port) return;
          try {
            resolve(decodeResponse(message, id));
          } catch (error) {
            reject(error);
          }
        });
        socket.send(packet, server.port, server.host, (error) => {
          if (error) reject(error);
        });
      }),
    timeoutMs,
    signal,
    close,
  ).finally(close);
}
