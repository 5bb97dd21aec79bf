import { lessThan, sub } from '../../units/rational.js';
import { formatMicros, moneyOf, monthlyMicros, monthlyRange, offerName, offersByName, overlaps, priceIn } from '../helpers/cost.js';
import type { Rule } from '../types.js';

export const roleCostVsOffer: Rule<'above' | 'below' | 'currency'> = {
  id: 'role-cost-vs-offer',
  severity: 'warning',
  category: 'cost',
  summary: 'A role\'s price per machine must match the price of the provider offer it is bought as.',
  messages: {
    above: 'role `{role}` is priced {cost} per machine, but its offer `{offer}` costs {price}, {difference} a month less: the page\'s costs are built on a price the provider does not charge',
    below: 'role `{role}` is priced {cost} per machine, but its offer `{offer}` costs {price}, {difference} a month more: the page\'s costs understate the bill',
    currency: 'role `{role}` is priced {cost} per machine and its offer `{offer}` {price}: they cannot be compared without an exchange rate, so the role\'s price is unchecked',
  },
  docs: {
    why: 'A page names the offer a machine is bought as ("Hetzner CX41") and, elsewhere, the price its cost breakdown counts for that machine ("Server: $40-50"). When the two disagree the phase totals, budgets and comparisons between phases are computed from a price nobody pays: the deployment is either overbudgeted — and a cheaper phase looks unaffordable — or underbudgeted. infraspec compares each role\'s `cost` with its offer\'s `price`, per month (a yearly price is divided by 12, an hourly one multiplied by 730), with the slack each figure is written with (`~` is ±10 %, a range its two ends). A price in another currency is compared through the converted price the page gives beside it (`€12 (~$13)`); without one the two are shown side by side.',
    invalid: `roles:
  server: { count: 1, offer: Hetzner/CX41, cost: $40-50/month }
cost:
  offers:
    - { provider: Hetzner, offer: CX41, price: "€12/month (~$13)" }
`,
    valid: `roles:
  server: { count: 1, offer: Hetzner/CX41, cost: $13/month }
cost:
  offers:
    - { provider: Hetzner, offer: CX41, price: "€12/month (~$13)" }
`,
  },
  check(model, report, analysis) {
    const offers = model.input.cost?.offers ?? [];
    if (offers.length === 0) return;
    const byName = offersByName(offers);
    for (const phase of model.phases) {
      for (const role of phase.roles) {
        if (!role.cost || role.input.offer === undefined) continue;
        const offer = byName.get(role.input.offer);
        const written = moneyOf(offer?.price);
        if (!offer || !written || written.perBytes !== undefined || written.perUnit !== undefined) continue;
        const cost = role.cost;
        const data = { role: role.name, offer: offerName(offer), cost: cost.text.trim(), price: written.text.trim() };
        const at = analysis.at(role.input, 'cost');
        const price = priceIn(written, cost.min.currency);
        if (!price) {
          report({ at, message: 'currency', data, phase: phase.name });
          continue;
        }
        const costRange = monthlyRange(cost);
        const priceRange = monthlyRange(price);
        if (overlaps(costRange, priceRange)) continue;
        const above = lessThan(priceRange.high, costRange.low);
        const difference = above ? sub(monthlyMicros(cost, 'min'), monthlyMicros(price, 'max')) : sub(monthlyMicros(price, 'min'), monthlyMicros(cost, 'max'));
        report({ at, message: above ? 'above' : 'below', data: { ...data, difference: formatMicros(difference, cost.min.currency) }, phase: phase.name });
      }
    }
  },
};
