import type { SourceSpan } from '../../spec/source.js';
import { formatBytes, writtenSystem } from '../../units/bytes.js';
import { dataRateBytesPer, type DataRate } from '../../units/rate.js';
import { floor } from '../../units/rational.js';
import type { Rule } from '../types.js';

const TRANSFER_KINDS = new Set(['bandwidth', 'egress']);

const monthlyBytes = (rate: DataRate): bigint | null => (rate.perEntity === undefined ? floor(dataRateBytesPer(rate, 'month')) : null);

export const phaseBandwidthBelowUsage: Rule<'phaseMinimum' | 'phaseRecommended' | 'roles'> = {
  id: 'phase-bandwidth-below-usage',
  severity: 'warning',
  category: 'cost',
  summary: 'A phase\'s transfer allowance must cover the monthly transfer its usage drivers compute for it.',
  messages: {
    phaseMinimum: 'phase `{phase}` asks for at least {allowance} of transfer, but its usage comes to {transfer} ({drivers}), {difference} more: on the minimum allowance the phase pays overage or is throttled',
    phaseRecommended: 'phase `{phase}` recommends {allowance} of transfer, but its usage comes to {transfer} ({drivers}), {difference} more: even the recommended allowance is too small',
    roles: 'the machines of phase `{phase}` include {allowance} of transfer ({roles}), but its usage comes to {transfer} ({drivers}), {difference} more: the machines pay overage or are throttled',
  },
  docs: {
    why: 'VPS and cloud offers include a monthly transfer allowance and bill (or throttle) what goes beyond it. A page that estimates traffic per user ("~65MB/user/month") and sets a phase\'s allowance ("1TB/month minimum") must keep the two consistent as the phase\'s target grows: 20,000 users at 65 MB is 1.3 TB, beyond a 1 TB allowance. infraspec multiplies each usage driver of kind `bandwidth` or `egress` by the phase\'s target and compares the monthly sum with the phase\'s `bandwidth` (minimum and recommended) and with the total its machines include (each role\'s `bandwidth` × machine count, when every role of the phase gives one).',
    invalid: `usage:
  bandwidth: { per: users, kind: bandwidth, rate: 65MB/user/month }
phases:
  ha:
    targets: { users: 20000 }
    bandwidth: { minimum: 1TB/month, recommended: 2TB/month }
`,
    valid: `usage:
  bandwidth: { per: users, kind: bandwidth, rate: 65MB/user/month }
phases:
  ha:
    targets: { users: 20000 }
    bandwidth: { minimum: 1.5TB/month, recommended: 2TB/month }
`,
  },
  check(model, report, analysis) {
    const kinds = new Map(Object.entries(model.input.usage ?? {}).map(([name, driver]) => [name, driver.kind]));
    for (const phase of model.phases) {
      let transfer = 0n;
      const drivers: string[] = [];
      for (const usage of analysis.phasePlan(phase).usage) {
        if (usage.bytesPerMonth === null || !TRANSFER_KINDS.has(kinds.get(usage.driver) ?? '')) continue;
        transfer += usage.bytesPerMonth;
        const target = phase.targets.find((t) => t.name === usage.per);
        drivers.push(`\`${usage.driver}\` at ${target?.text.trim() ?? '?'} ${usage.per}`);
      }
      if (drivers.length === 0) continue;
      const describe = (allowanceBytes: bigint, allowanceText: string) => {
        const system = writtenSystem(allowanceText) ?? 'si';
        return {
          phase: phase.name,
          allowance: allowanceText,
          transfer: `${formatBytes(transfer, system)}/month`,
          drivers: drivers.join(', '),
          difference: `${formatBytes(transfer - allowanceBytes, system)}/month`,
        };
      };

      const bandwidthInput = phase.input?.bandwidth;
      for (const level of ['minimum', 'recommended'] as const) {
        const rate = phase.bandwidth[level];
        const bytes = rate ? monthlyBytes(rate) : null;
        if (bytes === null || bytes >= transfer || !bandwidthInput) continue;
        report({ at: analysis.at(bandwidthInput, level), message: level === 'minimum' ? 'phaseMinimum' : 'phaseRecommended', data: describe(bytes, String(bandwidthInput[level]).trim()), phase: phase.name });
      }

      // What the machines include: only when every role of the phase says (one without a figure may include any amount).
      if (phase.roles.length === 0) continue;
      let included = 0n;
      let first: SourceSpan | null = null;
      let firstText = '';
      const parts: string[] = [];
      for (const role of phase.roles) {
        const level = role.recommended.bandwidth ? 'recommended' : role.minimum.bandwidth ? 'minimum' : null;
        const rate = level ? role[level].bandwidth : null;
        const bytes = rate ? monthlyBytes(rate) : null;
        const count = role.count?.min ?? null;
        if (!level || bytes === null || count === null) {
          included = -1n;
          break;
        }
        included += bytes * BigInt(count);
        const text = String(role.input[level]?.bandwidth ?? '').trim();
        parts.push(`${count} × ${text} for \`${role.name}\``);
        if (!first) {
          first = analysis.at(role.input[level], 'bandwidth');
          firstText = text;
        }
      }
      if (included < 0n || included >= transfer || !first) continue;
      const data = describe(included, firstText);
      report({ at: first, message: 'roles', data: { ...data, allowance: `${formatBytes(included, writtenSystem(firstText) ?? 'si')}/month`, roles: parts.join(', ') }, phase: phase.name });
    }
  },
};
