import { errorOutcome, isObject, LEVELS, levelInput, outcome, spanOf, verdict, writtenText, type LevelName } from '../judge.js';
import type { SourceSpan } from '../../spec/source.js';
import type { CheckModule, PlannedCheck } from '../types.js';

interface Want {
  text: string;
  /** A whole number is a lower bound; anything else must match exactly (spaces collapsed). */
  number: bigint | null;
  at: SourceSpan;
}

const squash = (text: string) => text.trim().replace(/\s+/g, ' ');

export function meetsSysctl(actual: string, want: Want): boolean {
  const value = squash(actual);
  if (want.number !== null && /^-?\d+$/.test(value)) return BigInt(value) >= want.number;
  return value === squash(want.text);
}

/** Kernel parameters from `sysctls`, read from /proc/sys (dots become slashes), never written. */
export const sysctlCheck: CheckModule = {
  id: 'sysctl',
  description: 'Kernel parameters from `sysctls` read from /proc/sys: a number is a lower bound, text must match.',
  scope: 'role',
  plan({ model, role }) {
    if (role === null) return [];
    const wants = new Map<string, Record<LevelName, Want | null>>();
    for (const level of LEVELS) {
      const sysctls = levelInput(role, level)?.sysctls;
      if (!isObject(sysctls)) continue;
      for (const name of Object.keys(sysctls)) {
        const text = writtenText(model, sysctls, name) ?? '';
        const entry = wants.get(name) ?? { minimum: null, recommended: null };
        entry[level] = { text, number: /^\d+$/.test(text.trim()) ? BigInt(text.trim()) : null, at: spanOf(model, sysctls, name, role.at) };
        wants.set(name, entry);
      }
    }
    return [...wants.entries()].map(([name, want]): PlannedCheck => {
      const describe = (w: Want | null) => (w === null ? null : w.number !== null ? `≥ ${w.text}` : w.text);
      return {
        check: `sysctl:${name}`,
        role: role.name,
        component: null,
        minimum: describe(want.minimum),
        recommended: describe(want.recommended),
        at: want.minimum?.at ?? want.recommended?.at ?? role.at,
        async run(ctx) {
          if (!/^[A-Za-z0-9_.-]+$/.test(name) || name.includes('..')) return errorOutcome(`\`${name}\` is not a sysctl name`);
          const path = `/proc/sys/${name.replace(/\./g, '/')}`;
          const text = await ctx.readText(path);
          if (text === null) return errorOutcome(`cannot read ${path}: no such parameter on this kernel, or not readable`);
          const value = squash(text);
          const status = verdict(want.minimum ? meetsSysctl(value, want.minimum) : null, want.recommended ? meetsSysctl(value, want.recommended) : null);
          const missed = status === 'fail' ? want.minimum : status === 'warn' ? want.recommended : null;
          return outcome(status, value, missed === null ? `${name} = ${value}` : `${name} = ${value}, the ${status === 'fail' ? 'minimum' : 'recommended'} is ${describe(missed) ?? ''}`);
        },
      };
    });
  },
};
