import type { SourceSpan } from '../../spec/source.js';
import { parseOsRequirement, type Version } from '../../units/version.js';
import { lifecycleProduct, type LifecycleProduct } from '../data/end-of-life.js';
import { admittedLines, describeLines, isExactVersion, isObject, onlyWithin, pastEndOfLife, kubernetesSettingsOf, rangeOf, writtenRequirement, type WrittenRange, type WrittenRequirement } from '../helpers/security-versions.js';
import type { Report, Rule } from '../types.js';

type Message = 'admitsEol' | 'recommendedEol' | 'pinnedEol' | 'osEol' | 'osAdmitsEol';

// Managed Kubernetes keeps its own calendar (EKS, GKE and AKS extend support): judged by the provider, not here.
const MANAGED_KUBERNETES = new Set(['eks', 'gke', 'aks']);

interface Context {
  report: Report<Message>;
  asOf: string;
  phase: string;
}

function judge(subject: string, product: LifecycleProduct, requirement: WrittenRequirement, ctx: Context): void {
  const dead = pastEndOfLife(product, ctx.asOf);
  if (dead.length === 0) return;
  const base = { subject, product: product.name, asOf: ctx.asOf };
  const pinned = (text: string, version: Version, at: SourceSpan): boolean => {
    const line = dead.find((l) => rangeOf(l.line)?.test(version) === true);
    if (line) ctx.report({ at, message: 'pinnedEol', data: { ...base, version: text, line: line.line, eol: line.eol }, phase: ctx.phase });
    return line !== undefined;
  };
  if (requirement.pinned?.version && pinned(requirement.pinned.text, requirement.pinned.version, requirement.pinned.at)) return;
  const minimum: WrittenRange | null = requirement.minimum;
  if (minimum && !minimum.range.any) {
    const lines = admittedLines(minimum.range, dead);
    const exact = isExactVersion(minimum.range) ? minimum.range.minimum : undefined;
    if (exact && lines.length > 0) pinned(minimum.text, exact, minimum.at);
    else if (lines.length > 0) ctx.report({ at: minimum.at, message: 'admitsEol', data: { ...base, range: minimum.text, lines: describeLines(lines) }, phase: ctx.phase });
  }
  const recommended = requirement.recommended;
  if (recommended && !recommended.range.any && onlyWithin(recommended.range, dead)) {
    ctx.report({ at: recommended.at, message: 'recommendedEol', data: { ...base, range: recommended.text, lines: describeLines(admittedLines(recommended.range, dead)) }, phase: ctx.phase });
  }
}

export const endOfLifeVersion: Rule<Message> = {
  id: 'end-of-life-version',
  severity: 'warning',
  category: 'versions',
  summary: 'Version requirements should not admit releases that are past their end of life.',
  messages: {
    admitsEol: '{subject} accepts {product} {range}, which admits {lines}: on {asOf} those releases get no security fixes',
    recommendedEol: '{subject} recommends {product} {range}, and every release it admits is past end of life on {asOf}: {lines}',
    pinnedEol: '{subject} pins {product} {version}, whose line {line} reached end of life on {eol}: it gets no security fixes',
    osEol: 'the acceptable OS `{os}` is past end of life on {asOf}: {lines}; machines on it get no security fixes',
    osAdmitsEol: 'the acceptable OS `{os}` admits {lines}: on {asOf} those releases get no security fixes',
  },
  docs: {
    why: 'A release past its end of life gets no security fixes: a page whose minimum still admits it lets an installation pass preflight on software with open, published vulnerabilities, and a page that pins or recommends it sends every operator there. Dates come from a table compiled from endoflife.date (see `src/lint/data/end-of-life.ts`) and are judged against the lint date (`--as-of`). Managed services (RDS, ElastiCache, EKS…) keep their providers\' own calendars and are not judged.',
    invalid: `components:
  postgres:
    kind: datastore
    engine: postgresql
    version: { minimum: 13+, recommended: 16+ }
`,
    valid: `components:
  postgres:
    kind: datastore
    engine: postgresql
    version: { minimum: 15+, recommended: 16+ }
`,
    fix: 'Raise the minimum to a supported line, and re-check the table when a line reaches its end.',
  },
  check(model, report, analysis) {
    for (const phase of model.phases) {
      const ctx: Context = { report, asOf: analysis.asOf, phase: phase.name };
      for (const component of phase.components) {
        if (component.kind === 'external' || component.input.managed !== undefined) continue;
        const product = lifecycleProduct(component.input.engine ?? component.name);
        if (!product) continue;
        const requirement = writtenRequirement(analysis, component.input, 'version');
        if (requirement) judge(`\`${component.name}\``, product, requirement, ctx);
      }
      const kubernetes = kubernetesSettingsOf(analysis, phase);
      if (kubernetes.version && !MANAGED_KUBERNETES.has(kubernetes.distribution ?? '')) {
        const product = lifecycleProduct('kubernetes');
        const requirement = writtenRequirement(analysis, kubernetes.version.container, kubernetes.version.key);
        if (product && requirement) judge('`kubernetes.version`', product, requirement, ctx);
      }
      for (const role of phase.roles) {
        for (const levelName of ['minimum', 'recommended'] as const) {
          const level = role.input[levelName];
          if (!level) continue;
          for (const name of Object.keys(level.software ?? {})) {
            const product = lifecycleProduct(name);
            const software = level.software;
            if (!product || !software) continue;
            const value = software[name];
            const requirement = isObject(value) ? writtenRequirement(analysis, value, 'version') : writtenRequirement(analysis, software, name);
            if (!requirement) continue;
            // On the recommended level, the written range is what the page recommends.
            const asRecommended: WrittenRequirement = levelName === 'recommended' ? { minimum: null, recommended: requirement.minimum ?? requirement.recommended, pinned: requirement.pinned } : requirement;
            judge(`\`${name}\``, product, asRecommended, ctx);
          }
          const osList = level.os ?? [];
          osList.forEach((text, i) => {
            const os = parseOsRequirement(text);
            if (!os.ok || os.value.range.any) return;
            const product = lifecycleProduct(os.value.distro);
            if (!product) return;
            const dead = pastEndOfLife(product, analysis.asOf);
            const lines = admittedLines(os.value.range, dead);
            if (lines.length === 0) return;
            const at = analysis.at(osList, i);
            const data = { os: text, asOf: analysis.asOf, lines: describeLines(lines) };
            report({ at, message: onlyWithin(os.value.range, dead) ? 'osEol' : 'osAdmitsEol', data, phase: phase.name });
          });
        }
      }
    }
  },
};
