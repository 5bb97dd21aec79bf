import type { StoragePlan } from '../../plan/plan.js';
import type { ComponentModel, Model } from '../../spec/model.js';
import type { DocContext } from './context.js';
import { running } from './context.js';
import { bytes, systemOf, written } from './figures.js';
import { BR, code, compactTable, section, text, type Section } from './markdown.js';
import { mergeComponentRows, mergeRows, withPhaseColumn } from './variants.js';

type BucketInput = NonNullable<Model['input']['buckets']>[string];

/** Storage: volumes with growth projected over the plan's horizon, buckets, storage tiers. */
export function storageSection(ctx: DocContext): Section {
  return section('Storage', [], [volumesSection(ctx), bucketsSection(ctx), tiersSection(ctx)]);
}

function volumesSection(ctx: DocContext): Section {
  // The plan's projection of each volume, per phase (in the order of the phase's running components).
  const projections = new Map<string, Map<ComponentModel, StoragePlan[]>>();
  for (const phase of ctx.phases) {
    const storage = ctx.plans.get(phase.name)?.storage ?? [];
    const byComponent = new Map<ComponentModel, StoragePlan[]>();
    let i = 0;
    for (const c of running(phase)) {
      if (c.volumes.length === 0) continue;
      byComponent.set(c, storage.slice(i, i + c.volumes.length));
      i += c.volumes.length;
    }
    projections.set(phase.name, byComponent);
  }
  // A volume with one copy per replica is projected per phase (its replicas may differ); the others alike in every phase.
  const variants = mergeComponentRows(
    ctx.components,
    (c) => c.kind !== 'external' && c.volumes.length > 0,
    (c, phase) => volumeRows(ctx, c, projections.get(phase.name)?.get(c) ?? []),
    (c) => c.volumes.some((v) => v.perReplica),
  );
  const merged = withPhaseColumn(['Component', 'Volume', 'Size', 'Used', 'Growth', 'Retention', 'Copies', `Used at ${ctx.months} months`, 'Full in', 'Access', 'Mount', 'Purpose'], variants, ctx.phases);
  const t = compactTable(merged.header, merged.rows, 3);
  const projected = variants.some((v) => v.value[7] !== '');
  return section('Volumes', [
    t,
    t === null || !projected
      ? null
      : `Used space is projected ${ctx.months} months ahead from \`used\` and \`growth\`; a volume that keeps data for a retention window levels off at one window of growth. “Full in” counts whole months until the used space exceeds the size; ✗ marks a volume full within ${ctx.months} months.`,
  ]);
}

function volumeRows(ctx: DocContext, c: ComponentModel, storage: readonly StoragePlan[]): string[][] {
  return c.volumes.map((v, i) => {
    const s: StoragePlan | undefined = storage[i];
    const input = (c.input.volumes ?? []).find((x) => x.name === v.name);
    const sizeText = written(ctx.model, input, 'size');
    const usedText = written(ctx.model, input, 'used');
    const growthText = written(ctx.model, input, 'growth');
    const system = systemOf([usedText, growthText, sizeText]);
    const projected = s && s.projectedBytes !== null ? `${bytes(s.projectedBytes, system)}${s.plateauBytes !== null && s.projectedBytes === s.plateauBytes ? ' (levels off)' : ''}` : '';
    const full = s?.monthsUntilFull != null ? `${s.monthsUntilFull <= ctx.months ? '✗ ' : ''}${s.monthsUntilFull} months` : s?.plateauBytes != null ? 'never' : '';
    const access = [input?.accessMode ?? '', input?.class ? `class ${code(input.class)}` : '', input?.media ? text(input.media) : ''].filter((x) => x !== '').join(', ');
    const mount = [input?.mount ? code(input.mount) : '', input?.disk ? `on disk ${code(input.disk)}` : ''].filter((x) => x !== '').join(BR);
    return [
      code(c.name),
      code(v.name),
      text(sizeText ?? ''),
      text(usedText ?? ''),
      text(growthText ?? ''),
      text(written(ctx.model, input, 'retention') ?? ''),
      v.perReplica ? `${s?.copies ?? ''} (one per replica)` : '',
      projected,
      full,
      access,
      mount,
      input?.purpose ? text(input.purpose) : '',
    ];
  });
}

/** A bucket as a phase sees it: the base with the phase's overrides. */
function phaseBucket(base: BucketInput, override: Partial<BucketInput> | undefined): BucketInput {
  return override ? { ...base, ...override } : base;
}

function lifecycleText(ctx: DocContext, bucket: BucketInput): string {
  return (bucket.lifecycle ?? [])
    .map((rule) => {
      const steps = [
        rule.transition ? `to ${code(rule.transition.class)} after ${text(written(ctx.model, rule.transition, 'after') ?? '')}` : '',
        rule.expire ? `expire after ${text(written(ctx.model, rule.expire, 'after') ?? '')}` : '',
      ].filter((x) => x !== '');
      return `${code(rule.id)}: ${steps.join(', ')}${rule.enabled === false ? ' (disabled)' : ''}`;
    })
    .join(BR);
}

function bucketsSection(ctx: DocContext): Section {
  const buckets = Object.entries(ctx.model.input.buckets ?? {});
  const variants = mergeRows(ctx.phases, (phase) =>
    buckets.map(([name, base]) => {
      const b = phaseBucket(base, phase.input?.buckets?.[name]);
      return [
        code(name),
        b.name ? code(b.name) : '',
        b.provider ? text(b.provider) : '',
        b.class ? code(b.class) : '',
        b.versioning === undefined ? '' : b.versioning ? 'on' : 'off',
        b.encryption ? `${b.encryption.type}${b.encryption.keyId ? ` (${code(b.encryption.keyId)})` : ''}` : '',
        lifecycleText(ctx, b),
        text(written(ctx.model, b, 'size') ?? ''),
        text(written(ctx.model, b, 'growth') ?? ''),
        text(written(ctx.model, b, 'price') ?? ''),
        b.accessControl ? text(b.accessControl) : '',
        b.purpose ? text(b.purpose) : '',
      ];
    }),
  );
  const merged = withPhaseColumn(['Bucket', 'Name', 'Provider', 'Class', 'Versioning', 'Encryption', 'Lifecycle', 'Size', 'Growth', 'Price', 'Access control', 'Purpose'], variants, ctx.phases);
  return section('Buckets', [compactTable(merged.header, merged.rows)]);
}

function tiersSection(ctx: DocContext): Section {
  const storage = ctx.model.input.storage;
  if (!storage) return section('Storage tiers');
  const tiers = Object.entries(storage.tiers ?? {}).map(([name, t]) => [code(name), t.media, (t.holds ?? []).map(text).join(', ')]);
  const transitions = (storage.transitions ?? []).map((t) => [code(t.from), code(t.to), text(written(ctx.model, t, 'after') ?? '')]);
  return section('Storage tiers', [compactTable(['Tier', 'Media', 'Holds'], tiers), compactTable(['From', 'To', 'After'], transitions)]);
}
