import { describe, expect, it } from 'vitest';
import { DiagramMemo, phaseDiagram } from '../../src/emit/docs/topology.js';
import { compileText } from '../../src/lint/tester.js';
import type { Model } from '../../src/spec/model.js';

/**
 * The topology of each phase is drawn from what the phase before it read from the same components
 * (docs/topology.ts, `DiagramMemo`): each diagram must be the one drawn for that phase alone.
 */

function model(text: string): Model {
  const compiled = compileText(text);
  if (!compiled.model) throw new Error(compiled.diagnostics.map((d) => d.message).join('\n'));
  return compiled.model;
}

/**
 * `count` components on two roles calling each other in a ring, every tenth with a public port; phases
 * that move a component to the other role, change its flows, leave one out, give one a role the phase
 * does not have, then come back.
 */
function spec(count: number): string {
  const lines = ['roles:', '  a: { minimum: { cpu: 2, memory: 4GiB } }', '  b: { minimum: { cpu: 2, memory: 4GiB } }', 'components:'];
  for (let i = 0; i < count; i++) {
    lines.push(`  c${i}:`, '    kind: service', `    image: ghcr.io/acme/c${i}:1.0`, `    placement: { role: ${i % 3 === 0 ? 'b' : 'a'} }`);
    lines.push(`    ports: [{ port: 8000${i % 10 === 0 ? ', exposure: public' : ''} }]`);
    lines.push(`    flows: [{ to: c${(i + 1) % count}, port: 8000 }${i % 7 === 0 ? `, { to: c${(i + 5) % count}, port: 8000 }` : ''}]`);
  }
  lines.push(
    'phases:',
    '  one: {}',
    '  moved: { components: { c1: { placement: { role: b } } } }',
    '  calls: { components: { c2: { flows: [{ to: c0, port: 8000 }, { to: c3, port: 8000 }] }, c4: { ports: [{ port: 8000, exposure: public }] } } }',
    '  fewer: { components: { c5: null } }',
    '  again: {}',
  );
  return `${lines.join('\n')}\n`;
}

describe('topology diagrams drawn phase after phase', () => {
  for (const [what, count] of [
    ['component by component', 12],
    ['group by group (too large for Mermaid)', 700],
  ] as const) {
    it(`draws each phase as that phase alone, ${what}`, () => {
      const m = model(spec(count));
      const memo = new DiagramMemo();
      const diagrams = m.phases.map((phase) => phaseDiagram(m, phase, memo));
      m.phases.forEach((phase, i) => expect(diagrams[i], phase.name).toEqual(phaseDiagram(m, phase)));
      expect(diagrams.every((d) => (d?.collapsed !== null) === count > 100)).toBe(true);
      // The overrides show: the moved component's flows, another phase's flows, one component less.
      const sources = new Set(diagrams.map((d) => d?.source));
      expect(sources.size).toBe(4);
      expect(diagrams[4]?.source).toBe(diagrams[0]?.source);
    });
  }
});
