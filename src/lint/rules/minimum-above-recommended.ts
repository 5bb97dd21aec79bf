import { parseBytes } from '../../units/bytes.js';
import { parseBitRate } from '../../units/rate.js';
import { rangeMinimum, rangesOverlap, compareVersions } from '../../units/version.js';
import { isObject, kubernetesSettingsOf, writtenRequirement, type WrittenRange, type WrittenRequirement } from '../helpers/security-versions.js';
import type { LintAnalysis } from '../analysis.js';
import type { Report, Rule } from '../types.js';

type Message = 'disjoint' | 'startsAbove' | 'pinnedOutside' | 'size' | 'gpuCount' | 'gpuMemory' | 'network';

/** Version checks of one subject: the minimum against the recommended, and the pinned version against the minimum. */
function checkRanges(subject: string, minimum: WrittenRange | null, recommended: WrittenRange | null, pinned: WrittenRequirement['pinned'], report: Report<Message>, phase: string): void {
  if (minimum && recommended && !minimum.range.any && !recommended.range.any) {
    const overlap = rangesOverlap(minimum.range, recommended.range);
    if (overlap === false) {
      report({ at: minimum.at, message: 'disjoint', data: { subject, minimum: minimum.text, recommended: recommended.text }, phase });
      return;
    }
    const low = rangeMinimum(minimum.range);
    const recommendedLow = rangeMinimum(recommended.range);
    if (low && recommendedLow && compareVersions(low, recommendedLow) > 0) {
      report({ at: minimum.at, message: 'startsAbove', data: { subject, minimum: minimum.text, recommended: recommended.text, low: recommendedLow.raw }, phase });
    }
  }
  if (minimum && pinned?.version && !minimum.range.test(pinned.version)) {
    report({ at: pinned.at, message: 'pinnedOutside', data: { subject, minimum: minimum.text, pinned: pinned.text }, phase });
  }
}

/** A software entry of a requirement level (`podman: 4.4+` or `{version: {minimum, recommended}}`). */
function softwareRequirement(analysis: LintAnalysis, software: object, name: string): WrittenRequirement | null {
  const value = (software as Record<string, unknown>)[name];
  if (isObject(value)) return writtenRequirement(analysis, value, 'version');
  return writtenRequirement(analysis, software, name);
}

export const minimumAboveRecommended: Rule<Message> = {
  id: 'minimum-above-recommended',
  severity: 'error',
  category: 'versions',
  summary: 'A minimum requirement must admit what the recommended requirement admits, and never exceed it.',
  messages: {
    disjoint: '{subject} has minimum {minimum} and recommended {recommended}: no version meets both, so following the recommendation breaks the minimum',
    startsAbove: '{subject} has minimum {minimum} above recommended {recommended}: a recommended {low} fails the page\'s own minimum',
    pinnedOutside: '{subject} pins {pinned}, which its minimum {minimum} does not admit: the deployed version fails the page\'s own requirement',
    size: 'role `{role}` needs at least {minimum} of {what} but recommends {recommended}: the recommended machine fails the minimum',
    gpuCount: 'role `{role}` needs at least {minimum} GPUs but recommends {recommended}: the recommended machine fails the minimum',
    gpuMemory: 'role `{role}` needs at least {minimum} of GPU memory but recommends {recommended}: the recommended GPU fails the minimum',
    network: 'role `{role}` needs at least {minimum} of network but recommends {recommended}: the recommended machine fails the minimum',
  },
  docs: {
    why: 'The minimum is the floor below which the system does not work; the recommended is what the page advises buying or installing. A recommended version or machine below the minimum — or a version range that shares no version with it — means that following the page\'s advice produces an installation its own preflight rejects. Usually the two columns were swapped or one was edited without the other.',
    invalid: `components:
  postgres:
    kind: datastore
    engine: postgresql
    version: { minimum: 15+, recommended: '13' }
`,
    valid: `components:
  postgres:
    kind: datastore
    engine: postgresql
    version: { minimum: 13+, recommended: 15+ }
`,
  },
  check(model, report, analysis) {
    for (const phase of model.phases) {
      for (const component of phase.components) {
        const requirement = writtenRequirement(analysis, component.input, 'version');
        if (requirement) checkRanges(`\`${component.name}\``, requirement.minimum, requirement.recommended, requirement.pinned, report, phase.name);
      }
      const kubernetes = kubernetesSettingsOf(analysis, phase).version;
      if (kubernetes) {
        const requirement = writtenRequirement(analysis, kubernetes.container, kubernetes.key);
        if (requirement) checkRanges('`kubernetes.version`', requirement.minimum, requirement.recommended, requirement.pinned, report, phase.name);
      }
      for (const role of phase.roles) {
        const minimumLevel = role.input.minimum;
        const recommendedLevel = role.input.recommended;
        const names = new Set([...Object.keys(minimumLevel?.software ?? {}), ...Object.keys(recommendedLevel?.software ?? {})]);
        for (const name of names) {
          const low = minimumLevel?.software ? softwareRequirement(analysis, minimumLevel.software, name) : null;
          const high = recommendedLevel?.software ? softwareRequirement(analysis, recommendedLevel.software, name) : null;
          const subject = `\`${name}\` of role \`${role.name}\``;
          if (low) checkRanges(subject, low.minimum, low.recommended ?? high?.minimum ?? null, low.pinned, report, phase.name);
          if (high) checkRanges(subject, high.minimum, high.recommended, high.pinned, report, phase.name);
        }
        if (minimumLevel && recommendedLevel) {
          // Compared exactly in base units, so `16GiB` minimum against a `16GB` recommendation is caught.
          for (const [key, what, field] of [['cpu', 'CPU', 'cpuMillicores'], ['memory', 'memory', 'memoryBytes'], ['disk', 'disk', 'diskBytes']] as const) {
            const low = role.minimum[field];
            const high = role.recommended[field];
            if (low === null || high === null || low <= high) continue;
            const written = (level: object) => String((level as Record<string, unknown>)[key] ?? (key === 'disk' ? 'its disks' : ''));
            report({ at: analysis.at(minimumLevel, key in minimumLevel ? key : 'disks'), message: 'size', data: { role: role.name, what, minimum: written(minimumLevel), recommended: written(recommendedLevel) }, phase: phase.name });
          }
          const kernelLow = writtenRequirement(analysis, minimumLevel, 'kernel');
          const kernelHigh = writtenRequirement(analysis, recommendedLevel, 'kernel');
          if (kernelLow && kernelHigh) checkRanges(`the kernel of role \`${role.name}\``, kernelLow.minimum, kernelHigh.minimum, null, report, phase.name);
          const gpuLow = minimumLevel.gpu;
          const gpuHigh = recommendedLevel.gpu;
          if (gpuLow && gpuHigh) {
            if (gpuLow.count > gpuHigh.count) report({ at: analysis.at(gpuLow, 'count'), message: 'gpuCount', data: { role: role.name, minimum: gpuLow.count, recommended: gpuHigh.count }, phase: phase.name });
            if (gpuLow.memory !== undefined && gpuHigh.memory !== undefined) {
              const a = parseBytes(String(gpuLow.memory));
              const b = parseBytes(String(gpuHigh.memory));
              if (a.ok && b.ok && a.value.bytes > b.value.bytes) {
                report({ at: analysis.at(gpuLow, 'memory'), message: 'gpuMemory', data: { role: role.name, minimum: String(gpuLow.memory), recommended: String(gpuHigh.memory) }, phase: phase.name });
              }
            }
            for (const key of ['driver', 'cuda'] as const) {
              const x = writtenRequirement(analysis, gpuLow, key);
              const y = writtenRequirement(analysis, gpuHigh, key);
              if (x && y) checkRanges(`the GPU ${key === 'cuda' ? 'CUDA version' : 'driver'} of role \`${role.name}\``, x.minimum, y.minimum, null, report, phase.name);
            }
          }
          if (minimumLevel.network !== undefined && recommendedLevel.network !== undefined) {
            const a = parseBitRate(String(minimumLevel.network));
            const b = parseBitRate(String(recommendedLevel.network));
            if (a.ok && b.ok && a.value.bitsPerSecond > b.value.bitsPerSecond) {
              report({ at: analysis.at(minimumLevel, 'network'), message: 'network', data: { role: role.name, minimum: String(minimumLevel.network), recommended: String(recommendedLevel.network) }, phase: phase.name });
            }
          }
        }
      }
    }
  },
};
