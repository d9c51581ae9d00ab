#!/usr/bin/env node
'use strict';
// process.exit() drops output a pipe has not taken yet (`codegen inspect | jq` got 64 KiB of the IR).
// An empty write calls back once everything written before it is flushed.
const exit = (code) => process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
// The CLI is compiled to dist/ by `npm install` (the prepare script runs `npm run build`).
require('../dist/generator/cli.js')
  .main(process.argv.slice(2))
  .then(exit, (e) => {
    process.stderr.write(`codegen: internal error: ${(e && e.stack) || e}\nThis is a bug; please report it with the input files.\n`);
    exit(3);
  });
