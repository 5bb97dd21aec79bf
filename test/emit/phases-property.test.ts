import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { containerPhases, NoteSink } from '../../src/emit/containers/index.js';
import { hostGroups } from '../../src/emit/containers/hosts.js';
import { DiagramMemo, phaseDiagram } from '../../src/emit/docs/topology.js';
import { generate } from '../../src/emit/generate.js';
import { emitterById } from '../../src/emit/registry.js';
import type { EmitContext, Emitter, GeneratedFile } from '../../src/emit/types.js';
import { compileText } from '../../src/lint/tester.js';
import type { Model } from '../../src/spec/model.js';

/**
 * A phase after the first is worked out from the phase before it (containers/build.ts `workPhase`,
 * containers/hosts.ts `groupByHost`): only what can differ is built again. Whatever the overrides,
 * every phase must come out exactly as that phase generated alone. Random systems of a few
 * components (placed on two roles or anywhere, with internal or public ports, health checks and flows to each other,
 * rootless roles and tiered subnets or not) and phases that disable components, move them, give
 * them a health check or other flows. The document's topology diagrams are drawn the same way
 * (docs/topology.ts `DiagramMemo`) and are held to the same.
 */

const ROLES = ['app', 'data'] as const;

interface ComponentDraft {
  kind: 'service' | 'worker' | 'datastore';
  role: (typeof ROLES)[number] | null;
  port: 'none' | 'internal' | 'public';
  health: boolean;
  flows: number[];
}

type Override = { kind: 'off' } | { kind: 'move'; role: (typeof ROLES)[number] | null } | { kind: 'health' } | { kind: 'flows'; to: number[] };

const N = 5;
const others = (i: number) => fc.uniqueArray(fc.integer({ min: 0, max: N - 1 }).filter((j) => j !== i), { maxLength: 3 });
const role = fc.constantFrom<(typeof ROLES)[number] | null>('app', 'data', null);
const componentDraft = (i: number): fc.Arbitrary<ComponentDraft> =>
  fc.record({ kind: fc.constantFrom('service', 'worker', 'datastore'), role, port: fc.constantFrom('none', 'internal', 'public'), health: fc.boolean(), flows: others(i) });
const override = (i: number): fc.Arbitrary<Override> =>
  fc.oneof(
    fc.constant<Override>({ kind: 'off' }),
    role.map((r): Override => ({ kind: 'move', role: r })),
    fc.constant<Override>({ kind: 'health' }),
    others(i).map((to): Override => ({ kind: 'flows', to })),
  );
const phaseDraft = fc.array(fc.tuple(fc.integer({ min: 0, max: N - 1 }), fc.integer({ min: 0, max: N - 1 })), { maxLength: 2 }).chain((picks) =>
  fc.tuple(...picks.map(([i]) => override(i))).map((overrides) => picks.map(([i], k) => ({ component: i, override: overrides[k] as Override }))),
);
const system = fc.record({
  components: fc.tuple(...Array.from({ length: N }, (_, i) => componentDraft(i))),
  rootless: fc.constantFrom<ReadonlyArray<(typeof ROLES)[number]>>([], ['app'], ['app', 'data']),
  tiers: fc.boolean(),
  phases: fc.array(phaseDraft, { minLength: 2, maxLength: 4 }),
});

const name = (i: number) => `c${i}`;
const portOf = (i: number) => 8000 + i;

function flowsTo(to: readonly number[]) {
  return to.map((j) => ({ to: name(j), port: portOf(j) }));
}

/** The spec text. */
function spec(draft: {
  components: ComponentDraft[];
  rootless: ReadonlyArray<(typeof ROLES)[number]>;
  tiers: boolean;
  phases: Array<Array<{ component: number; override: Override }>>;
}): string {
  const roles = Object.fromEntries(
    ROLES.map((r) => [r, { minimum: { cpu: 2, memory: '4GiB' }, ...(draft.rootless.includes(r) ? { container: { engine: 'podman', rootless: true } } : {}) }]),
  );
  const components = Object.fromEntries(
    draft.components.map((c, i) => [
      name(i),
      {
        kind: c.kind,
        image: `ghcr.io/acme/${name(i)}:1.0`,
        ...(c.role ? { placement: { role: c.role } } : {}),
        ...(c.port === 'none' ? {} : { ports: [{ port: portOf(i), ...(c.port === 'public' ? { exposure: 'public' } : {}) }] }),
        ...(c.port !== 'none' && c.health ? { health: { path: '/healthz', port: portOf(i) } } : {}),
        ...(c.flows.length ? { flows: flowsTo(c.flows) } : {}),
      },
    ]),
  );
  const phases = Object.fromEntries(
    draft.phases.map((overrides, p) => {
      const changed: Record<string, unknown> = {};
      for (const { component, override: o } of overrides) {
        const c = draft.components[component] as ComponentDraft;
        changed[name(component)] =
          o.kind === 'off'
            ? null
            : o.kind === 'move'
              ? { placement: o.role ? { role: o.role } : { role: ROLES.find((r) => r !== c.role) ?? 'app' } }
              : o.kind === 'health'
                ? { ports: [{ port: portOf(component) }], health: { path: '/ready', port: portOf(component) } }
                : { flows: flowsTo(o.to) };
      }
      return [`p${p}`, Object.keys(changed).length ? { components: changed } : {}];
    }),
  );
  const network = draft.tiers ? { network: { subnets: { front: { hosts: ['app'], tier: 'app' }, back: { hosts: ['data'], tier: 'data' } } } } : {};
  // Each section a line of its own, its value in JSON (YAML's flow style), after the header the tester adds.
  return Object.entries({ roles, ...network, components, phases })
    .map(([key, value]) => `${key}: ${JSON.stringify(value)}\n`)
    .join('');
}

function model(text: string): Model {
  const compiled = compileText(text);
  if (!compiled.model) throw new Error(`${compiled.diagnostics.map((d) => d.message).join('\n')}\n${text}`);
  return compiled.model;
}

function emitter(id: string): Emitter {
  const found = emitterById(id);
  if (!found) throw new Error(`no emitter ${id}`);
  return found;
}

const underPhase = (files: readonly GeneratedFile[], folder: string) => files.filter((f) => f.path.startsWith(`${folder}/`));
const TARGETS = ['compose', 'quadlet', 'systemd', 'kubernetes'].map(emitter);

describe('phases worked out from the phase before', () => {
  it('come out as each phase alone: containers, host groups, notes, files and topology diagrams', () => {
    fc.assert(
      fc.property(system, (draft) => {
        const m = model(spec({ ...draft, components: [...draft.components] }));
        const context = (phases: EmitContext['phases']): EmitContext => ({ model: m, phases, plan: () => { throw new Error('no plan'); }, source: m.system.name });
        const built = containerPhases(context(m.phases), { notes: new NoteSink() });
        for (const [i, phase] of m.phases.entries()) {
          const whole = built[i];
          const [alone] = containerPhases(context([phase]), { notes: new NoteSink() });
          if (!whole || !alone) throw new Error(`no containers for ${phase.name}`);
          expect(whole.containers, phase.name).toEqual(alone.containers);
          expect(whole.networks, phase.name).toEqual(alone.networks);
          expect(whole.segmented, phase.name).toBe(alone.segmented);
          const wholeNotes = new NoteSink();
          const aloneNotes = new NoteSink();
          expect(hostGroups(whole, wholeNotes), phase.name).toEqual(hostGroups(alone, aloneNotes));
          expect(wholeNotes.notes, phase.name).toEqual(aloneNotes.notes);
        }
        // The document's topology diagrams, each drawn from what the phase before read (docs/topology.ts).
        const memo = new DiagramMemo();
        for (const phase of m.phases) expect(phaseDiagram(m, phase, memo), `diagram ${phase.name}`).toEqual(phaseDiagram(m, phase));
        for (const target of TARGETS) {
          const files = generate(m, { targets: [target] }).files;
          for (const phase of m.phases) {
            expect(underPhase(files, phase.name), `${target.id} ${phase.name}`).toEqual(generate(m, { targets: [target], phase: phase.name }).files);
          }
        }
      }),
      { numRuns: 60, seed: 20261124 },
    );
  });
});
