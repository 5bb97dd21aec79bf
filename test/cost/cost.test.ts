import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/load.js';
import { cost, costFindings } from '../../src/cost/cost.js';
import type { CostOptions } from '../../src/cost/context.js';
import type { PhaseCost } from '../../src/cost/types.js';
import { compileText } from '../../src/lint/tester.js';
import { runCli, tempSpec } from '../helpers.js';

const catalog = loadCatalog();

function costOf(spec: string, options: CostOptions = {}): PhaseCost[] {
  const compiled = compileText(spec);
  if (!compiled.model) throw new Error(compiled.diagnostics.map((d) => d.message).join('\n'));
  return cost(compiled.model, catalog, options).phases;
}

const only = (spec: string, options?: CostOptions) => costOf(spec, options)[0]!;
const amounts = (p: PhaseCost) => p.range && [p.range.min.amount, p.range.max.amount];

describe('machines', () => {
  it('price a role by its catalog offer, 730 hours a month: 2 × t3.large = 2 × $60.736', () => {
    const p = only('roles: {web: {count: 2, offer: t3.large}}\n');
    expect(p.items[0]).toMatchObject({ what: '2 × aws/t3.large', offer: 'aws/t3.large', origin: 'catalogs/aws-ec2.yaml:25' });
    expect(amounts(p)).toEqual(['121.472', '121.472']);
  });

  it('price a count range at both ends', () => {
    expect(amounts(only('roles: {web: {count: {min: 1, max: 3}, offer: c5.large}}\n'))).toEqual(['62.05', '186.15']);
  });

  it('take the spec’s own offer price over the catalog’s, and keep where it came from', () => {
    const p = only('roles: {web: {count: 1, offer: t3.large}}\ncost: {offers: [{provider: aws, offer: t3.large, price: $50/month}]}\n');
    expect(p.items[0]?.monthly?.min.amount).toBe('50');
    expect(p.items[0]?.origin).toBe('/virtual/infraspec.yaml:4:17');
  });

  it('leave an unknown offer unpriced with a reason — null, never 0 — and say the total is incomplete', () => {
    const p = only('roles: {web: {count: 1, offer: aws/t3.larg}}\n');
    expect(p.items[0]).toMatchObject({ monthly: null, note: 'no offer `t3.larg` from `aws` in the catalog (did you mean `t3.large`?)' });
    expect(p.complete).toBe(false);
    expect(p.monthly).toBeNull();
  });
});

describe('placed machines (the hook `place` feeds)', () => {
  it('replace a role’s declared offer and count by the ones placement chose', () => {
    const placed = new Map([['default', new Map([['web', [{ offer: 'hetzner/CX22', count: 3 }]]])]]);
    const p = only('roles: {web: {count: 1, offer: t3.large}}\n', { placed });
    // 3 × €3.79 = €11.37, × 1.0389 = $11.812293.
    expect(p.items[0]).toMatchObject({ what: '3 × hetzner/CX22 (placed)', monthly: { min: { amount: '11.812293' } } });
  });
});

describe('managed services', () => {
  it('price RDS Multi-AZ as two instances and twice the storage and IOPS', () => {
    const p = only(`components:
  db:
    kind: datastore
    managed: {provider: aws, service: rds, instanceClass: db.r5.large, multiAz: true, storage: {type: io1, size: 100GB, iops: 1000}}
`);
    // 2 × $0.25 × 730 = $365; 2 × 100 GB × $0.125 = $25; 2 × 1000 × $0.10 = $200.
    expect(p.items.map((i) => [i.name, i.monthly?.min.amount])).toEqual([['db', '365'], ['db storage', '25'], ['db IOPS', '200']]);
  });
});

describe('storage', () => {
  it('price volumes on EBS for instance types without a disk of their own: 100 GB × $0.08', () => {
    const p = only(`roles: {node: {count: 1, offer: t3.large}}
components:
  pg: {kind: datastore, volumes: [{name: data, size: 100GB}]}
`);
    expect(p.items.find((i) => i.category === 'storage')).toMatchObject({ name: 'pg/data', offer: 'aws/ebs-gp3', monthly: { min: { amount: '8' } } });
  });

  it('price a growing bucket by its lifecycle: 30 days STANDARD, then STANDARD_IA until day 90', () => {
    const p = only(`buckets:
  logs:
    provider: aws-s3
    growth: 10GB/day
    lifecycle:
      - {id: cool, transition: {after: 30d, class: STANDARD_IA}}
      - {id: drop, expire: {after: 90d}}
`);
    // 300 GB × $0.023 = $6.90 and 600 GB × $0.0125 = $7.50.
    expect(p.items[0]).toMatchObject({ what: '300 GB STANDARD + 600 GB STANDARD_IA', monthly: { min: { amount: '14.4' } }, note: 'steady state under the lifecycle' });
  });

  it('report a bucket with no size as usage-based: shown, not counted', () => {
    const p = only('buckets: {media: {provider: aws-s3}}\n');
    expect(p.items[0]).toMatchObject({ monthly: null, counted: false });
    expect(p.complete).toBe(true);
  });
});

describe('bandwidth', () => {
  it('charge transfer beyond the offers’ allowance: 2 TB used, 1 TB included, 1000 GB × $0.01', () => {
    const p = only(`roles: {web: {count: 1, offer: digitalocean/s-1vcpu-1gb}}
usage: {traffic: {per: users, rate: 1GB/user/month, kind: bandwidth}}
phases: {live: {targets: {users: 2000}}}
`);
    expect(p.items.find((i) => i.category === 'bandwidth')).toMatchObject({ what: '2 TB/month (traffic) against 1 TB included: 1 TB beyond', monthly: { min: { amount: '10' } } });
  });
});

describe('stated costs', () => {
  const spec = (value: string) => `roles: {web: {count: {min: 1, max: 3}, cost: $100/month}}
phases: {live: {stated: [{figure: monthlyCost, value: '${value}'}]}}
`;
  it('match when the computed range lies inside the stated one', () => {
    expect(only(spec('$50-400/month')).stated[0]).toMatchObject({ ok: true, verdict: 'match' });
  });
  it('fail on a computed range that only overlaps the stated one ($100–$300 against $150–$250)', () => {
    expect(only(spec('$150-250/month')).stated[0]).toMatchObject({ ok: false, verdict: 'overlap' });
  });
  it('fail on disjoint ranges, and read `~` as ±10 %', () => {
    expect(only(spec('~$400/month')).stated[0]).toMatchObject({ ok: false, verdict: 'mismatch', statedRange: { low: { amount: '360' }, high: { amount: '440' } } });
  });
});

describe('reserved and spot', () => {
  it('lower the machines by the catalog’s typical discounts, spot as a range down from none', () => {
    const p = only(`roles: {web: {count: 4, offer: t3.large}}
cost:
  reserved: [{offer: t3.large, term: 1 year, payment: partial-upfront, quantity: 2}]
  spot: {maxShare: 50%}
`);
    // 4 × $60.736 = $242.944. Reserved: 2 × $60.736 × 33 % off = −$40.08576.
    // Spot: 50 % × 65 % × ($242.944 − $121.472 reserved) = −$39.4784 at the low end, $0 at the high end.
    expect(p.items.filter((i) => i.category === 'discounts').map((i) => [i.name, i.monthly?.min.amount, i.monthly?.max.amount])).toEqual([
      ['reserved t3.large', '-40.08576', '-40.08576'],
      ['spot', '-39.4784', '0'],
    ]);
    expect(amounts(p)).toEqual(['163.37984', '202.85824']);
  });
});

describe('allocation', () => {
  it('share a role’s cost by the mean of CPU and memory requests, the rest idle', () => {
    const p = only(`roles: {node: {count: 1, cost: $100/month, recommended: {cpu: 4 cores, memory: 16Gi}}}
components:
  api: {kind: service, resources: {requests: {cpu: "1", memory: 4Gi}}}
`);
    expect(p.allocation).toEqual([
      { component: 'api', role: 'node', monthly: { amount: '25', currency: 'USD' }, share: '25%' },
      { component: '(idle)', role: 'node', monthly: { amount: '75', currency: 'USD' }, share: '75%' },
    ]);
  });
});

describe('currency', () => {
  it('converts with the dated rate table: $103.89 is €100 at 1.0389', () => {
    const p = only('roles: {web: {count: 1, cost: $103.89/month}}\n', { currency: 'EUR' });
    expect(p.monthly).toEqual({ amount: '100', currency: 'EUR' });
    expect(p.items[0]?.conversion).toBe('1 USD = 1/1.0389 EUR (2024-12-31)');
  });
});

describe('budgets', () => {
  it('over budget is a finding', () => {
    const phases = costOf('roles: {web: {count: 2, cost: $120/month}}\nphases: {live: {budget: $200/month}}\n');
    expect(phases[0]?.budgets[0]).toMatchObject({ status: 'over', budget: { amount: '200' }, computed: { min: { amount: '240' } } });
  });

  it('a range whose high end passes the budget may exceed it; alertAt warns without failing', () => {
    expect(only('roles: {web: {count: {min: 1, max: 3}, cost: $100/month}}\nphases: {live: {budget: $250/month}}\n').budgets[0]?.status).toBe('may-exceed');
    const alert = only('roles: {web: {count: 1, cost: $90/month}}\ncost: {budgets: [{name: team, amount: $100/month, alertAt: 80%}]}\n');
    expect(alert.budgets[0]).toMatchObject({ name: 'team', status: 'alert' });
  });

  it('makes `infraspec cost` exit 1, and 0 when within', () => {
    const over = tempSpec({ 'infraspec.yaml': 'infraspec: 1\nsystem: {name: t}\nroles: {web: {count: 2, cost: $120/month}}\nphases: {live: {budget: $200/month}}\n' });
    const within = tempSpec({ 'infraspec.yaml': 'infraspec: 1\nsystem: {name: t}\nroles: {web: {count: 1, cost: $120/month}}\nphases: {live: {budget: $200/month}}\n' });
    const result = runCli(['cost', over]);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('✘ budget phase live budget: $200.00, computed $240.00 — over');
    expect(runCli(['cost', within]).status).toBe(0);
  });

  it('counts findings: stated mismatches and budgets over', () => {
    const compiled = compileText('roles: {web: {count: 2, cost: $120/month}}\nphases: {live: {budget: $200/month}}\n');
    expect(costFindings(cost(compiled.model!, catalog))).toBe(1);
  });
});

describe('the command line', () => {
  it('refuses a currency that is not a code, with exit 2', () => {
    const result = runCli(['cost', 'examples/clean', '--currency', 'dollars']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--currency takes an ISO 4217 code such as USD or EUR, got `dollars`');
  });

  it('is deterministic: two runs print the same bytes', () => {
    expect(runCli(['cost', 'examples/bettafish', '--json']).stdout).toBe(runCli(['cost', 'examples/bettafish', '--json']).stdout);
  });
});
