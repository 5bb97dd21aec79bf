import type { RoleModel } from '../../spec/model.js';
import { parseVersionRange } from '../../units/version.js';
import { memoryBytes } from '../../units/quantity.js';
import { errorOutcome, isObject, judgeVersion, levelInput, outcome, showBytes, spanOf, verdict, versionAfterText, type LevelName, type WrittenRange } from '../judge.js';
import type { CheckModule, Outcome, PlannedCheck, RunContext } from '../types.js';
import type { Model } from '../../spec/model.js';
import type { SourceSpan } from '../../spec/source.js';

export interface GpuInfo {
  name: string;
  memoryBytes: bigint;
  driver: string;
}

/** `--format=csv,noheader,nounits`: one line per GPU, memory in MiB. */
export function parseGpuCsv(text: string): GpuInfo[] {
  return text
    .split('\n')
    .map((line) => line.split(',').map((f) => f.trim()))
    .filter((f) => f.length >= 3 && f[0] !== '' && /^\d+$/.test(f[1] ?? ''))
    .map(([name, mib, driver]) => ({ name: name ?? '', memoryBytes: BigInt(mib ?? '0') * 1024n * 1024n, driver: driver ?? '' }));
}

type Query = { ok: true; gpus: GpuInfo[] } | { ok: false; missing: boolean; message: string };

function queryGpus(ctx: RunContext): Promise<Query> {
  return ctx.memo('nvidia-smi:query-gpu', async () => {
    const result = await ctx.exec('nvidia-smi', ['--query-gpu=name,memory.total,driver_version', '--format=csv,noheader,nounits']);
    if (result.error === 'not-found') return { ok: false as const, missing: true, message: 'nvidia-smi is not installed: no NVIDIA driver' };
    if (result.error === 'timeout') return { ok: false as const, missing: false, message: `nvidia-smi did not answer within ${ctx.timeoutMs} ms` };
    if (result.code !== 0) return { ok: false as const, missing: false, message: `nvidia-smi failed (exit ${result.code}): ${(result.stdout + result.stderr).trim().split('\n')[0] ?? ''}` };
    return { ok: true as const, gpus: parseGpuCsv(result.stdout) };
  });
}

interface GpuLevel {
  count: number | null;
  model: string | null;
  memory: { bytes: bigint; text: string } | null;
  driver: WrittenRange | null;
  vendor: string | null;
  at: SourceSpan;
}

function gpuLevel(model: Model, role: RoleModel, level: LevelName): GpuLevel | null {
  const gpu = levelInput(role, level)?.gpu;
  if (!isObject(gpu)) return null;
  const at = spanOf(model, gpu, undefined, role.at);
  const memoryText = gpu['memory'] === undefined ? null : String(gpu['memory']);
  const memory = memoryText === null ? null : memoryBytes(memoryText);
  return {
    count: typeof gpu['count'] === 'number' ? gpu['count'] : null,
    model: typeof gpu['model'] === 'string' ? gpu['model'] : null,
    memory: memory?.ok && memoryText !== null ? { bytes: memory.value, text: memoryText } : null,
    driver: gpu['driver'] === undefined ? null : (() => { const r = parseVersionRange(String(gpu['driver'])); return r.ok ? { text: String(gpu['driver']), range: r.value, at: spanOf(model, gpu, 'driver', at) } : null; })(),
    vendor: typeof gpu['vendor'] === 'string' ? gpu['vendor'] : null,
    at,
  };
}

/**
 * GPUs via `nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv`: the count,
 * the model, the memory of the smallest GPU and the driver version, each against `gpu`.
 */
export const gpuCheck: CheckModule = {
  id: 'gpu',
  description: 'GPU count, model, memory (smallest GPU) and driver version via nvidia-smi\'s CSV query, against `gpu`.',
  scope: 'role',
  plan({ model, role }) {
    if (role === null) return [];
    const levels = { minimum: gpuLevel(model, role, 'minimum'), recommended: gpuLevel(model, role, 'recommended') };
    const any = levels.minimum ?? levels.recommended;
    if (any === null || ((levels.minimum?.count ?? 0) === 0 && (levels.recommended?.count ?? 0) === 0)) return [];
    const vendor = levels.minimum?.vendor ?? levels.recommended?.vendor ?? 'nvidia';
    const at = any.at;
    const checks: PlannedCheck[] = [];
    const add = (check: string, minimum: string | null, recommended: string | null, judge: (gpus: GpuInfo[]) => Outcome) =>
      checks.push({
        check,
        role: role.name,
        component: null,
        minimum,
        recommended,
        at,
        async run(ctx) {
          if (vendor !== 'nvidia') return outcome('skip', null, `the role asks for ${vendor} GPUs; preflight measures NVIDIA GPUs only (nvidia-smi)`);
          const query = await queryGpus(ctx);
          if (!query.ok && !query.missing) return errorOutcome(query.message);
          return judge(query.ok ? query.gpus : []);
        },
      });
    const count = (l: GpuLevel | null) => (l?.count ? l.count : null);
    add('gpu.count', count(levels.minimum)?.toString() ?? null, count(levels.recommended)?.toString() ?? null, (gpus) => {
      const min = count(levels.minimum);
      const rec = count(levels.recommended);
      const status = verdict(min === null ? null : gpus.length >= min, rec === null ? null : gpus.length >= rec);
      const names = [...new Set(gpus.map((g) => g.name))].join(', ');
      return outcome(status, String(gpus.length), gpus.length === 0 ? 'no NVIDIA GPU found (nvidia-smi missing or lists none)' : `${gpus.length} GPU${gpus.length === 1 ? '' : 's'}: ${names}`);
    });
    const modelName = (l: GpuLevel | null) => l?.model ?? null;
    if (modelName(levels.minimum) || modelName(levels.recommended)) {
      add('gpu.model', modelName(levels.minimum), modelName(levels.recommended), (gpus) => {
        const has = (want: string | null) => (want === null ? null : gpus.length > 0 && gpus.every((g) => g.name.toLowerCase().includes(want.toLowerCase())));
        const status = verdict(has(modelName(levels.minimum)), has(modelName(levels.recommended)));
        const names = [...new Set(gpus.map((g) => g.name))].join(', ') || 'none';
        return outcome(status, names, status === 'pass' ? `every GPU is ${modelName(levels.recommended) ?? modelName(levels.minimum)}` : `GPUs found: ${names}`);
      });
    }
    if (levels.minimum?.memory || levels.recommended?.memory) {
      const text = levels.recommended?.memory?.text ?? levels.minimum?.memory?.text;
      add('gpu.memory', levels.minimum?.memory ? showBytes(levels.minimum.memory.bytes, levels.minimum.memory.text) : null, levels.recommended?.memory ? showBytes(levels.recommended.memory.bytes, levels.recommended.memory.text) : null, (gpus) => {
        if (gpus.length === 0) return outcome(levels.minimum?.memory ? 'fail' : 'warn', null, 'no NVIDIA GPU found');
        const smallest = gpus.reduce((m, g) => (g.memoryBytes < m ? g.memoryBytes : m), gpus[0]?.memoryBytes ?? 0n);
        const status = verdict(levels.minimum?.memory ? smallest >= levels.minimum.memory.bytes : null, levels.recommended?.memory ? smallest >= levels.recommended.memory.bytes : null);
        return outcome(status, showBytes(smallest, text), `the smallest GPU has ${showBytes(smallest, text)} (${smallest / 1048576n} MiB)`);
      });
    }
    if (levels.minimum?.driver || levels.recommended?.driver) {
      add('gpu.driver', levels.minimum?.driver?.range.describe ?? null, levels.recommended?.driver?.range.describe ?? null, (gpus) => {
        const version = versionAfterText(gpus[0]?.driver ?? '');
        if (version === null) return outcome(levels.minimum?.driver ? 'fail' : 'warn', null, gpus.length === 0 ? 'no NVIDIA driver found' : `cannot read the driver version \`${gpus[0]?.driver ?? ''}\``);
        return judgeVersion('NVIDIA driver', version, levels.minimum?.driver ?? null, levels.recommended?.driver ?? null);
      });
    }
    return checks;
  },
};

