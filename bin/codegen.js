#!/usr/bin/env node
'use strict';
// A run lasts well under a second before the type check. In that time V8's optimizing compiler
// (TurboFan) spends longer compiling the XML reader's hot loops on a second thread than they then
// save, and on a 2-core machine it takes that time from the garbage collector and the type check's
// worker: 8% of a cold --no-verify run, measured. The type check runs long enough to profit, and
// its thread turns it back on (verify/thread.ts) once the other stages are done: V8's flags are the
// process's, not a thread's. The code cache is recorded under this flag, and V8 uses a cache only
// under the flags it was made with. Flags are advisory: an engine without them runs as before.
try {
  require('node:v8').setFlagsFromString('--no-opt');
} catch {
  // nothing lost but the time
}
let unwritten;
process.stdout.on('error', (e) => (unwritten ??= e));
// process.exit() drops output a pipe has not taken yet (`codegen inspect | jq` got 64 KiB of the IR).
// An empty write calls back once everything written before it is flushed, or failed.
const exit = (code) =>
  process.stdout.write('', (e) => {
    const error = unwritten ?? e;
    // EPIPE: the reader stopped early (`| head`), which is its choice. Anything else (a full disk)
    // means the output is incomplete, and a script must not take it for a success.
    if (error && error.code !== 'EPIPE') {
      process.stderr.write(`codegen: could not write to standard output (${error.message}); the output is incomplete.\n`);
      code = 3;
    }
    process.stderr.write('', () => process.exit(code));
  });
// The CLI is compiled to dist/ by `npm install` (the prepare script runs `npm run build`), which
// also records the bytecode of everything the CLI loads (dist/generator/code-cache.ts).
const codeCache = require('../dist/generator/code-cache.js');
const mode = codeCache.requestedCodeCacheMode();
codeCache.useCodeCache(mode);
if (mode === 'record') process.on('exit', codeCache.saveCodeCache);
require('../dist/generator/cli.js')
  .main(process.argv.slice(2))
  .then(exit, (e) => {
    process.stderr.write(`codegen: internal error: ${(e && e.stack) || e}\nThis is a bug; please report it with the input files.\n`);
    exit(3);
  });
