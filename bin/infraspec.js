#!/usr/bin/env node
import module from 'node:module';

// Node 22.1+ keeps V8's compiled code for our modules between runs (in the OS temporary folder,
// or where NODE_COMPILE_CACHE says; NODE_DISABLE_COMPILE_CACHE=1 turns it off). For a short
// command such as `preflight` it is about a quarter of the whole run. Older Nodes lack it.
module.enableCompileCache?.();

// The bundle (scripts/bundle.mjs) loads in a few files rather than ~190 modules; dynamic, so
// that the cache is on before any of it is read.
const { main } = await import('../dist/bundle/main.js');

// `infraspec schema | head`: the reader went away; that is not an error worth a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
});
