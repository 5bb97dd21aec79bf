import { describe, expect, it } from 'vitest';
import type { CostReport, PhaseCost } from '../../src/cost/types.js';
import { runCli } from '../helpers.js';

/**
 * `cost --json` prices all three senex-trader phases and checks the page's stated costs.
 * Every figure below is worked out by hand from the spec and the catalogs.
 */

const result = runCli(['cost', 'examples/senex-trader', '--json']);
const report = JSON.parse(result.stdout) as CostReport;
const phase = (name: string): PhaseCost => report.phases.find((p) => p.name === name)!;
const item = (p: PhaseCost, name: string) => p.items.find((i) => i.name === name)!;
const verdicts = (p: PhaseCost) => p.stated.map((s) => [s.what, s.stated, s.computed && `${s.computed.min.amount}-${s.computed.max.amount}`, s.verdict]);

describe('cost of senex-trader', () => {
  it('prints a versioned document and exits 1, because stated costs disagree', () => {
    expect(result.stderr).toBe('');
    expect(result.status).toBe(1);
    expect(report.schemaVersion).toBe('1.0');
    expect(report.currency).toBe('USD');
    expect(report.phases.map((p) => p.name)).toEqual(['mvp', 'separated', 'ha']);
  });

  it('mvp: the CX41 at the page’s own €12 converted at the dated rate, plus the cost lines', () => {
    const mvp = phase('mvp');
    // The spec's offer (€12/month) wins over the catalog's CX41 (€15.90); €12 × 1.0389 = $12.4668.
    expect(item(mvp, 'server')).toMatchObject({
      what: '1 × hetzner/CX41',
      unitPrice: { amount: '12', currency: 'EUR' },
      monthly: { min: { amount: '12.4668', currency: 'USD' }, max: { amount: '12.4668', currency: 'USD' } },
      conversion: '1 EUR = 1.0389 USD (2024-12-31)',
      origin: 'examples/senex-trader/infraspec.yaml:616:7',
    });
    // $12.4668 + backup storage $5–10 + domain $1 = $18.4668 – $23.4668.
    expect(mvp.range).toEqual({ min: { amount: '18.4668', currency: 'USD' }, max: { amount: '23.4668', currency: 'USD' } });
    expect(mvp.complete).toBe(true);
    // 1,000 users × 65 MB = 65 GB a month, inside the CX41's 20 TB: nothing to pay.
    expect(item(mvp, 'transfer').what).toBe('65 GB/month (bandwidth) against 20 TB included');
    expect(item(mvp, 'transfer').monthly?.min.amount).toBe('0');
  });

  it('mvp: the page’s $50-60 and the role’s $40-50 are not what its CX41 costs', () => {
    expect(verdicts(phase('mvp'))).toEqual([
      ['monthlyCost', '$50-60/month', '18.4668-23.4668', 'mismatch'],
      ['role.cost', '$40-50/month', '12.4668-12.4668', 'mismatch'],
      // Backups in the $0.005/GB bucket: redis 168 × 200 MB = 33.6 GB ($0.168), logs 45 GB ($0.225),
      // media 5 GB ($0.025) = $0.418; the PostgreSQL dumps have no size, so that is a lower bound.
      ['line', '$5-10/month', '0.418-0.418', 'unknown'],
    ]);
  });

  it('backups in the offsite bucket are shown, and counted once, in the page’s own “Backup storage” line', () => {
    const redis = item(phase('mvp'), 'redis-snapshots');
    expect(redis).toMatchObject({ category: 'backup', counted: false, coveredBy: 'Backup storage', approximate: true });
    expect(redis.monthly?.min.amount).toBe('0.168');
    expect(item(phase('mvp'), 'postgres-dumps')).toMatchObject({ monthly: null, note: 'usage-based: no size given' });
  });

  it('separated: $30 + $40 + $20 for the servers and $20 of lines make $110, below both stated ranges', () => {
    const separated = phase('separated');
    expect(separated.range).toEqual({ min: { amount: '110', currency: 'USD' }, max: { amount: '110', currency: 'USD' } });
    expect(verdicts(separated)).toEqual([
      ['monthlyCost(app-server, db-server, redis-server)', '$120-150/month', '90-90', 'mismatch'],
      ['monthlyCost', '$150-180/month', '110-110', 'mismatch'],
      ['line', '$15/month', '0.418-0.418', 'unknown'],
    ]);
    // No role names an offer, so the transfer allowance is unknown: shown, not counted, not a guess.
    expect(item(separated, 'transfer')).toMatchObject({ monthly: null, counted: false });
  });

  it('ha: $10 + 2×$30 + 2×$50 + 3×$20 + 2×$30 + $30 = $320 of servers, $350 with the lines, as the page says', () => {
    const ha = phase('ha');
    expect(ha.monthly).toEqual({ amount: '350', currency: 'USD' });
    expect(verdicts(ha)).toEqual([
      ['monthlyCost(lb, app-server, db-server, redis-server, celery-server, monitoring-server)', '$300-350/month', '320-320', 'match'],
      ['monthlyCost', '$350-400/month', '350-350', 'match'],
      ['cost', '$60/month', '60-60', 'match'],
      ['cost', '$100/month', '100-100', 'match'],
      ['cost', '$60/month', '60-60', 'match'],
      ['cost', '$60/month', '60-60', 'match'],
      ['line', '$20/month', '0.418-0.418', 'unknown'],
    ]);
  });

  it('writes every amount as an exact decimal string with its currency', () => {
    const amounts = JSON.stringify(report).match(/"amount":[^,}]*/g) ?? [];
    expect(amounts.length).toBeGreaterThan(20);
    for (const a of amounts) expect(a).toMatch(/^"amount":"-?\d+(\.\d+)?"$/);
  });

  it('--phase limits the report to one phase; the text view marks stated costs ✔/✘', () => {
    const text = runCli(['cost', 'examples/senex-trader', '--phase', 'ha']);
    expect(text.status).toBe(0);
    expect(text.stdout).toContain('Phase ha  $350.00/month');
    expect(text.stdout).toMatch(/✔ {2}monthlyCost +\$350-400\/month +\$350\.00/);
    expect(text.stdout).not.toContain('Phase mvp');
  });
});
