// Rewrites the golden files (test/golden/<example>/<target>/) from what the emitters generate today:
// `npm run golden:update [-- TARGET…]`. Review the diff like code; CI never rewrites them.
import { join, resolve } from 'node:path';
import { loadSpec } from '../dist/spec/files.js';
import { generate } from '../dist/emit/generate.js';
import { EMITTERS } from '../dist/emit/registry.js';
import { writeGenerated } from '../dist/emit/write.js';

export const GOLDEN_EXAMPLES = ['beta9', 'senex-trader', 'bettafish', 'battlescope', 'unkey-deploy', 'clean'];
const root = resolve(import.meta.dirname, '..');
const wanted = process.argv.slice(2);
const unknown = wanted.filter((t) => !EMITTERS.some((e) => e.id === t));
if (unknown.length) {
  console.error(`unknown target ${unknown.join(', ')}; targets: ${EMITTERS.map((e) => e.id).join(', ')}`);
  process.exit(2);
}
let count = 0;
for (const example of GOLDEN_EXAMPLES) {
  const loaded = loadSpec(join(root, 'examples', example), root);
  if (!loaded.model) throw new Error(`examples/${example} does not compile`);
  for (const emitter of EMITTERS) {
    if (wanted.length && !wanted.includes(emitter.id)) continue;
    const { files } = generate(loaded.model, { targets: [emitter] });
    writeGenerated(join(root, 'test', 'golden', example, emitter.id), files);
    count += files.length;
  }
}
console.log(`wrote ${count} golden files under test/golden/`);
