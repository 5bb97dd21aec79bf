import type { AnyRule } from './types.js';
import { nodeportOutOfRange } from './rules/nodeport-out-of-range.js';

/** Every rule, in catalog order (by category, then id). Adding a rule is one file and one line here. */
export const RULES: readonly AnyRule[] = [
  nodeportOutOfRange,
];

export function ruleById(id: string): AnyRule | undefined {
  return RULES.find((r) => r.id === id);
}
