import { formatMoney } from '../../units/money.js';
import { formatMillicores } from '../../units/quantity.js';
import { formatBytesReadable } from '../../units/bytes.js';
import { locate } from '../../spec/source.js';
import type { MachineLine, PhasePlacement, PlaceResult } from '../../place/types.js';
import { table } from '../table.js';
import type { Paint } from './plan.js';

/** The terminal view of `place`: per phase the machines, cost, bound, gap, solver, and the FFD baseline beside it. */

const percent = (fraction: number) => `${(fraction * 100).toFixed(2)} %`;

function machineRows(lines: MachineLine[]): string[][] {
  return lines.map((l) => [l.role, l.offer, l.zone ?? '', String(l.count), formatMoney(l.unitPrice, 2), formatMoney(l.monthlyCost, 2)]);
}

function solverText(p: PhasePlacement): string {
  const s = p.solver;
  if (!s) return '—';
  const how =
    s.stoppedBy === 'not-needed'
      ? 'the baseline meets the lower bound; no solver needed'
      : s.stoppedBy === 'time-limit' || s.stoppedBy === 'node-limit'
        ? `stopped by the ${s.stoppedBy === 'time-limit' ? 'time' : 'node'} limit during ${s.stage ?? 'the solve'}`
        : s.stoppedBy === 'error'
          ? `solver failed (${s.error ?? 'unknown error'}); heuristic answer`
          : `HiGHS: ${s.rounds} column-generation rounds, ${s.columns} patterns, MIP ${s.mipStatus}`;
  return `${s.status} (${s.solution === 'heuristic' ? `heuristic ${s.heuristic}` : s.solution}); ${how}; ${s.timeMs} ms`;
}

export function renderPlaceText(result: PlaceResult, color: Paint, rel: (p: string) => string): string {
  const out: string[] = [];
  for (const p of result.phases) {
    out.push(color.bold(`Phase ${p.name}`) + color.dim(` — ${p.replicas} replicas`));
    if (p.errors.length) {
      for (const e of p.errors) {
        const at = e.at ? locate(e.at) : null;
        out.push(`  ${color.red('error')}: ${e.message}${at ? color.dim(` (${rel(at.file)}:${at.line}:${at.column})`) : ''}`);
        if (e.hint) out.push(`    ${color.dim(`hint: ${e.hint}`)}`);
      }
    } else {
      out.push(table([['role', 'offer', 'zone', 'count', 'each', 'monthly'], ...machineRows(p.machines)], ['left', 'left', 'left', 'right', 'right', 'right']));
      const cost = p.monthlyCost ? formatMoney(p.monthlyCost, 2) : '—';
      const bound = p.lowerBound ? formatMoney(p.lowerBound, 2) : '—';
      const baseline = p.baseline.monthlyCost ? formatMoney(p.baseline.monthlyCost, 2) : '—';
      const saving = p.saving ? `${formatMoney(p.saving.amount, 2)} (${p.saving.percent.toFixed(2)} %)` : '—';
      out.push(
        '',
        table([
          ['monthly cost', cost],
          ['lower bound', `${bound}${p.boundSource ? color.dim(` (${p.boundSource})`) : ''}`],
          ['gap', p.gap === null ? '—' : percent(p.gap)],
          ['solver', solverText(p)],
          ['FFD baseline', baseline],
          ['saving vs FFD', saving],
        ]),
      );
    }
    for (const d of p.density) {
      const host = `${d.host.offer ?? 'the role’s size'}: ${formatMillicores(d.host.cpuMillicores)} CPU, ${formatBytesReadable(d.host.memoryBytes)}`;
      out.push('', `  Density on ${d.role} (${host})`);
      out.push(
        table([
          ['class', 'size', 'fits per host', 'stated', 'CPU overcommit', 'memory overcommit'],
          ...d.classes.map((c) => [
            c.name,
            `${formatMillicores(c.cpuMillicores)} CPU, ${formatBytesReadable(c.memoryBytes)}`,
            `${c.fitsPerHost} (${c.limitedBy})`,
            c.stated ?? '—',
            c.cpuOvercommit ? `${c.cpuOvercommit}×` : '—',
            c.memoryOvercommit ? `${c.memoryOvercommit}×` : '—',
          ]),
        ]),
      );
    }
    for (const note of p.notes) out.push(`  ${color.dim(`note: ${note}`)}`);
    out.push('');
  }
  return `${out.join('\n')}\n`;
}
