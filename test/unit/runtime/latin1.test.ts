import { spawnSync } from 'node:child_process';
import path from 'node:path';
import fc from 'fast-check';
import { XmlError, parseXml, writeUtf8 } from '../../../runtime/src';
import * as chars from '../../../runtime/src/xml/chars';
import { decodeXmlParts } from '../../../runtime/src/xml/decode';
import { latin1FromUtf8 } from '../../../runtime/src/xml/latin1';

// Mostly ASCII, now and then a character each rule is about: controls XML keeps or refuses,
// Latin-1 (two bytes in UTF-8, led by C2 or C3), and beyond (two, three or four bytes).
const SPECIAL = ['\t', '\n', '\r', '\0', '\x01', '\x08', '\x0b', '\x1f', '\x7f', '\x80', '\xbf', '\xc0', 'é', 'ÿ', 'Ā', '\u07ff', '中', '\uffff', '😀'];
const ASCII = fc.constantFrom('a', 'Z', '0', '<', '>', '&', ' ', '"', '/');
const text = (special: number): fc.Arbitrary<string> =>
  fc.string({ unit: fc.oneof({ weight: special, arbitrary: ASCII }, { weight: 1, arbitrary: fc.constantFrom(...SPECIAL) }), maxLength: 300 });
/** Cuts at random places, as a socket delivers a body. */
const pieces = (bytes: Buffer, cuts: number[]): Buffer[] => {
  const at = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  return [0, ...at].map((from, i) => bytes.subarray(from, at[i] ?? bytes.length));
};

describe('latin1FromUtf8', () => {
  const expected = (s: string): string | undefined => (/^[\t\n\r\x20-\xff]*$/.test(s) ? s : undefined);

  it('is the text when every character is within Latin-1 and none is a control XML refuses, else undefined (property)', () => {
    fc.assert(
      fc.property(fc.oneof(text(20), text(2_000)), fc.array(fc.nat(), { maxLength: 4 }), fc.constantFrom(0, 3), (s, cuts, skip) => {
        const bom = Buffer.from(skip === 3 ? [0xef, 0xbb, 0xbf] : []);
        const bytes = Buffer.concat([bom, Buffer.from(s, 'utf8')]);
        expect(latin1FromUtf8(pieces(bytes, cuts), skip, bytes.length - skip)).toBe(expected(s));
      }),
      { numRuns: 5_000 },
    );
  });

  it('refuses malformed UTF-8 at every place in a 16-byte block, and a lead byte cut off at the end', () => {
    for (let at = 0; at < 40; at++) {
      const before = 'x'.repeat(at);
      for (const bad of [[0xc3], [0xc3, 0x41], [0xc2, 0xc3, 0xa9], [0xc0, 0x80], [0x80], [0xff]]) {
        const bytes = Buffer.concat([Buffer.from(before), Buffer.from(bad), Buffer.from('y'.repeat(40 - at))]);
        expect([at, bad, latin1FromUtf8([bytes], 0, bytes.length)]).toEqual([at, bad, undefined]);
      }
      // Cut off after a body that left a continuation byte just past its end in the memory.
      const longer = Buffer.from(`${before}\u00a9`, 'utf8');
      expect(latin1FromUtf8([longer], 0, longer.length)).toBe(`${before}\u00a9`);
      const cut = Buffer.concat([Buffer.from(before), Buffer.from([0xc3])]);
      expect(latin1FromUtf8([cut], 0, cut.length)).toBeUndefined();
      // And the same places well-formed: a pair straddling two blocks is one character.
      const pair = Buffer.from(`${before}é${'y'.repeat(40 - at)}`, 'utf8');
      expect(latin1FromUtf8([pair], 0, pair.length)).toBe(pair.toString('utf8'));
    }
  });

  it('grows its memory for a larger body and leaves the pieces as they were', () => {
    const big = Buffer.from(`<a>${'Zoë '.repeat(600_000)}</a>`, 'utf8');
    const copy = Buffer.from(big);
    expect(latin1FromUtf8(pieces(big, [70_000, 1_000_001]), 0, big.length)).toBe(big.toString('utf8'));
    expect(big.equals(copy)).toBe(true);
    const small = Buffer.from('Ünal', 'utf8');
    expect(latin1FromUtf8([small], 0, small.length)).toBe('Ünal');
  });

  it('leaves a body to the slower way when its memory cannot grow', () => {
    // Typed here: the tests compile without the DOM library, which declares WebAssembly.
    const { Memory } = (globalThis as unknown as { WebAssembly: { Memory: { prototype: { grow(pages: number): number } } } }).WebAssembly;
    const grow = jest.spyOn(Memory.prototype, 'grow').mockImplementation(() => {
      throw new RangeError('WebAssembly.Memory.grow(): Maximum memory size exceeded');
    });
    try {
      // Larger than any body before it in this file, and within the limit.
      const big = Buffer.from(`<a>${'Zoë '.repeat(1_500_000)}</a>`, 'utf8');
      expect(latin1FromUtf8([big], 0, big.length)).toBeUndefined();
      expect(grow).toHaveBeenCalled();
      expect(decodeXmlParts(pieces(big, [70_000]))).toEqual({ text: big.toString('utf8') });
    } finally {
      grow.mockRestore();
    }
  });
});

describe('decoding vouches for the characters of what it decoded', () => {
  const body = (middle: string): Buffer[] => pieces(Buffer.from(`<a>${'Ünal O\'Brien '.repeat(6_000)}${middle}</a>`, 'utf8'), [65_536, 70_001]);

  it('for a large body within Latin-1, and not for one with a control XML refuses', () => {
    const vouch = jest.spyOn(chars, 'vouchNoForbiddenChar');
    try {
      const decoded = decodeXmlParts(body('x'));
      if (!('text' in decoded)) throw new Error('not decoded');
      expect(vouch.mock.calls).toEqual([[decoded.text]]);
      expect(chars.findForbiddenChar(decoded.text)).toBe(-1);
      // Another text of the same length, with a character XML refuses, is still looked at.
      const other = decoded.text.replace('x', '\x01');
      expect(chars.findForbiddenChar(other)).toBe(decoded.text.indexOf('x'));
      vouch.mockClear();
      expect(decodeXmlParts(body('\x01'))).toHaveProperty('text');
      expect(vouch).not.toHaveBeenCalled();
    } finally {
      vouch.mockRestore();
    }
  });

  it('a vouch answers one check, of its own text only', () => {
    // A text holding a refused character, so that the answer shows whether the vouch was taken.
    const s = `${'y'.repeat(40)}\x01`;
    const other = `\x01${'y'.repeat(40)}`;
    chars.vouchNoForbiddenChar(s);
    expect(chars.findForbiddenChar(other)).toBe(0);
    expect(chars.findForbiddenChar(s)).toBe(-1);
    expect(chars.findForbiddenChar(s)).toBe(40);
  });

  it('and a large body with a control XML refuses is read the slow way, which says where it is', () => {
    const decoded = decodeXmlParts(body('\x01'));
    if (!('text' in decoded)) throw new Error('not decoded');
    expect(() => parseXml(decoded.text)).toThrow(XmlError);
    expect(() => parseXml(decoded.text)).toThrow(/^Character U\+0001 is not allowed in XML 1\.0 at \/ \(line 1:78004\)\./);
  });
});

describe('writeUtf8', () => {
  const strings = fc.oneof(
    text(20),
    fc.string({ unit: 'grapheme', maxLength: 200 }),
    // Lone surrogates too: both ways write them as U+FFFD.
    fc.string({ unit: fc.oneof(ASCII, fc.constantFrom('\ud800', '\udfff', 'é')), maxLength: 200 }),
  );

  it('writes what Buffer#write writes, from any offset (property)', () => {
    fc.assert(
      fc.property(strings, fc.nat(20), (s, offset) => {
        const target = Buffer.alloc(offset + s.length * 3 + 1, 0xee);
        const n = writeUtf8(target, offset, s);
        const want = Buffer.from(s, 'utf8');
        expect(n).toBe(want.length);
        expect(target.subarray(offset, offset + n).equals(want)).toBe(true);
        expect(target.subarray(0, offset).every((b) => b === 0xee) && target.subarray(offset + n).every((b) => b === 0xee)).toBe(true);
      }),
      { numRuns: 5_000 },
    );
  });

  it('writes text longer than its steps of 64K characters, and refuses a target without room', () => {
    const s = `${'Ünal '.repeat(30_000)}ÿ`;
    const target = Buffer.alloc(s.length * 2);
    const n = writeUtf8(target, 0, s);
    expect(target.subarray(0, n).equals(Buffer.from(s, 'utf8'))).toBe(true);
    expect(() => writeUtf8(Buffer.alloc(s.length), 0, s)).toThrow(RangeError);
  });
});

it('decodes and writes alike where the engine has no WebAssembly SIMD', () => {
  const runtime = path.resolve(__dirname, '../../../runtime/dist');
  const script = `
    // As an engine without SIMD answers (the HTTP client the runtime loads needs WebAssembly itself).
    WebAssembly.validate = () => false;
    const { decodeXml, writeUtf8 } = require(${JSON.stringify(runtime)});
    const { latin1FromUtf8 } = require(${JSON.stringify(path.join(runtime, 'xml/latin1.js'))});
    const s = '<a>' + 'Ünal '.repeat(20000) + '</a>';
    const bytes = Buffer.from(s, 'utf8');
    const target = Buffer.alloc(bytes.length);
    const n = writeUtf8(target, 0, s);
    console.log(JSON.stringify([latin1FromUtf8([bytes], 0, bytes.length) === undefined, decodeXml(bytes).text === s, n === bytes.length && target.equals(bytes)]));`;
  const run = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  expect(run.stderr).toBe('');
  expect(JSON.parse(run.stdout)).toEqual([true, true, true]);
});
