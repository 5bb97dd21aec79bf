import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareDecimal, decimalToString } from '../../src/units/decimal.js';
import {
  addMoney,
  formatMoney,
  moneyFromMicros,
  moneyToMicros,
  parseMoney,
  parseMoneyMicros,
  type Money,
  type MoneyFigure,
} from '../../src/units/money.js';
import { decimal as dec, errorOf, value } from './support.js';

function usd(text: string): Money {
  return { amount: dec(text), currency: 'USD' };
}

/** A figure reduced to readable strings, so tests compare 12.50 and 12.5 alike. */
function summary(figure: MoneyFigure): Record<string, unknown> {
  return {
    min: `${decimalToString(figure.min.amount)} ${figure.min.currency}`,
    max: `${decimalToString(figure.max.amount)} ${figure.max.currency}`,
    approx: figure.approx,
    ...(figure.per === undefined ? {} : { per: figure.per }),
    ...(figure.perBytes === undefined ? {} : { perBytes: figure.perBytes }),
    ...(figure.perUnit === undefined ? {} : { perUnit: figure.perUnit }),
    ...(figure.alternative === undefined ? {} : { alternative: summary(figure.alternative) }),
  };
}

function money(text: string): Record<string, unknown> {
  return summary(value(parseMoney(text)));
}

describe('parseMoney', () => {
  it('$48/month is 48 USD per month', () => {
    expect(money('$48/month')).toEqual({ min: '48 USD', max: '48 USD', approx: false, per: 'month' });
  });

  it('€12 is 12 EUR, £5 is 5 GBP, $0 is zero', () => {
    expect(money('€12')).toEqual({ min: '12 EUR', max: '12 EUR', approx: false });
    expect(money('£5')).toEqual({ min: '5 GBP', max: '5 GBP', approx: false });
    expect(money('$0')).toEqual({ min: '0 USD', max: '0 USD', approx: false });
  });

  it('ISO codes before or after: USD 10000, 10000 USD, 12 EUR, $10,000', () => {
    expect(money('USD 10000')).toMatchObject({ min: '10000 USD' });
    expect(money('10000 USD')).toMatchObject({ min: '10000 USD' });
    expect(money('12 EUR')).toMatchObject({ min: '12 EUR' });
    expect(money('$10,000')).toMatchObject({ min: '10000 USD' });
    expect(money('12 CHF/month')).toMatchObject({ min: '12 CHF', per: 'month' });
  });

  it('€12 (~$13) carries the alternative price', () => {
    expect(money('€12 (~$13)')).toEqual({
      min: '12 EUR',
      max: '12 EUR',
      approx: false,
      alternative: { min: '13 USD', max: '13 USD', approx: true },
    });
    expect(value(parseMoney('€12 (~$13)')).alternative?.text).toBe('~$13');
  });

  it('an alternative without its own period inherits the main one: €12/month (~$13)', () => {
    expect(money('€12/month (~$13)')).toMatchObject({ per: 'month', alternative: { min: '13 USD', per: 'month' } });
  });

  it('ranges: $120-150, $120-150/month, $120–$150, $40-50, 120-150 USD', () => {
    expect(money('$120-150')).toEqual({ min: '120 USD', max: '150 USD', approx: false });
    expect(money('$120-150/month')).toEqual({ min: '120 USD', max: '150 USD', approx: false, per: 'month' });
    expect(money('$120–$150')).toEqual({ min: '120 USD', max: '150 USD', approx: false });
    expect(money('$40-50')).toMatchObject({ min: '40 USD', max: '50 USD' });
    expect(money('120-150 USD')).toMatchObject({ min: '120 USD', max: '150 USD' });
    expect(money('$300 to $350')).toMatchObject({ min: '300 USD', max: '350 USD' });
  });

  it('~$30/month is approximate', () => {
    expect(money('~$30/month')).toEqual({ min: '30 USD', max: '30 USD', approx: true, per: 'month' });
  });

  it('$0.005/GB/month is per 10^9 bytes per month; €3.81/1TB per 10^12 bytes', () => {
    expect(money('$0.005/GB/month')).toEqual({ min: '0.005 USD', max: '0.005 USD', approx: false, perBytes: 10n ** 9n, per: 'month' });
    expect(money('€3.81/1TB')).toEqual({ min: '3.81 EUR', max: '3.81 EUR', approx: false, perBytes: 10n ** 12n });
    expect(money('$0.02/GiB/month')).toMatchObject({ perBytes: 2n ** 30n, per: 'month' });
  });

  it('other things priced go to perUnit: $0.04/vCPU/hour', () => {
    expect(money('$0.04/vCPU/hour')).toMatchObject({ perUnit: 'vCPU', per: 'hour' });
    expect(money('$10 per month')).toMatchObject({ per: 'month' });
  });

  it('keeps the text as written', () => {
    expect(value(parseMoney('$48/month')).text).toBe('$48/month');
  });

  it('error: trailing notes are refused — $1/month (amortized) points at the parenthesis', () => {
    expect(errorOf(parseMoney('$1/month (amortized)'))).toMatchObject({
      offset: 9,
      length: 11,
      hint: 'only another price such as `(~$13)` may follow in parentheses; put notes elsewhere',
    });
    expect(errorOf(parseMoney('$60/month (2x $30)'))).toMatchObject({ offset: 10, length: 8 });
    expect(errorOf(parseMoney('$48 total'))).toMatchObject({ offset: 4, length: 5, hint: 'put the description elsewhere' });
  });

  it('error: no currency, mixed currencies, backwards ranges, unknown codes, period typos', () => {
    expect(errorOf(parseMoney('48'))).toMatchObject({ offset: 0, length: 2, message: 'the amount has no currency' });
    expect(errorOf(parseMoney('$12-€15')).message).toBe('the range mixes USD and EUR');
    expect(errorOf(parseMoney('$150-120')).message).toBe('the range runs backwards');
    expect(errorOf(parseMoney('10 USX'))).toMatchObject({ offset: 3, length: 3, hint: 'did you mean `USD`?' });
    expect(errorOf(parseMoney('$5/mnth'))).toMatchObject({ offset: 3, length: 4, hint: 'did you mean `month`?' });
    expect(errorOf(parseMoney('-$5')).offset).toBe(0);
  });
});

describe('formatMoney', () => {
  it('prints $48, €12.50, $0.005, 12 CHF, £1,5 → £1.50', () => {
    expect(formatMoney(usd('48'))).toBe('$48');
    expect(formatMoney({ amount: dec('12.5'), currency: 'EUR' })).toBe('€12.50');
    expect(formatMoney(usd('0.005'))).toBe('$0.005');
    expect(formatMoney({ amount: dec('12'), currency: 'CHF' })).toBe('12 CHF');
    expect(formatMoney({ amount: dec('1.500'), currency: 'GBP' })).toBe('£1.50');
    expect(formatMoney(usd('-5'))).toBe('-$5');
  });

  it('with fractionDigits, rounds half away from zero and pads: $0.005 → $0.01, $48 → $48.00', () => {
    expect(formatMoney(usd('0.005'), 2)).toBe('$0.01');
    expect(formatMoney(usd('48'), 2)).toBe('$48.00');
    expect(formatMoney(usd('1234.5678'), 0)).toBe('$1235');
  });
});

describe('money arithmetic', () => {
  it('0.1 + 0.2 = 0.3 exactly', () => {
    const sum = addMoney(usd('0.1'), usd('0.2'));
    expect(sum && compareDecimal(sum.amount, dec('0.3'))).toBe(0);
    expect(sum && formatMoney(sum)).toBe('$0.30');
  });

  it('adding different currencies gives undefined', () => {
    expect(addMoney(usd('1'), { amount: dec('1'), currency: 'EUR' })).toBeUndefined();
  });

  it('micro-units: $48 → 48000000, $0.005 → 5000, and back', () => {
    expect(moneyToMicros(usd('48'))).toBe(48_000_000n);
    expect(moneyToMicros(usd('0.005'))).toBe(5_000n);
    expect(moneyToMicros(usd('0.0000005'))).toBe(1n);
    expect(formatMoney(moneyFromMicros(5_000n, 'USD'))).toBe('$0.005');
  });

  it('parseMoneyMicros reads one plain amount and refuses ranges and periods', () => {
    expect(value(parseMoneyMicros('$120'))).toBe(120_000_000n);
    expect(value(parseMoneyMicros('€12.50'))).toBe(12_500_000n);
    expect(errorOf(parseMoneyMicros('$120-150')).message).toBe('expected a single amount');
    expect(errorOf(parseMoneyMicros('$48/month'))).toMatchObject({ offset: 3, length: 6 });
    expect(errorOf(parseMoneyMicros('€12', 'USD')).message).toBe('expected an amount in USD, not EUR');
  });

  const arbCents = fc.bigInt({ min: 0n, max: 10n ** 12n }).map((units): Money => ({ amount: { units, scale: 2 }, currency: 'USD' }));
  const arbMills = fc.bigInt({ min: 0n, max: 10n ** 12n }).map((units): Money => ({ amount: { units, scale: 3 }, currency: 'USD' }));

  it('property: money sums are exact and associative; micro sums equal sums of micros', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(arbCents, arbMills), { minLength: 1, maxLength: 20 }), (amounts) => {
        const add = (a: Money, b: Money): Money => {
          const sum = addMoney(a, b);
          if (!sum) throw new Error('currency mismatch');
          return sum;
        };
        const zero: Money = { amount: { units: 0n, scale: 0 }, currency: 'USD' };
        const left = amounts.reduce(add, zero);
        const right = amounts.reduceRight(add, zero);
        expect(compareDecimal(left.amount, right.amount)).toBe(0);
        expect(moneyToMicros(left)).toBe(amounts.reduce((s, m) => s + moneyToMicros(m), 0n));
      }),
    );
  });

  it('property: formatMoney output parses back to the same amount', () => {
    fc.assert(
      fc.property(fc.oneof(arbCents, arbMills), fc.constantFrom('USD', 'EUR', 'GBP', 'CHF'), (m, currency) => {
        const parsed = value(parseMoney(formatMoney({ ...m, currency })));
        expect(compareDecimal(parsed.min.amount, m.amount)).toBe(0);
        expect(parsed.min.currency).toBe(currency);
      }),
    );
  });
});
