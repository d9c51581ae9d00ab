import { spawnSync } from 'node:child_process';
import path from 'node:path';
import fc from 'fast-check';
import { ValueError, escapeAttr, escapeText, settle, writeInParts, writeScanned } from '../../../runtime/src';
import { scanIsPlain } from '../../../runtime/src/xml/scan';

/** What the scan must flag: anything to escape or refuse. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const ATTRIBUTE_FLAGGED = /[&<"\x00-\x1F\uFFFE\uFFFF]/;
const TEXT_FLAGGED = /[&<>\x00-\x08\x0B-\x1F\uFFFE\uFFFF]/;
function expectedPlain(s: string, attribute: boolean): boolean {
  return !(attribute ? ATTRIBUTE_FLAGGED : TEXT_FLAGGED).test(s) && !LONE_SURROGATE.test(s);
}

// Mostly letters, now and then one of the characters each rule is about.
const SPECIAL = ['&', '<', '>', '"', "'", '\t', '\n', '\r', '\0', '\x01', '\x1f', '\x7f', '\x80', 'é', 'ÿ', '中', '\u07ff', '\u0800',
  '\uD800', '\uDBFF', '\uDC00', '\uDFFF', '\uD83D\uDE00', '\uFFFC', '\uFFFD', '\uFFFE', '\uFFFF', '\uFFBF', '\uFFC0', '\uFFEF'];
const PLAIN = fc.constantFrom('a', 'Z', '0', '+', '/', '=', ' ');
const unit = fc.oneof({ weight: 20, arbitrary: PLAIN }, { weight: 1, arbitrary: fc.constantFrom(...SPECIAL) });
const mostlyPlain = (minLength: number, maxLength: number): fc.Arbitrary<string> => fc.string({ unit, minLength, maxLength });
// Far fewer of them, so that many long values together are often plain, or only need escaping:
// at mostlyPlain's rate nearly every such array holds a character to refuse.
const rarelySpecial = (minLength: number, maxLength: number): fc.Arbitrary<string> =>
  fc.string({ unit: fc.oneof({ weight: 2_000, arbitrary: PLAIN }, { weight: 1, arbitrary: fc.constantFrom(...SPECIAL) }), minLength, maxLength });

describe('scanIsPlain', () => {
  it('flags exactly what needs a closer look, in attribute values and in text (property)', () => {
    fc.assert(
      fc.property(mostlyPlain(16, 120), fc.boolean(), (s, attribute) => {
        expect(scanIsPlain(s, attribute)).toBe(expectedPlain(s, attribute));
      }),
      { numRuns: 20_000 },
    );
  });

  it('leaves strings shorter than one vector to the caller', () => {
    expect(scanIsPlain('short & sweet', true)).toBeUndefined();
    expect(scanIsPlain('', false)).toBeUndefined();
  });

  it('finds a character in any piece of a long string, and takes a surrogate pair at a piece boundary for one', () => {
    const piece = 65_536;
    for (const length of [piece - 1, piece, piece + 1, piece + 15, piece + 16, piece + 17, 3 * piece + 5]) {
      const plain = 'x'.repeat(length);
      expect(scanIsPlain(plain, true)).toBe(true);
      for (const at of [0, 15, 16, piece - 17, piece - 16, piece - 1, piece, piece + 1, length - 17, length - 16, length - 1]) {
        if (at < 0 || at >= length) continue;
        const s = plain.slice(0, at) + '<' + plain.slice(at + 1);
        expect([length, at, scanIsPlain(s, true)]).toEqual([length, at, false]);
      }
      for (const at of [piece - 17, piece - 2, piece - 1, length - 2]) {
        if (at < 0 || at + 2 > length) continue;
        const paired = plain.slice(0, at) + '\uD83D\uDE00' + plain.slice(at + 2);
        expect([length, at, scanIsPlain(paired, false)]).toEqual([length, at, true]);
        const lone = plain.slice(0, at) + '\uD83Dx' + plain.slice(at + 2);
        expect([length, at, scanIsPlain(lone, false)]).toEqual([length, at, false]);
      }
    }
  });
});

/** A small document holding each value as an attribute value and as text, as generated writers do. */
const writeValues = (values: readonly string[]) => (): string => {
  let s = '<r>';
  for (const v of values) s += '<v a="' + escapeAttr(v) + '">' + escapeText(v) + '</v>';
  return s + '</r>';
};

function outcome(write: () => string): { xml: string } | { error: string } {
  try {
    return { xml: write() };
  } catch (e) {
    return { error: `${(e as Error).name}: ${(e as Error).message}` };
  }
}

describe('writeScanned', () => {
  it('writes what checking value by value writes, and throws what it throws, for few or many values (property)', () => {
    // Values shorter than 32 characters are checked at once; only long ones are gathered for the scan.
    const values = fc.oneof(
      fc.array(mostlyPlain(0, 30), { maxLength: 5 }),
      fc.array(mostlyPlain(100, 200), { minLength: 8, maxLength: 20 }),
      fc.array(rarelySpecial(100, 200), { minLength: 8, maxLength: 20 }),
    );
    fc.assert(
      fc.property(values, (vs) => {
        expect(outcome(() => writeScanned(writeValues(vs)))).toEqual(outcome(writeValues(vs)));
      }),
      { numRuns: 3_000 },
    );
  });

  it('writes once when nothing needs escaping, and again, checking each value, when a long value does', () => {
    // Few values, many, and enough for several batches; the one to escape first, then last.
    for (const count of [3, 50, 1_000]) {
      const values = Array.from({ length: count }, (_, i) => `id-${i}-` + 'Q'.repeat(40));
      let runs = 0;
      const counted = (vs: string[]) => () => {
        runs++;
        return writeValues(vs)();
      };
      expect(writeScanned(counted(values))).toBe(writeValues(values)());
      expect([count, runs]).toEqual([count, 1]);
      // Long values are checked later (escaped in both, in text only, in attribute values only);
      // a short one at once.
      const tail = ' (a value long enough to be gathered)';
      for (const [odd, written, writes] of [
        ['Smith & Sons' + tail, `<v a="Smith &amp; Sons${tail}">Smith &amp; Sons${tail}</v>`, 2],
        ['a > b' + tail, `<v a="a > b${tail}">a &gt; b${tail}</v>`, 2],
        ['two\nlines' + tail, `<v a="two&#10;lines${tail}">two\nlines${tail}</v>`, 2],
        ['S & S', '<v a="S &amp; S">S &amp; S</v>', 1],
      ] as const) {
        for (const vs of [[odd, ...values], [...values, odd]]) {
          runs = 0;
          const escaped = writeScanned(counted(vs));
          expect([count, odd, runs]).toEqual([count, odd, writes]);
          expect(escaped).toBe(writeValues(vs)());
          expect(escaped).toContain(written);
        }
      }
    }
  });

  it('refuses the halves of a surrogate pair in two values, as each value alone is refused', () => {
    for (const filler of ['', 'x'.repeat(2_000)]) {
      const values = [filler + '\uD83D', '\uDE00' + filler];
      const deferred = outcome(() => writeScanned(writeValues(values)));
      expect(deferred).toEqual(outcome(writeValues(values)));
      expect(deferred).toEqual({ error: expect.stringMatching(/^ValueError: Unpaired surrogate U\+D83D/) });
    }
  });

  it('throws the error of the first problem in writing order, not a later one the deferred check let it reach', () => {
    const write = (): string => {
      // Long enough to be gathered, not checked at once.
      let s = escapeText('bad \u0001 value' + 'x'.repeat(40));
      s += escapeText('x'.repeat(2_000));
      throw new Error('a later problem');
    };
    expect(() => writeScanned(write)).toThrow(ValueError);
  });

  it('checks value by value inside another writeScanned', () => {
    const inner = writeScanned(() => writeScanned(() => escapeAttr('a < b')));
    expect(inner).toBe('a &lt; b');
    expect(writeScanned(() => `<x a="${writeScanned(() => escapeAttr('"q"'))}"/>`)).toBe('<x a="&quot;q&quot;"/>');
  });

  it('inside writeInParts, gives the pieces of what it writes, also when it writes again', () => {
    const items = Array.from({ length: 20 }, (_, i) => `<item n="${i}">${'v'.repeat(600)}</item>`);
    const write = (last: string) => (): string => {
      let s = '<list>';
      for (const it of items) s += settle('<w>' + escapeText(it.replace(/[<>"=]/g, '')) + '</w>');
      return s + '<w>' + escapeText(last) + '</w></list>';
    };
    for (const last of ['plain', 'needs & escaping']) {
      const parts = writeInParts(() => writeScanned(write(last)));
      expect(parts.join('')).toBe(write(last)());
      expect(parts.join('')).not.toContain('\0');
    }
  });

  it('checks with regular expressions where the engine has no WebAssembly SIMD', () => {
    const runtime = path.resolve(__dirname, '../../../runtime/dist/index.js');
    const script = `
      const { writeScanned, escapeAttr } = require(${JSON.stringify(runtime)});
      const { scanIsPlain } = require(${JSON.stringify(path.resolve(__dirname, '../../../runtime/dist/xml/scan.js'))});
      // As an engine without SIMD answers (the HTTP client the runtime loads needs WebAssembly itself).
      WebAssembly.validate = () => false;
      const ids = Array.from({ length: 40 }, (_, i) => 'id' + i + 'x'.repeat(60));
      const write = (vs) => () => vs.map((v) => '<i a="' + escapeAttr(v) + '"/>').join('');
      const out = [scanIsPlain('x'.repeat(40), true), writeScanned(write(ids)) === write(ids)(), writeScanned(write([...ids, 'a"b'])).includes('a&quot;b')];
      try { writeScanned(write([...ids, 'bad\\u0000'])); out.push('no error'); } catch (e) { out.push(e.name); }
      console.log(JSON.stringify(out));`;
    const run = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual([null, true, true, 'ValueError']);
  });
});
