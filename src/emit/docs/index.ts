import { generatedHeader } from '../serialize.js';
import type { Emitter, EmitContext, EmitResult } from '../types.js';
import { backupSection } from './backups.js';
import { componentsSection } from './components.js';
import { computeSection } from './compute.js';
import { docContext } from './context.js';
import { kubernetesSection } from './kubernetes.js';
import { renderSections, section, text } from './markdown.js';
import { networkSection } from './network.js';
import { alertsSection, checklistSection, costSection, notesSection, objectivesSection, observabilitySection, securitySection } from './operations.js';
import { overviewSection, titleBlocks } from './overview.js';
import { phasesSection, workloadsSection } from './phases.js';
import { storageSection } from './storage.js';
import { topologySection } from './topology.js';
import { usageSection } from './usage.js';

/** The file the document is written to. */
export const REQUIREMENTS_FILE = 'requirements.md';

/**
 * Markdown has no line comment: the header is an HTML comment, which renders as
 * nothing. `--` may not appear inside one, so a name holding it is split.
 */
function markdownHeader(source: string): string {
  return `<!--\n${generatedHeader(source.replace(/--/g, '- -'), '')}-->\n`;
}

/** The requirements document as Markdown, sections in the order a reader needs them. */
export function renderRequirements(context: EmitContext): { markdown: string; notes: EmitResult['notes'] } {
  const ctx = docContext(context);
  const phaseNames = context.phases.map((p) => p.name);
  if (context.model.phases.length > context.phases.length) {
    ctx.notes.push({ message: `the requirements document covers only the phase${phaseNames.length === 1 ? '' : 's'} ${phaseNames.map((n) => `\`${n}\``).join(', ')} (generated with --phase)` });
  }
  const document = section(`${text(context.model.system.name)} — Infrastructure Requirements`, titleBlocks(ctx), [
    overviewSection(ctx),
    topologySection(ctx),
    componentsSection(ctx),
    computeSection(ctx),
    workloadsSection(ctx),
    phasesSection(ctx),
    networkSection(ctx),
    storageSection(ctx),
    backupSection(ctx),
    usageSection(ctx),
    kubernetesSection(ctx),
    objectivesSection(ctx),
    alertsSection(ctx),
    observabilitySection(ctx),
    securitySection(ctx),
    costSection(ctx),
    checklistSection(ctx),
    notesSection(ctx),
  ]);
  const body = renderSections([document], 1).join('\n\n');
  return { markdown: `${markdownHeader(context.source)}\n${body}\n`, notes: ctx.notes };
}

export const docsEmitter: Emitter = {
  id: 'docs',
  summary: 'The requirements document itself: Markdown with tables, computed totals beside the stated ones, and a Mermaid topology.',
  emit(context) {
    const { markdown, notes } = renderRequirements(context);
    return { files: [{ path: REQUIREMENTS_FILE, content: markdown }], notes };
  },
};
