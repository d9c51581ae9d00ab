import * as fs from 'node:fs';
import * as path from 'node:path';
import { generateAt } from '../support/generate';

interface Expected {
  entry: string;
  code: string;
  file: string;
  line: number;
  col: number;
  messageIncludes: string[];
  approximate?: boolean;
}

const here = __dirname;
const cases = fs
  .readdirSync(here, { withFileTypes: true })
  .filter((e) => e.isDirectory() && fs.existsSync(path.join(here, e.name, 'expected.json')))
  .map((e) => e.name)
  .sort();

describe('bad input', () => {
  it.each(cases)('%s: one clear error at file:line:col, nothing generated', async (name) => {
    const expected = JSON.parse(fs.readFileSync(path.join(here, name, 'expected.json'), 'utf8')) as Expected;
    const result = await generateAt({ wsdl: path.join('test', 'errors', name, expected.entry) });
    expect(result.ok).toBe(false);
    expect(result.files).toEqual([]);
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    const hit = errors.find((d) => d.code === expected.code);
    if (!hit) throw new Error(`expected ${expected.code}, got:\n${errors.map((d) => `${d.code} ${d.message}`).join('\n')}`);
    expect(hit.file).toBe(`test/errors/${name}/${expected.file}`);
    if (expected.approximate) {
      // Parsers disagree on where a mismatch is "found": same or previous line.
      expect(Math.abs((hit.line ?? 0) - expected.line)).toBeLessThanOrEqual(1);
    } else {
      expect([hit.line, hit.col]).toEqual([expected.line, expected.col]);
    }
    for (const s of expected.messageIncludes) expect(hit.message).toContain(s);
    expect(hit.hint.length).toBeGreaterThan(0);
    // One defect, one error at its place: no second one there that says something else.
    const there = errors.filter((d) => d.file === hit.file && d.line === hit.line && d.col === hit.col);
    expect(there.map((d) => `${d.code} ${d.message}`)).toEqual([`${hit.code} ${hit.message}`]);
  });
});
