import type { Location } from '../spec/source.js';

/**
 * What `infraspec cost` computes, as plain data: the `--json` contract (schemaVersion 1.0).
 * Money is `{amount, currency}` with `amount` an exact decimal string; an unknown price is
 * `null` with a reason, never 0.
 */

export const COST_SCHEMA_VERSION = '1.0';

export interface MoneyJson {
  amount: string;
  currency: string;
}

/** Both ends of a monthly cost; equal unless an input is a range (a price range, a count range). */
export interface MoneyRange {
  min: MoneyJson;
  max: MoneyJson;
}

export type CostCategory = 'machines' | 'managed' | 'storage' | 'backup' | 'object-storage' | 'bandwidth' | 'lines' | 'discounts';

export const CATEGORY_ORDER: readonly CostCategory[] = ['machines', 'managed', 'storage', 'backup', 'object-storage', 'bandwidth', 'lines', 'discounts'];

export interface CostItem {
  category: CostCategory;
  /** The role, component, volume, backup, bucket or line it is for. */
  name: string;
  /** How it is priced, in words: `2 × aws/t3.large`, `83.6 GB at $0.005/GB/month`. */
  what: string;
  /** The catalog offer, `provider/name`, when one is used. */
  offer: string | null;
  /** One unit's monthly price as the source states it (before conversion). */
  unitPrice: MoneyJson | null;
  /** In the report's currency; null when it cannot be priced (see `note`). */
  monthly: MoneyRange | null;
  note: string | null;
  /** In the phase total. False when a cost line already covers it, or when only usage could price it. */
  counted: boolean;
  /** The cost line that stands for it (`Backup storage`), when one does. */
  coveredBy: string | null;
  /** A figure in the chain is marked approximate (`~$30`, a catalog's typical discount). */
  approximate: boolean;
  /** Where the price came from: `catalogs/aws-ec2.yaml:25`, `examples/x/infraspec.yaml:42:7`. */
  origin: string | null;
  /** The rate used when the price is in another currency: `1 EUR = 1.0389 USD (2024-12-31)`. */
  conversion: string | null;
}

export interface ComponentAllocation {
  component: string;
  role: string;
  /** The component's share of the role's machine cost, by its CPU and memory requests. */
  monthly: MoneyJson;
  /** Percent of the role's cost, exact to two digits. */
  share: string;
}

export interface BudgetCheck {
  name: string;
  budget: MoneyJson;
  computed: MoneyRange | null;
  /** `over`: even the low end exceeds it; `may-exceed`: the high end does; `alert`: past `alertAt`. */
  status: 'within' | 'alert' | 'may-exceed' | 'over' | 'unknown';
  alertAt: string | null;
  note: string | null;
  at: Location | null;
}

export interface StatedCostCheck {
  /** `monthlyCost`, `monthlyCost(app-server, db-server)`, `cost`, `role.cost`, `line`. */
  what: string;
  scope: string;
  label: string | null;
  stated: string;
  /** The interval the statement covers, in its own currency (tolerance applied). */
  statedRange: { low: MoneyJson; high: MoneyJson | null };
  computed: MoneyRange | null;
  /** true: the computed range lies within the stated one; false: it does not; null: unknown. */
  ok: boolean | null;
  verdict: 'match' | 'overlap' | 'mismatch' | 'unknown';
  reason: string | null;
  at: Location | null;
}

export interface PhaseCost {
  name: string;
  currency: string;
  /** The low end of the monthly total (minimum counts, lower prices); null when nothing is priced. */
  monthly: MoneyJson | null;
  range: MoneyRange | null;
  /** Every counted item has a price (otherwise the total is a lower bound). */
  complete: boolean;
  unpriced: string[];
  items: CostItem[];
  allocation: ComponentAllocation[];
  budgets: BudgetCheck[];
  stated: StatedCostCheck[];
}

export interface CostReport {
  schemaVersion: string;
  system: string;
  currency: string;
  /** `true` when machines are the ones placement chose (`--placed`). */
  placed: boolean;
  rates: Array<{ from: string; to: string; rate: string; date: string }>;
  phases: PhaseCost[];
}
