import type { ComponentModel, VolumeModel } from '../../spec/model.js';
import { bytesFigure, systemOf, volumeInput } from '../helpers/capacity.js';
import type { Rule } from '../types.js';

export const volumeFullBeforeHorizon: Rule<'fills' | 'full'> = {
  id: 'volume-full-before-horizon',
  severity: 'warning',
  category: 'growth',
  summary: 'A volume should not fill up within the planning horizon at the growth the page gives.',
  messages: {
    fills: 'volume `{volume}` of `{component}` ({size}) fills in {months} at {growth} {start}, within the {horizon}-month planning horizon: it would need {projected} by then',
    full: 'volume `{volume}` of `{component}` is already full: {used} used of {size}, so writes fail now',
  },
  docs: {
    why: 'A volume that fills stops the datastore on it: PostgreSQL refuses writes and can shut down, Prometheus and Loki drop data, and a full root disk takes the node down with it. From the space used today and the growth the page gives, `plan` projects each volume over the planning horizon (`lint.horizon`, 12 months by default); a volume that keeps data only for a retention window levels off at one window’s worth of growth. A volume that fills before the horizon needs a larger size, a retention policy, or a date in the operations calendar to resize it.',
    invalid: `components:
  postgres:
    kind: datastore
    volumes:
      - { name: data, size: 20GB, used: 15GB, growth: +1GB/month }
`,
    valid: `components:
  postgres:
    kind: datastore
    volumes:
      - { name: data, size: 40GB, used: 15GB, growth: +1GB/month }
`,
    fix: 'Size the volume for the horizon (used + growth × months), give its data a retention window, or plan the resize.',
  },
  check(model, report, analysis) {
    const horizon = analysis.horizonMonths;
    for (const phase of model.phases) {
      const plan = analysis.phasePlan(phase);
      // The plan lists the volumes of the phase's running components in order: walk both together.
      const volumes: Array<{ component: ComponentModel; volume: VolumeModel }> = [];
      for (const component of phase.components) if (component.kind !== 'external') for (const volume of component.volumes) volumes.push({ component, volume });
      plan.storage.forEach((storage, i) => {
        const pair = volumes[i];
        if (!pair || pair.component.name !== storage.component || pair.volume.name !== storage.volume) return;
        const { component, volume } = pair;
        const full = storage.usedBytes !== null && storage.usedBytes >= storage.sizeBytes;
        if (!full && (storage.monthsUntilFull === null || storage.monthsUntilFull >= horizon || storage.projectedBytes === null)) return;
        const input = volumeInput(component, volume.name);
        const system = systemOf(input?.size);
        const size = input?.size === undefined ? bytesFigure(volume.sizeBytes, system) : String(input.size);
        const used = storage.usedBytes === null ? null : input?.used === undefined ? bytesFigure(storage.usedBytes, system) : String(input.used);
        if (full) {
          report({ at: analysis.at(input, 'used'), message: 'full', data: { volume: volume.name, component: component.name, used: used ?? '', size }, phase: phase.name });
          return;
        }
        const months = storage.monthsUntilFull ?? 0;
        report({
          at: analysis.at(input, 'size'),
          message: 'fills',
          data: {
            volume: volume.name,
            component: component.name,
            size,
            months: months === 0 ? 'less than a month' : months === 1 ? '1 month' : `${months} months`,
            growth: input?.growth === undefined ? 'its growth' : String(input.growth),
            start: used === null ? 'starting empty' : `from ${used} used`,
            horizon,
            projected: bytesFigure(storage.projectedBytes ?? 0n, system),
          },
          phase: phase.name,
        });
      });
    }
  },
};
