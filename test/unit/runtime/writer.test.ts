import fc from 'fast-check';
import { ValueError, XSI_NS, escapeAttr, escapeText, parseXml, settle, writeAnyAttributes, writeInParts, writeNil, type XmlAnyAttribute } from '../../../runtime/src';
import { XML_DECLARATION, namespaceDeclarations } from '../../../runtime/src/xml/writer';
import { writeDocument } from '../../../runtime/src/xml/document';
import { libxml2ParseReport } from '../../support/libxml2';

/** Any UTF-16 code unit sequence, lone surrogates and control characters included. */
const anyCodeUnits = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 40 });
/** Any sequence of Unicode scalar values. */
const anyScalars = fc.string({ unit: 'binary', maxLength: 40 });
const mixedStrings = fc.oneof(anyCodeUnits, anyScalars, fc.string({ maxLength: 40 }));

function isXmlRepresentable(s: string): boolean {
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    const ok =
      cp === 9 || cp === 10 || cp === 13 || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || cp >= 0x10000;
    if (!ok) return false;
  }
  return true;
}

describe('escapeText', () => {
  it('escapes markup characters and CR', () => {
    expect(escapeText('a < b && c > d\r\n')).toBe('a &lt; b &amp;&amp; c &gt; d&#13;\n');
    expect(escapeText('"quotes" and \'apostrophes\'\tstay')).toBe('"quotes" and \'apostrophes\'\tstay');
  });

  it('returns the very same string when nothing needs escaping', () => {
    const s = 'plain text with unicode \u00e9\u4e2d\u{1F600}';
    expect(escapeText(s)).toBe(s);
    expect(escapeText('')).toBe('');
  });

  it.each(['\u0000', '\u0001', '\u0008', '\u000B', '\u000C', '\u000E', '\u001F', '\uFFFE', '\uFFFF', '\uD800', '\uDFFF', 'x\uDC00\uD800'])(
    'throws ValueError for %j',
    (bad) => {
      expect(() => escapeText(`ok ${bad} ok`)).toThrow(ValueError);
      expect(() => escapeAttr(`ok ${bad} ok`)).toThrow(ValueError);
    },
  );

  // Values of 32 characters and more take another scan (indexOf plus a range-only class).
  const pad = 'AAMkEwAAAACCh5uX2YkUh5tzetdrq64pLUZlYJUgmJNr2M7';
  it.each(['<', '>', '&', '"', "'", '\t', '\n', '\r', '\u00e9', '\u{1F600}', '\u0001', '\u001F', '\uFFFE', '\uD800', '\uDC00'])(
    'treats %j the same in long values as in short ones',
    (c) => {
      for (const escape of [escapeText, escapeAttr]) {
        let short: string | Error;
        try {
          short = escape(`x${c}y`);
        } catch (e) {
          short = e as Error;
        }
        if (short instanceof Error) expect(() => escape(`${pad}${c}${pad}`)).toThrow(ValueError);
        else expect(escape(`${pad}${c}${pad}`)).toBe(`${pad}${short.slice(1, -1)}${pad}`);
      }
    },
  );

  it('names the offending character and its index', () => {
    expect(() => escapeText('abc\u0007')).toThrow(/U\+0007 at index 3/);
    expect(() => escapeText('ab\uD83D')).toThrow(/Unpaired surrogate U\+D83D at index 2/);
  });

  it('reads back through the parser as the original text (property)', () => {
    fc.assert(
      fc.property(mixedStrings, (s) => {
        if (!isXmlRepresentable(s)) {
          expect(() => escapeText(s)).toThrow(ValueError);
          return;
        }
        expect(parseXml(`<a>${escapeText(s)}</a>`).text).toBe(s);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('escapeAttr', () => {
  it('escapes & < " and whitespace that attribute normalisation would change', () => {
    expect(escapeAttr('a<b&c"d\'e>f\tg\nh\ri')).toBe('a&lt;b&amp;c&quot;d\'e>f&#9;g&#10;h&#13;i');
  });

  it('returns the very same string when nothing needs escaping', () => {
    const s = "it's > fine";
    expect(escapeAttr(s)).toBe(s);
  });

  it('reads back through the parser as the original value (property)', () => {
    fc.assert(
      fc.property(mixedStrings, (s) => {
        if (!isXmlRepresentable(s)) {
          expect(() => escapeAttr(s)).toThrow(ValueError);
          return;
        }
        expect(parseXml(`<a v="${escapeAttr(s)}"/>`).attrs[0]?.value).toBe(s);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('settle', () => {
  it('returns the same text, small or large, however it was built', () => {
    let rope = '';
    for (let i = 0; i < 200; i++) rope += `<t:Item Id="${i}">${'x'.repeat(i % 7)}</t:Item>`;
    const expected = Array.from({ length: 200 }, (_, i) => `<t:Item Id="${i}">${'x'.repeat(i % 7)}</t:Item>`).join('');
    expect(rope.length).toBeGreaterThan(512);
    expect(settle(rope)).toBe(expected);
    expect(settle('<a/>')).toBe('<a/>');
    expect(settle('')).toBe('');
  });
});

describe('writeInParts', () => {
  // What a generated writer does: items of repeated elements go through settle, and are then
  // wrapped, and wrapped again, by the writers above them.
  const item = (i: number, inner: number, pad = 120): string => {
    let s = `<t:Persona Id="${i}">`;
    for (let k = 0; k < inner; k++) s += settle(`<t:Email>${'Ünal'.repeat(k + 1)}\u{1F600}${'e'.repeat(pad)}</t:Email>`);
    return s + '</t:Persona>';
  };
  const list = (n: number, inner: number, pad?: number): string => {
    let s = '<t:Personas>';
    for (let i = 0; i < n; i++) s += settle(item(i, inner, pad));
    return `<m:Body>${s}</t:Personas></m:Body>`;
  };

  it('gives the same text as writing it whole, in pieces, large items on their own', () => {
    const whole = list(40, 5);
    const parts = writeInParts(() => list(40, 5));
    expect(parts.join('')).toBe(whole);
    expect(parts.length).toBeGreaterThan(40);
    expect(parts).toContain(item(7, 5));
    for (const part of parts) expect(part).not.toContain('\0');
  });

  it('puts back items set aside inside items set aside (nested repeated elements)', () => {
    // Each email is long enough to be set aside itself, inside a persona set aside too.
    const parts = writeInParts(() => list(3, 4, 520));
    expect(parts.join('')).toBe(list(3, 4, 520));
    expect(parts.filter((p) => p.startsWith('<t:Email>'))).toHaveLength(3 * 4);
  });

  it('leaves small documents in one piece, and an empty one in none', () => {
    expect(writeInParts(() => list(2, 0))).toEqual([list(2, 0)]);
    expect(writeInParts(() => '')).toEqual([]);
  });

  it('stops setting items aside when the writer throws, and outside of it', () => {
    expect(() =>
      writeInParts(() => {
        list(3, 2);
        throw new ValueError('no');
      }),
    ).toThrow('no');
    expect(list(5, 2)).not.toContain('\0');
  });

  it('nests: a document written in parts inside another is whole in its own parts', () => {
    let innerParts: string[] = [];
    const outer = writeInParts(() => {
      innerParts = writeInParts(() => list(4, 1));
      return list(2, 1);
    });
    expect(innerParts.join('')).toBe(list(4, 1));
    expect(outer.join('')).toBe(list(2, 1));
  });
});

describe('namespaceDeclarations', () => {
  it('declares each prefix once, the empty one as the default namespace, with URIs escaped', () => {
    const declarations = namespaceDeclarations([
      ['m', 'urn:m'],
      ['', 'urn:default'],
      ['t', 'urn:t&more'],
    ]);
    expect(declarations).toBe(' xmlns:m="urn:m" xmlns="urn:default" xmlns:t="urn:t&amp;more"');
    const root = parseXml(`<m:Root${declarations}><t:Child/><Plain/></m:Root>`);
    expect(root.ns).toBe('urn:m');
    expect(root.children.map((c) => c.ns)).toEqual(['urn:t&more', 'urn:default']);
  });

  it('rejects invalid and duplicate prefixes', () => {
    expect(() => namespaceDeclarations([['1x', 'urn:a']])).toThrow(ValueError);
    expect(() => namespaceDeclarations([['a:b', 'urn:a']])).toThrow(ValueError);
    expect(() => namespaceDeclarations([['a', 'urn:a'], ['a', 'urn:b']])).toThrow(/given twice/);
  });
});

describe('writeDocument', () => {
  const NAMESPACES: ReadonlyArray<readonly [string, string]> = [['xsi', 'http://www.w3.org/2001/XMLSchema-instance'], ['a', 'urn:a'], ['', 'urn:d']];

  it('declares the package namespaces on the root, but not a prefix the root element binds itself', () => {
    expect(writeDocument('<a:R/>', NAMESPACES)).toBe(`${XML_DECLARATION}\n<a:R xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:a="urn:a" xmlns="urn:d"/>`);
    // An xs:anyType root is its own XML, as read from a document written before: before, its
    // declarations were added again, and the document was not well-formed (xmlns:xsi twice).
    const own = '<V xmlns:xsi="urn:not-xsi" xmlns:a = \'urn:a\' xmlns="" q=">" >x</V>';
    const doc = writeDocument(own, NAMESPACES);
    expect(doc).toBe(`${XML_DECLARATION}\n<V xmlns:xsi="urn:not-xsi" xmlns:a = 'urn:a' xmlns="" q=">" >x</V>`);
    expect(parseXml(doc).ns).toBe('');
    expect(writeDocument('<V a:b="1" xmlns:x="urn:x">x</V>', NAMESPACES)).toContain(' xmlns:a="urn:a" xmlns="urn:d" a:b="1" xmlns:x="urn:x">');
  });

  it('writes schema locations on the root with the prefix bound to XML Schema instance, declaring it where none is', () => {
    expect(writeDocument('<a:R>x</a:R>', NAMESPACES, { schemaLocation: 'urn:a a.xsd?x=1&y=2' })).toBe(
      `${XML_DECLARATION}\n<a:R xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:a="urn:a" xmlns="urn:d" xsi:schemaLocation="urn:a a.xsd?x=1&amp;y=2">x</a:R>`,
    );
    const other: ReadonlyArray<readonly [string, string]> = [['i', 'http://www.w3.org/2001/XMLSchema-instance'], ['a', 'urn:a']];
    expect(writeDocument('<a:R/>', other, { noNamespaceSchemaLocation: 'r.xsd' })).toBe(`${XML_DECLARATION}\n<a:R xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns:a="urn:a" i:noNamespaceSchemaLocation="r.xsd"/>`);
    const doc = writeDocument('<a:R/>', [['a', 'urn:a']], { schemaLocation: 'urn:a a.xsd urn:b\tb.xsd', noNamespaceSchemaLocation: 'r.xsd' });
    const root = parseXml(doc);
    expect(root.attrs.map((a) => [a.ns, a.local, a.value])).toEqual([
      // As given: the tab is written as a reference, which attribute normalisation keeps.
      ['http://www.w3.org/2001/XMLSchema-instance', 'schemaLocation', 'urn:a a.xsd urn:b\tb.xsd'],
      ['http://www.w3.org/2001/XMLSchema-instance', 'noNamespaceSchemaLocation', 'r.xsd'],
    ]);
  });

  it('refuses schema locations that are not pairs, or a root that binds the prefix itself', () => {
    for (const odd of ['', ' ', 'urn:a', 'urn:a a.xsd urn:b']) expect(() => writeDocument('<a:R/>', NAMESPACES, { schemaLocation: odd })).toThrow(ValueError);
    expect(() => writeDocument('<a:R/>', NAMESPACES, { schemaLocation: 'urn:a' })).toThrow('but "urn:a" has 1 URI; give namespace and location, pair after pair');
    expect(() => writeDocument('<V xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"/>', NAMESPACES, { noNamespaceSchemaLocation: 'v.xsd' })).toThrow(
      'The root element declares the prefix xsi itself: schema locations cannot be added to it',
    );
  });

  describe('a root that carries xsi:schemaLocation or xsi:noNamespaceSchemaLocation itself', () => {
    const located = (localName: string, value: string): XmlAnyAttribute => ({ namespace: XSI_NS, localName, value });
    // An XmlNil root writes them with the message's xsi prefix; a root of another value, through
    // writeAnyAttributes, with a prefix of their own: both are the same expanded names as `locations`.
    const roots: Array<[string, (attributes: XmlAnyAttribute[]) => string]> = [
      ['an XmlNil', (attributes) => writeNil('a:R', { $nil: true, $anyAttributes: attributes })],
      ['a value with $anyAttributes', (attributes) => `<a:R${writeAnyAttributes(attributes)}>x</a:R>`],
    ];

    it.each(roots)('refuses %s root given the same location in locations too, naming the attribute', (_, root) => {
      // Before, the document carried the attribute twice and was not well-formed.
      const element = root([located('schemaLocation', 'urn:a a.xsd')]);
      expect(() => writeDocument(element, NAMESPACES, { schemaLocation: 'urn:a b.xsd' })).toThrow(ValueError);
      expect(() => writeDocument(element, NAMESPACES, { schemaLocation: 'urn:a a.xsd' })).toThrow(
        'The root element carries xsi:schemaLocation among its own attributes and locations gives it too: give it once, in locations or in the value, not both',
      );
      const other = root([located('noNamespaceSchemaLocation', 'r.xsd')]);
      expect(() => writeDocument(other, NAMESPACES, { noNamespaceSchemaLocation: 'r.xsd' })).toThrow('carries xsi:noNamespaceSchemaLocation among its own attributes');
      // Namespaces without xsi: writeDocument declares it, and the root's xsi prefix is that one.
      expect(() => writeDocument(element, [['a', 'urn:a']], { schemaLocation: 'urn:a a.xsd' })).toThrow(ValueError);
    });

    it.each(roots)('writes %s root with its own location and the other one from locations, well-formed for us and for libxml2', async (_, root) => {
      const doc = writeDocument(root([located('schemaLocation', 'urn:a a.xsd')]), NAMESPACES, { noNamespaceSchemaLocation: 'r.xsd' });
      const attributes = parseXml(doc).attrs.filter((a) => a.ns === XSI_NS).map((a) => [a.local, a.value]);
      expect(attributes).toEqual(expect.arrayContaining([['schemaLocation', 'urn:a a.xsd'], ['noNamespaceSchemaLocation', 'r.xsd']]));
      expect(attributes.filter(([local]) => local !== 'nil')).toHaveLength(2);
      expect(await libxml2ParseReport(doc)).toBe('');
      // The same element without locations, as a document read and written back gives it.
      expect(await libxml2ParseReport(writeDocument(root([located('schemaLocation', 'urn:a a.xsd')]), NAMESPACES))).toBe('');
    });

    it('is what libxml2 refuses when both are written', async () => {
      const twice = `${XML_DECLARATION}\n<a:R xmlns:xsi="${XSI_NS}" xmlns:a="urn:a" xmlns:a_1="${XSI_NS}" xsi:schemaLocation="urn:a a.xsd" a_1:schemaLocation="urn:a a.xsd"/>`;
      expect(await libxml2ParseReport(twice)).toContain('Namespaced Attribute schemaLocation in \'http://www.w3.org/2001/XMLSchema-instance\' redefined');
      expect(() => parseXml(twice)).toThrow();
      // An XmlNil's, with the xsi prefix of both: the same name twice.
      const nil = `${XML_DECLARATION}\n<a:R xmlns:xsi="${XSI_NS}" xmlns:a="urn:a" xsi:schemaLocation="urn:a b.xsd" xsi:schemaLocation="urn:a a.xsd" xsi:nil="true"/>`;
      expect(await libxml2ParseReport(nil)).toContain('parser error : Attribute xsi:schemaLocation redefined');
      expect(() => parseXml(nil)).toThrow();
    });
  });
});
