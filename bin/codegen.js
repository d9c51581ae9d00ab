#!/usr/bin/env node
'use strict';
// The CLI is compiled to dist/ by `npm install` (the prepare script runs `npm run build`).
require('../dist/generator/cli.js')
  .main(process.argv.slice(2))
  .then(
    (code) => process.exit(code),
    (e) => {
      process.stderr.write(`codegen: internal error: ${(e && e.stack) || e}\nThis is a bug; please report it with the input files.\n`);
      process.exit(3);
    },
  );
