import fc from 'fast-check';
import * as path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { generate } from '../generator';
import type { OperationDef } from '../generator/ir';
import { buildArbitraries } from './support/arbitraries';

const DIR = path.resolve(__dirname, '..', '.tmp-corpus');
it('mix', async () => {
  const name = process.env['CORPUS'] ?? 'mix';
  const result = await generate({ cwd: DIR, wsdl: `${name}.wsdl`, verify: false, mode: 'none' });
  const ir = result.ir!;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const pkg = require(path.join(DIR, `pkg-${name}`, 'src'));
  const arbs = buildArbitraries(ir, { anyAttributes: 'any', anyMixedContent: true, qnameNamespaces: (pkg.xml.NAMESPACES as Array<[string, string]>).map(([, u]) => u) });
  const seen = new Set<string>();
  for (const op of ir.bindings[0]!.operations as OperationDef[]) {
    const codec = pkg.operations[op.name];
    for (const body of fc.sample(arbs.requestBody(op), { numRuns: 300, seed: 7 })) {
      let xml = '';
      try {
        xml = codec.serializeRequest(body, {});
        const back = codec.parseRequest(xml);
        for (const k of Object.keys(body as object)) {
          const a = (body as Record<string, unknown>)[k], b = (back.body as Record<string, unknown>)[k];
          if (!isDeepStrictEqual(a, b) && !seen.has(k)) { seen.add(k); console.log('DIFF', k, JSON.stringify(a, (_k, v) => typeof v === 'bigint' ? `${v}n` : v), '=>', JSON.stringify(b, (_k, v) => typeof v === 'bigint' ? `${v}n` : v), JSON.stringify(back.warnings).slice(0, 300)); }
        }
        if (back.warnings.length && !seen.has('w')) { seen.add('w'); console.log('WARN', JSON.stringify(back.warnings).slice(0, 500), xml.slice(0, 800)); }
      } catch (e) {
        if (!seen.has('err' + String(e).slice(0, 40))) { seen.add('err' + String(e).slice(0, 40)); console.log('ERR', String(e).slice(0, 300), xml.slice(0, 500)); }
      }
    }
  }
});
