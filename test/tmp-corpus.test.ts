import fc from 'fast-check';
import * as path from 'node:path';
import { generate } from '../generator';
import type { IR, OperationDef } from '../generator/ir';
import { buildArbitraries } from './support/arbitraries';

const NAMES = (process.env['CORPUS'] ?? '').split(',').filter(Boolean);
const DIR = path.resolve(__dirname, '..', '.tmp-corpus');

describe.each(NAMES)('%s', (name) => {
  let ir: IR;
  let ops: Record<string, { parseRequest: Function; serializeRequest: Function; parseResponse: Function; serializeResponse: Function }>;
  let namespaces: Array<[string, string]>;
  beforeAll(async () => {
    const result = await generate({ cwd: DIR, wsdl: `${name}.wsdl`, verify: false, mode: 'none' });
    ir = result.ir!;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const pkg = require(path.join(DIR, `pkg-${name}`, 'src'));
    ops = pkg.operations;
    namespaces = pkg.xml.NAMESPACES;
  });
  it('operations round-trip', () => {
    const arbs = buildArbitraries(ir, { anyAttributes: 'any', anyMixedContent: true, qnameNamespaces: namespaces.map(([, u]) => u) });
    const failures: string[] = [];
    for (const b of ir.bindings.slice(0, 1)) for (const op of b.operations as OperationDef[]) {
      const codec = ops[op.name]!;
      try {
        fc.assert(fc.property(fc.tuple(arbs.requestBody(op), arbs.requestHeaders(op)), fc.tuple(arbs.responseBody(op), arbs.responseHeaders(op)), ([qb, qh], [sb, sh]) => {
          const pq = codec.parseRequest(codec.serializeRequest(qb, qh));
          expect(pq.warnings).toEqual([]);
          expect({ body: pq.body, headers: pq.headers }).toStrictEqual({ body: qb, headers: qh });
          const ps = codec.parseResponse(codec.serializeResponse(sb, sh));
          expect(ps.warnings).toEqual([]);
          expect({ body: ps.body, headers: ps.headers }).toStrictEqual({ body: sb, headers: sh });
        }), { numRuns: 200, seed: 7 });
      } catch (e) {
        failures.push(`${op.name}: ${String(e).slice(String(e).indexOf("Shrunk"), String(e).indexOf("Shrunk") + 2500)}`);
      }
    }
    expect(failures).toEqual([]);
  });
});
