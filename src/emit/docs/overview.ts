import type { DocContext } from './context.js';
import { memorySystem } from './context.js';
import { bytes, bytesRange, coresRange, countRange, monthlyText } from './figures.js';
import { code, facts, paragraph, section, table, text, type Section } from './markdown.js';

/** The lines under the title: version, status, date, where the page lives. */
export function titleBlocks(ctx: DocContext): string[] {
  const system = ctx.model.input.system;
  const blocks: Array<string | null> = [
    facts([
      ['Version', ctx.model.system.version === undefined ? null : text(ctx.model.system.version)],
      ['Status', system.status === undefined ? null : text(system.status)],
      ['Last updated', system.updated === undefined ? null : text(system.updated)],
      ['Source', system.source === undefined ? null : text(system.source)],
      ['Phases', ctx.phaseNames.length > 1 || ctx.phaseNames[0] !== 'default' ? ctx.phaseNames.map(code).join(', ') : null],
    ]),
  ];
  return blocks.filter((b): b is string => b !== null);
}

/** Overview: what the system is, and each phase at a glance (every figure computed). */
export function overviewSection(ctx: DocContext): Section {
  const description = ctx.model.system.description;
  const rows: string[][] = [];
  for (const phase of ctx.phases) {
    const plan = ctx.plans.get(phase.name);
    if (!plan) continue;
    const t = plan.totals;
    const system = memorySystem(ctx, phase, 'requests');
    rows.push([
      code(phase.name),
      phase.production ? 'yes' : 'no',
      phase.targets.map((target) => `${text(target.name)} ${text(target.text)}`).join(', '),
      countRange(t.machines),
      countRange(t.replicas),
      t.missingRequests.length === phase.components.filter((c) => c.kind !== 'external').length ? '' : coresRange(t.cpuRequestsMillicores),
      t.missingRequests.length === phase.components.filter((c) => c.kind !== 'external').length ? '' : bytesRange(t.memoryRequestsBytes, system),
      t.volumeBytes === 0n ? '' : bytes(t.volumeBytes),
      plan.cost.monthly ? monthlyText(plan.cost.monthly) : '',
    ]);
  }
  const glance = table(['Phase', 'Production', 'Targets', 'Machines', 'Replicas', 'CPU requests', 'Memory requests', 'Volumes', 'Monthly cost'], rows);
  return section('Overview', [
    description === undefined ? null : paragraph(description),
    glance === null ? null : `Each phase at a glance, as infraspec computes it from the spec (ranges run from minimum to maximum replicas):\n\n${glance}`,
  ]);
}
