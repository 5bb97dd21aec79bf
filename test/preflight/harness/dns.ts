/**
 * A tiny authoritative DNS server on 127.0.0.1 over UDP, written independently of
 * the probe's client so that the two check each other. It answers A, AAAA, CNAME
 * and TXT from a fixed table, names uncompressed, and NXDOMAIN for unknown names.
 */
import { createSocket, type Socket } from 'node:dgram';

export interface ZoneRecord {
  name: string;
  type: 'A' | 'AAAA' | 'CNAME' | 'TXT';
  ttl: number;
  value: string;
}

export interface DnsServerHandle {
  port: number;
  /** `127.0.0.1:port`, for INFRASPEC_DNS_SERVER. */
  address: string;
  /** Questions received, as `name TYPE`. */
  questions: string[];
  close(): Promise<void>;
}

const TYPE_CODES = { A: 1, CNAME: 5, TXT: 16, AAAA: 28 } as const;

function encodeName(name: string): Buffer {
  const parts = name.replace(/\.$/, '').split('.').map((label) => {
    const bytes = Buffer.from(label, 'ascii');
    return Buffer.concat([Buffer.from([bytes.length]), bytes]);
  });
  return Buffer.concat([...parts, Buffer.from([0])]);
}

function encodeData(record: ZoneRecord): Buffer {
  switch (record.type) {
    case 'A':
      return Buffer.from(record.value.split('.').map(Number));
    case 'AAAA': {
      const [head = '', tail = ''] = record.value.split('::');
      const left = head === '' ? [] : head.split(':');
      const right = tail === '' ? [] : tail.split(':');
      const groups = [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
      const out = Buffer.alloc(16);
      groups.forEach((g, i) => out.writeUInt16BE(parseInt(g, 16), i * 2));
      return out;
    }
    case 'CNAME':
      return encodeName(record.value);
    case 'TXT': {
      const bytes = Buffer.from(record.value, 'utf8');
      return Buffer.concat([Buffer.from([bytes.length]), bytes]);
    }
  }
}

function readQuestion(packet: Buffer): { name: string; type: number; end: number } {
  const labels: string[] = [];
  let at = 12;
  while (packet[at] !== 0) {
    const length = packet[at]!;
    labels.push(packet.toString('ascii', at + 1, at + 1 + length));
    at += 1 + length;
  }
  return { name: labels.join('.').toLowerCase(), type: packet.readUInt16BE(at + 1), end: at + 5 };
}

function answer(packet: Buffer, records: readonly ZoneRecord[], questions: string[]): Buffer {
  const question = readQuestion(packet);
  const typeName = Object.entries(TYPE_CODES).find(([, code]) => code === question.type)?.[0] ?? String(question.type);
  questions.push(`${question.name} ${typeName}`);
  const named = records.filter((r) => r.name.replace(/\.$/, '').toLowerCase() === question.name);
  // A CNAME answers every type at its name, as a real server does.
  const matching = named.filter((r) => TYPE_CODES[r.type] === question.type || r.type === 'CNAME');
  const header = Buffer.alloc(12);
  header.writeUInt16BE(packet.readUInt16BE(0), 0);
  const rcode = named.length === 0 ? 3 : 0;
  // QR, AA, RD copied, RA; then the rcode.
  header.writeUInt16BE(0x8000 | 0x0400 | (packet.readUInt16BE(2) & 0x0100) | 0x0080 | rcode, 2);
  header.writeUInt16BE(1, 4);
  header.writeUInt16BE(matching.length, 6);
  const parts = [header, packet.subarray(12, question.end)];
  for (const record of matching) {
    const data = encodeData(record);
    const fixed = Buffer.alloc(10);
    fixed.writeUInt16BE(TYPE_CODES[record.type], 0);
    fixed.writeUInt16BE(1, 2);
    fixed.writeUInt32BE(record.ttl, 4);
    fixed.writeUInt16BE(data.length, 8);
    parts.push(encodeName(record.name), fixed, data);
  }
  return Buffer.concat(parts);
}

export function startDns(records: readonly ZoneRecord[]): Promise<DnsServerHandle> {
  const socket: Socket = createSocket('udp4');
  const questions: string[] = [];
  socket.on('message', (packet, from) => {
    socket.send(answer(packet, records, questions), from.port, from.address);
  });
  return new Promise((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(0, '127.0.0.1', () => {
      const port = socket.address().port;
      resolve({
        port,
        address: `127.0.0.1:${port}`,
        questions,
        close: () => new Promise<void>((done) => socket.close(() => done())),
      });
    });
  });
}
