/**
 * DNS: the spec's `network.dns.records`, each name and type asked of a resolver
 * (`INFRASPEC_DNS_SERVER`, or the first nameserver of /etc/resolv.conf): the value
 * is the minimum, the TTL the recommendation.
 */
import type { Model } from '../../spec/model.js';
import type { SourceSpan } from '../../spec/source.js';
import { parseDuration } from '../../units/duration.js';
import type { CheckModule, Outcome, PlannedCheck, RunContext } from '../types.js';
import { canonicalIpv6, parseDnsServer, query, RCODE_NAMES, resolvConfServer, type DnsAnswer, type DnsServer, type RecordType } from './support/dns-wire.js';
import { DeadlineError, errorText, redactOutcome } from './support/planned.js';
import { outcome } from '../judge.js';
import { Redactor } from '../../spec/secrets.js';
import { isLoopbackHost } from '../host/ip.js';
import { hostPort, resolveVariables } from './support/target.js';

type DnsRecordInput = NonNullable<NonNullable<NonNullable<Model['input']['network']>['dns']>['records']>[number];

interface RecordGroup {
  fqdn: string;
  type: RecordType;
  records: DnsRecordInput[];
  at: SourceSpan | null;
}

export const dnsProbe: CheckModule = {
  id: 'dns',
  description: 'DNS records of network.dns: each name and type resolves to the value the spec gives, with its TTL.',
  scope: 'service',
  plan({ model }) {
    return recordGroups(model).map((group) => planGroup(group));
  },
};

/** `www` in zone `example.com.` → `www.example.com`; a name ending in a dot is absolute; `@` is the zone. */
export function qualifiedName(name: string, zone: string | undefined): string {
  const trimmed = name.trim().toLowerCase();
  const zoneName = (zone ?? '').trim().toLowerCase().replace(/\.$/, '');
  if (trimmed === '@') return zoneName;
  if (trimmed.endsWith('.')) return trimmed.slice(0, -1);
  if (zoneName === '' || trimmed === zoneName || trimmed.endsWith(`.${zoneName}`)) return trimmed;
  return `${trimmed}.${zoneName}`;
}

function recordGroups(model: Model): RecordGroup[] {
  const dns = model.input.network?.dns;
  const records = dns?.records ?? [];
  const groups = new Map<string, RecordGroup>();
  records.forEach((record, index) => {
    const fqdn = qualifiedName(record.name, dns?.zone);
    const key = `${fqdn}/${record.type}`;
    const existing = groups.get(key);
    if (existing !== undefined) existing.records.push(record);
    else groups.set(key, { fqdn, type: record.type, records: [record], at: model.positions.entrySpan(records, index) ?? null });
  });
  return [...groups.values()];
}

/** A value that stands for one to be filled in (`<PRIMARY_IP>`): its record is checked for existence only. */
function isPlaceholder(value: string): boolean {
  return /<[^>]+>/.test(value);
}

function ttlSeconds(record: DnsRecordInput): number | null {
  if (record.ttl === undefined) return null;
  const ms = parseDuration(record.ttl);
  return ms.ok ? Number(ms.value / 1000n) : null;
}

function describeExpected(group: RecordGroup): { minimum: string; recommended: string | null } {
  const values = group.records.map((r) => (r.value !== undefined ? r.value : r.alias !== undefined ? `alias of ${r.alias.target}` : 'any value'));
  const ttls = [...new Set(group.records.map(ttlSeconds).filter((t): t is number => t !== null))];
  return { minimum: `${group.type} ${values.join(', ')}`, recommended: ttls.length === 0 ? null : `TTL ${ttls.join('/')} s` };
}

function planGroup(group: RecordGroup): PlannedCheck {
  const levels = describeExpected(group);
  return {
    check: `dns.record:${group.fqdn}/${group.type}`,
    role: null,
    component: null,
    minimum: levels.minimum,
    recommended: levels.recommended,
    at: group.at,
    async run(ctx) {
      try {
        return await measure(group, ctx);
      } catch (error) {
        return outcome('error', null, `could not measure: ${errorText(error)}`);
      }
    },
  };
}

async function resolverOf(ctx: RunContext): Promise<{ server: DnsServer; source: string } | Outcome> {
  const override = ctx.env['INFRASPEC_DNS_SERVER'];
  if (override !== undefined && override !== '') {
    const server = parseDnsServer(override);
    if (server === null) return outcome('error', null, `INFRASPEC_DNS_SERVER is \`${override}\`; write an IP address with an optional port, e.g. \`127.0.0.1:5353\``);
    return { server, source: 'INFRASPEC_DNS_SERVER' };
  }
  const text = await ctx.readText('/etc/resolv.conf');
  const server = text === null ? null : resolvConfServer(text);
  if (server === null) return outcome('error', null, 'no nameserver in /etc/resolv.conf; set INFRASPEC_DNS_SERVER');
  return { server, source: '/etc/resolv.conf' };
}

function normalizeValue(type: RecordType, value: string): string {
  let text = value.trim().replace(/\s+/g, ' ');
  switch (type) {
    case 'AAAA':
      return canonicalIpv6(text);
    case 'CNAME':
    case 'NS':
      return text.toLowerCase().replace(/\.$/, '');
    case 'MX':
    case 'SRV':
      return text.toLowerCase().replace(/\.$/, '');
    case 'TXT':
      // A TXT value is written quoted, possibly in several strings: `"v=spf1 " "-all"`.
      if (/^".*"$/.test(text)) text = [...text.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]!.replace(/\\(.)/g, '$1')).join('');
      return text;
    case 'CAA':
      return text.replace(/"/g, '').toLowerCase();
    default:
      return text;
  }
}

/** MX written without its preference matches any preference. */
function valueMatches(type: RecordType, expected: string, measured: string): boolean {
  if (expected === measured) return true;
  if (type === 'MX' && !/^\d+ /.test(expected)) return measured.replace(/^\d+ /, '') === expected;
  return false;
}

async function measure(group: RecordGroup, ctx: RunContext): Promise<Outcome> {
  const expectedValues: string[] = [];
  const secrets: string[] = [];
  const notes: string[] = [];
  for (const record of group.records) {
    if (record.value === undefined) {
      if (record.alias !== undefined) notes.push(`an alias of ${record.alias.target} is checked for existence only`);
      continue;
    }
    if (isPlaceholder(record.value)) {
      notes.push(`\`${record.value}\` is a placeholder, so the value is not compared`);
      continue;
    }
    const resolved = resolveVariables(record.value, ctx.env);
    if (resolved.kind === 'missing') {
      return outcome('skip', null, `set the environment variable${resolved.variables.length > 1 ? 's' : ''} ${resolved.variables.map((v) => `\`${v}\``).join(', ')}: the record ${group.fqdn} ${group.type} has the value \`${record.value}\``);
    }
    if (resolved.text !== record.value) secrets.push(resolved.text);
    expectedValues.push(normalizeValue(group.type, resolved.text));
  }
  const resolver = await resolverOf(ctx);
  if (!('server' in resolver)) return resolver;
  const { server, source } = resolver;
  const serverText = hostPort(server.host, server.port);
  if (ctx.offline && (source !== 'INFRASPEC_DNS_SERVER' || !isLoopbackHost(server.host))) {
    return outcome('skip', null, `offline: would ask ${serverText} (from ${source}) for ${group.fqdn} ${group.type}; point INFRASPEC_DNS_SERVER at a loopback resolver to check it`);
  }
  const optional = group.records.every((r) => r.optional === true);
  let response;
  try {
    response = await query(server, group.fqdn, group.type, ctx.timeoutMs, ctx.signal);
  } catch (error) {
    const reason = error instanceof DeadlineError ? `no answer within ${ctx.timeoutMs} ms` : errorText(error);
    return outcome('fail', null, `${serverText} did not answer for ${group.fqdn} ${group.type}: ${reason}`);
  }
  const answers = response.answers.filter((a: DnsAnswer) => a.name === group.fqdn && a.type === group.type);
  const redactor = new Redactor(secrets);
  const finish = (result: Outcome) => redactOutcome(result, redactor);
  if (answers.length === 0) {
    const why = response.rcode === 0 ? `no ${group.type} record` : `${RCODE_NAMES[response.rcode] ?? `rcode ${response.rcode}`}`;
    if (optional) return finish(outcome('skip', why, `the optional record ${group.fqdn} ${group.type} is not published (${serverText} answered ${why})`));
    return finish(outcome('fail', why, `${serverText} has ${why} for ${group.fqdn}${response.truncated ? ' (the answer was truncated)' : ''}`));
  }
  const measuredValues = answers.map((a) => normalizeValue(group.type, a.value));
  const ttl = Math.min(...answers.map((a) => a.ttl));
  const authority = response.authoritative ? 'authoritative' : 'cached';
  const measured = `${group.type} ${measuredValues.join(', ')}, TTL ${ttl} s (${authority})`;
  const missing = expectedValues.filter((e) => !measuredValues.some((m) => valueMatches(group.type, e, m)));
  const noteText = notes.length === 0 ? '' : ` (${notes.join('; ')})`;
  if (missing.length > 0) {
    return finish(outcome('fail', measured, `${group.fqdn} ${group.type} is ${measuredValues.join(', ')}, the spec says ${missing.join(', ')}`));
  }
  const wantedTtls = [...new Set(group.records.map(ttlSeconds).filter((t): t is number => t !== null))];
  const wanted = wantedTtls.length === 0 ? null : Math.min(...wantedTtls);
  if (wanted !== null) {
    // A caching resolver counts a TTL down from the zone's value, so only an
    // authoritative answer shows the TTL exactly; a cached one can only be too long.
    if (response.authoritative && ttl !== wanted) {
      return finish(outcome('warn', measured, `${group.fqdn} ${group.type} has TTL ${ttl} s, the spec says ${wanted} s${noteText}`));
    }
    if (!response.authoritative && ttl > wanted) {
      return finish(outcome('warn', measured, `${group.fqdn} ${group.type} has TTL ${ttl} s in a cached answer, above the ${wanted} s the spec says${noteText}`));
    }
  }
  const ttlNote = wanted === null ? '' : response.authoritative ? `, TTL ${ttl} s as the spec says` : `, cached TTL ${ttl} s within the spec's ${wanted} s`;
  return finish(outcome('pass', measured, `${group.fqdn} ${group.type} resolves as the spec says${ttlNote}${noteText}`));
}
