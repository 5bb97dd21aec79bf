/**
 * Bundle the command line into dist/bundle/ (run after `tsc`, by `npm run build`).
 *
 * Why: a short command such as `preflight` spent about 0.2 s of its 0.5 s loading ~190 ES
 * modules one by one (resolving, reading and linking each; 64 of them are zod's locales). One
 * bundle split per command loads in a few files. Each command stays its own chunk, so
 * `validate` does not load the emitters. The library (dist/index.js) is not bundled: its users
 * import what they need from tsc's output.
 *
 * The bundle sits one folder below dist/, like dist/cli/ and dist/place/, so the paths modules
 * find relative to themselves (../../package.json, ../../catalogs/, ../place/solver-worker.js)
 * hold in both layouts.
 */
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'dist', 'bundle');
rmSync(outdir, { recursive: true, force: true });

await build({
  absWorkingDir: root,
  entryPoints: { main: 'dist/cli/main.js' },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Loaded only when a probe or the placement solver needs them, and large: they stay packages.
  external: ['pg', 'ioredis', 'highs'],
  sourcemap: 'linked',
  legalComments: 'none',
  plugins: [zodEnglishOnly()],
  logLevel: 'warning',
});

/**
 * zod's index re-exports all of its ~60 message locales (366 kB, half of zod in the bundle) as
 * `z.locales`, and the namespace keeps a bundler from dropping them. infraspec writes its own
 * messages from zod's issue codes and never switches locale, so the bundle carries English alone:
 * the locale zod installs by default (classic/schemas.js imports en.js directly).
 */
function zodEnglishOnly() {
  return {
    name: 'zod-english-only',
    setup(context) {
      context.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
        /[\\/]zod[\\/]v4[\\/](core|classic)[\\/]$/.test(args.resolveDir + '/') ? { path: join(args.resolveDir, '..', 'locales', 'index.js'), namespace: 'zod-english-only' } : undefined,
      );
      context.onLoad({ filter: /.*/, namespace: 'zod-english-only' }, (args) => ({
        contents: `export { default as en } from ${JSON.stringify(join(dirname(args.path), 'en.js'))};\n`,
        resolveDir: dirname(args.path),
      }));
    },
  };
}
