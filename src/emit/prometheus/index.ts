import type { Model } from '../../spec/model.js';
import { parseDuration } from '../../units/duration.js';
import { PERIOD_SECONDS } from '../../units/period.js';
import { dnsLabel } from '../names.js';
import { commentBlock, generatedHeader, toYaml } from '../serialize.js';
import type { EmitContext, EmitResult, Emitter, GeneratedFile } from '../types.js';
import { DISK_TREND_WINDOW, diskRules, memoryRules, replicaRules, runningComponents } from './capacity.js';
import { Notes } from '../notes.js';
import { availabilityRules, latencyRules } from './objectives.js';
import { labelCache, listText, nameList, platformOf } from './promql.js';
import type { RuleGroup } from './rules.js';
import { specAlertRules } from './spec-alerts.js';

/**
 * Prometheus alerting rules, one file per phase (`<phase>/alerts.rules.yml`):
 * the objectives (availability error budget, latency bounds), the spec's own
 * alerts, and capacity (volumes filling before the planning horizon, memory
 * near its limit, replicas below the minimum).
 */

const MONTH_MS = PERIOD_SECONDS.month * 1000n;

/** The planning horizon: `lint.horizon`, else the 12 months `plan` and `lint` use. */
function horizonOf(model: Model, notes: Notes): { months: number; seconds: bigint } {
  const written = model.input.lint?.horizon;
  if (written !== undefined) {
    const parsed = parseDuration(written);
    if (parsed.ok && parsed.value >= MONTH_MS) return { months: Number(parsed.value / MONTH_MS), seconds: parsed.value / 1000n };
    notes.add(`the planning horizon \`${String(written)}\` is not a duration of a month or more: the disk alerts use 12 months`);
  }
  return { months: 12, seconds: 12n * PERIOD_SECONDS.month };
}

function backupNote(model: Model, notes: Notes): void {
  const scheduled = model.backups.filter((b) => b.frequency !== null && 'intervalMs' in b.frequency && b.frequency.intervalMs > 0n);
  if (!scheduled.length) return;
  notes.add(
    `no backup-freshness alert for ${nameList(scheduled.map((b) => `${b.name}${b.frequency ? ` (${b.frequency.label})` : ''}`), 12)}: the spec names no metric that reports a backup's last success (the format has no field for one), so "older than its interval" cannot be watched`,
    scheduled[0]?.at,
  );
}

export const prometheusEmitter: Emitter = {
  id: 'prometheus',
  summary: 'Prometheus alerting rules per phase: objectives, the spec’s alerts, capacity',
  emit(context: EmitContext): EmitResult {
    const { model } = context;
    const notes = new Notes();
    const files: GeneratedFile[] = [];
    const horizon = horizonOf(model, notes);
    const plans = new Map(context.plan().phases.map((p) => [p.name, p]));
    const system = dnsLabel(model.system.name);
    const label = labelCache();
    for (const phase of context.phases) {
      const platform = platformOf(model, phase, label);
      const running = runningComponents(phase);
      const groups: RuleGroup[] = [
        { name: `${system}-objectives`, rules: [...availabilityRules(model, phase, platform, notes), ...latencyRules(model, phase, platform, notes)] },
        { name: `${system}-alerts`, rules: specAlertRules(model, platform, notes) },
        {
          name: `${system}-capacity`,
          rules: [
            ...diskRules(model, phase, platform, plans.get(phase.name), horizon, notes),
            ...memoryRules(model, running, platform),
            ...replicaRules(model, phase, running, platform, notes),
          ],
        },
      ].filter((g) => g.rules.length > 0);
      const head = [
        '',
        `Prometheus alerting rules of phase \`${phase.name}\`. Check: promtool check rules alerts.rules.yml`,
        platform.kubernetes
          ? `They read kubelet volume stats, cAdvisor and kube-state-metrics${platform.namespace === null ? '' : ` in namespace \`${platform.namespace}\``}, node_exporter,`
          : 'They read node_exporter and cAdvisor on the machines,',
        'and `up` and the request-duration histograms of scrape jobs named after the components.',
        `Disk alerts fit the trend of the last ${DISK_TREND_WINDOW} and look ${horizon.months} months ahead (the planning horizon).`,
      ];
      const body = toYaml({ groups });
      files.push({ path: `${dnsLabel(phase.name)}/alerts.rules.yml`, content: `${generatedHeader(context.source)}${commentBlock(head)}${body}` });
    }
    const managed = model.components.filter((c) => c.input.managed !== undefined);
    if (managed.length) {
      const items = managed.map((c) => `\`${c.name}\` (${c.input.managed?.provider ?? ''} ${c.input.managed?.service ?? ''})`);
      const one = managed.length === 1;
      notes.add(
        `${listText(items, 12)} ${one ? 'is a managed service' : 'are managed services'}: no container, volume, replica or availability alerts for ${one ? 'it' : 'them'}; the provider's metrics watch ${one ? 'it' : 'them'}`,
        managed[0]?.at,
      );
    }
    backupNote(model, notes);
    return { files, notes: notes.list() };
  },
};
