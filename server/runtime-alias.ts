// Compiled with server/tsconfig.json, the generated package's `require('@wsdl-codegen/runtime')`
// must load the runtime compiled beside it (dist-server/runtime/src), not the workspace package's
// own dist/, which may be missing or older than its sources. Under ts-jest and tsc the path
// mapping in tsconfig.json does this job and the compiled runtime is absent, so nothing is patched.

import * as fs from 'node:fs';
import Module from 'node:module';
import * as path from 'node:path';

const RUNTIME = '@wsdl-codegen/runtime';
const compiled = path.join(__dirname, '..', 'runtime', 'src', 'index.js');

type Resolve = (this: unknown, request: string, ...rest: unknown[]) => string;
const loader = Module as unknown as { _resolveFilename: Resolve };

if (fs.existsSync(compiled)) {
  const original = loader._resolveFilename;
  loader._resolveFilename = function (this: unknown, request: string, ...rest: unknown[]): string {
    return original.call(this, request === RUNTIME ? compiled : request, ...rest);
  };
}
