import { z } from 'zod';

/**
 * The shape of a catalog file (`catalogs/<provider>.yaml`) and of the rate table
 * (`catalogs/rates.yaml`). Sizes and prices are written as documents write them
 * (`16 GB`, `8 GiB`, `$0.0832/hour`, `€3.81/month`) and parsed by the unit parsers
 * after the shape is checked, so that a typo in a figure points at the figure.
 */

const Text = z.string().min(1);
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).meta({ description: 'A date, `YYYY-MM-DD`.' });
const CurrencyCode = z.string().regex(/^[A-Z]{3}$/).meta({ description: 'ISO 4217 code, e.g. `EUR`.' });

export const OFFER_KINDS = ['vm', 'bare-metal', 'database', 'cache', 'object-storage', 'block-storage', 'storage-box', 'other'] as const;

const Transfer = z
  .object({
    included: Text.meta({ description: 'Transfer included per month, e.g. `20TB`.' }).optional(),
    overage: Text.meta({ description: 'Price beyond it, e.g. `€1.00/TB` or `$0.01/GB`.' }).optional(),
  })
  .strict();

export const CatalogOfferEntry = z
  .object({
    name: Text,
    aliases: z.array(Text).optional(),
    kind: z.enum(OFFER_KINDS),
    cpu: z.number().positive().meta({ description: 'vCPUs.' }).optional(),
    memory: Text.meta({ description: 'As the provider states it: `16 GB`, `8 GiB`, `13.07 GiB`.' }).optional(),
    disk: Text.optional(),
    gpu: z.object({ count: z.int().min(1), model: Text.optional(), memory: Text.optional() }).strict().optional(),
    price: Text.meta({ description: '`€3.79/month`, `$0.0832/hour`, `$0.023/GB/month`, `$0.10/IOPS/month`.' }),
    region: Text.optional(),
    transfer: z.union([Transfer, z.null()]).optional(),
    date: Day.optional(),
    source: Text.optional(),
    approximate: z.boolean().optional(),
    cpuBaseline: z.number().min(0).max(100).meta({ description: 'Burstable offers (AWS t3): the percent of each vCPU the machine may use all the time; above it, CPU credits run out.' }).optional(),
    notes: Text.optional(),
  })
  .strict();

export const CatalogDiscountEntry = z
  .object({
    kind: z.enum(['reserved', 'spot']),
    term: Text.meta({ description: '`1 year`, `3 years` (reserved only).' }).optional(),
    payment: z.enum(['no-upfront', 'partial-upfront', 'all-upfront']).optional(),
    discount: Text.meta({ description: 'Off the on-demand price, e.g. `33%`.' }),
    notes: Text.optional(),
  })
  .strict();

export const CatalogFileSchema = z
  .object({
    provider: z.string().regex(/^[a-z0-9-]+$/).meta({ description: 'Lower-case provider id: `hetzner`, `aws`.' }),
    title: Text.optional(),
    date: Day,
    source: Text,
    currency: CurrencyCode,
    vat: z.enum(['excluded', 'included']),
    region: Text,
    transfer: Transfer.optional(),
    offers: z.array(CatalogOfferEntry).min(1),
    discounts: z.array(CatalogDiscountEntry).optional(),
  })
  .strict();

export const RatesFileSchema = z
  .object({
    date: Day,
    source: Text,
    rates: z
      .array(
        z
          .object({
            from: CurrencyCode,
            to: CurrencyCode,
            rate: z.string().regex(/^\d+(\.\d+)?$/).meta({ description: 'A quoted exact decimal, `"1.0389"`.' }),
            date: Day.optional(),
            source: Text.optional(),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();

export type CatalogFileInput = z.infer<typeof CatalogFileSchema>;
export type RatesFileInput = z.infer<typeof RatesFileSchema>;
