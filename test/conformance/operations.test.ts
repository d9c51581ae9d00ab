import * as fs from 'fs';
import * as path from 'path';
import { operations } from '../../generated/src';

const dir = path.join(__dirname, 'envelopes');
const read = (f: string): string => fs.readFileSync(path.join(dir, f), 'utf8');
const replacer = (_k: string, v: unknown): unknown => (typeof v === 'bigint' ? `${v}n` : v);

it('dump', () => {
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.xml')).sort();
  const out: string[] = [];
  for (const f of files) {
    const op = f.split('-')[1] as keyof typeof operations;
    const codec = operations[op];
    try {
      const r = f.includes('request') ? codec.parseRequest(read(f)) : codec.parseResponse(read(f));
      out.push(`=== ${f}\n${JSON.stringify(r, replacer, 1)}`);
    } catch (e) {
      out.push(`=== ${f} THREW ${String(e)}\n${JSON.stringify({ ...(e as object), detail: undefined, detailEntries: (e as { detailEntries?: unknown }).detailEntries }, replacer, 1)}`);
    }
  }
  fs.writeFileSync('/tmp/dump.txt', out.join('\n'));
});
