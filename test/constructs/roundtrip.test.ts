import * as runtime from '@wsdl-codegen/runtime';
import { ReadError, SerializeError, type XmlAnyElement } from '@wsdl-codegen/runtime';
import * as abstractTypes from './abstract-types/golden/src';
import * as anonymous from './anonymous-types/golden/src';
import * as anyPkg from './any/golden/src';
import * as attributes from './attributes/golden/src';
import * as builtins from './builtins/golden/src';
import * as dataset from './dataset/golden/src';
import * as extension from './complex-extension/golden/src';
import * as restriction from './complex-restriction/golden/src';
import * as listUnion from './list-union/golden/src';
import * as mixed from './mixed-content/golden/src';
import * as modelGroups from './model-groups/golden/src';
import * as names from './name-collisions/golden/src';
import * as nillable from './nillable/golden/src';
import * as recursive from './recursive-types/golden/src';
import * as rpc from './rpc-literal/golden/src';
import * as sequences from './sequence-choice-all/golden/src';
import * as simpleContent from './simple-content/golden/src';
import * as simpleTypes from './simple-types/golden/src';
import * as substitution from './substitution-groups/golden/src';
import * as xsdEntry from './xsd-entry/golden/src';
import * as counted from './counted/golden/src';
import { DOMParser, type Element } from '@xmldom/xmldom';

const SOAP11 = 'http://schemas.xmlsoap.org/soap/envelope/';

// Values a user would write, through the generated writer and reader and back. The goldens
// are the committed generator output, so this tests what users get.

interface Codec<B> {
  serializeRequest(body: B): string;
  parseRequest(xml: string, options?: { strict?: boolean }): { body: B; warnings: unknown[] };
}

function roundTrip<B>(op: Codec<B>, body: B): { xml: string; back: B } {
  const xml = op.serializeRequest(body);
  const parsed = op.parseRequest(xml, { strict: true });
  expect(parsed.warnings).toEqual([]);
  return { xml, back: parsed.body };
}

// Every built-in once, at its simplest; tests change the one they are about.
const minimalBuiltins: builtins.AllBuiltins = {
  string: '', normalizedString: '', token: '', language: 'en', Name: 'n', NCName: 'n', ID: 'i', IDREF: 'i', IDREFS: ['i'], ENTITY: 'e', ENTITIES: ['e'], NMTOKEN: 'n', NMTOKENS: ['n'],
  anyURI: 'u', QName: { namespace: 'urn:elsewhere', localName: 'q' }, boolean: false, decimal: '0', integer: 0n, nonPositiveInteger: 0n, negativeInteger: -1n, long: 0n,
  int: 0, short: 0, byte: 0, nonNegativeInteger: 0n, unsignedLong: 0n, unsignedInt: 0, unsignedShort: 0, unsignedByte: 0, positiveInteger: 1n, float: 0, double: 0,
  duration: 'P1D', dateTime: '2024-01-01T00:00:00Z', time: '00:00:00', date: '2024-01-01', gYearMonth: '2024-01', gYear: '2024', gMonthDay: '--01-01', gDay: '---01',
  gMonth: '--01', hexBinary: new Uint8Array([]), base64Binary: new Uint8Array([]), anySimpleType: '',
  anyType: { namespace: builtins.xml.NS0, localName: 'anyType', xml: `<t:anyType xmlns:t="${builtins.xml.NS0}"/>` },
  // Two attributes in two more undeclared namespaces: each gets its own prefix.
  kind: { namespace: 'urn:kinds', localName: 'k' },
  variant: { namespace: 'urn:variants', localName: 'v' },
};

describe('construct packages round-trip', () => {
  it('substitution groups: each member is written under its own element name and read back to its key', () => {
    const body: substitution.Draw = {
      title: 'shapes',
      Shape: [{ Circle: { radius: 2, color: 'red' } }, { Square: { side: 3 } }, { Polygon: { point: ['0 0', '1 1', '2 0'], label: 'tri' } }],
    };
    const { xml, back } = roundTrip(substitution.operations.Draw, body);
    expect(xml.indexOf(':Circle')).toBeLessThan(xml.indexOf(':Square'));
    expect(xml.indexOf(':Square')).toBeLessThan(xml.indexOf(':Polygon'));
    expect(back).toEqual(body);
  });

  it('a member of its own anonymous type is written under its name; xsi:type names only named derived types', () => {
    const op = substitution.operations.Draw;
    const body: substitution.Draw = { title: 'stars', Shape: [{ Star: { points: 5, color: 'gold' } }] };
    const { xml, back } = roundTrip(op, body);
    expect(xml).not.toContain('xsi:type');
    expect(back).toEqual(body);
    const outline: substitution.DrawResponse = { outline: { $type: 'CircleType', radius: 1 } };
    expect(op.serializeResponse(outline)).toMatch(/<(\w+):outline xsi:type="\1:CircleType">/);
    expect(op.parseResponse(op.serializeResponse(outline), { strict: true }).body).toEqual(outline);
    // Before, Star's anonymous type was among the outline's types, and written as xsi:type="t:/Star".
    const star = { outline: { $type: 'Star', points: 5 } } as unknown as substitution.DrawResponse;
    expect(() => op.serializeResponse(star)).toThrow('DrawResponse.outline: $type Star is none of: ShapeType, CircleType, PolygonType, SquareType');
  });

  it('an abstract element nothing substitutes for has no property, and the checks of its choice leave it out', () => {
    const op = substitution.operations.Draw;
    // Before, the choice check named the missing property, and the package did not type-check.
    const xml = op.serializeResponse({ rendered: new Uint8Array([1]) });
    expect(op.parseResponse(xml, { strict: true }).body).toEqual({ rendered: new Uint8Array([1]) });
    expect(() => op.serializeResponse({ rendered: new Uint8Array([1]), caption: 'c' })).toThrow('Give only one alternative of the choice: rendered, or caption');
  });

  it('an element that must occur three times: writers refuse two, readers report two', () => {
    const op = substitution.operations.Draw;
    const body: substitution.Draw = { title: 't', Shape: [{ Polygon: { point: ['0 0', '1 1', '2 0'] } }] };
    expect(() => op.serializeRequest({ ...body, Shape: [{ Polygon: { point: ['0 0', '1 1'] } }] })).toThrow(/^Draw\.Shape\[0\]\.Polygon\.point: Element point must occur at least 3 times$/);
    const xml = op.serializeRequest(body).replace(/<(\w+):point>2 0<\/\1:point>/, '');
    expect(op.parseRequest(xml).warnings.map((w) => [w.code, w.path, w.message])).toEqual([['missing-element', '/Envelope/Body/Draw/Polygon', 'Element point must occur at least 3 times']]);
  });

  it('lists bounded by maxOccurs: writers refuse an item too many, readers keep it and report it', () => {
    const op = modelGroups.operations.AddPerson;
    const body: modelGroups.AddPerson = {
      person: { given: ['A', 'B', 'C'], family: 'Lee' },
      roster: { title: 'T', $choice2: [{ phone: '1' }, { email: 'e' }] },
      shortlist: ['x', 'y', 'z'],
    };
    const xml = roundTrip(op, body).xml;
    // Each list with one item too many, and the document with that item added after the last.
    const cases: Array<[Partial<modelGroups.AddPerson>, string, string, string, string]> = [
      [{ person: { given: ['A', 'B', 'C', 'D'], family: 'Lee' } }, 'person.given', 'Element given may occur at most 3 times', 'given>C', 'given>D'],
      [{ roster: { title: 'T', $choice2: [{ phone: '1' }, { email: 'e' }, { phone: '2' }] } }, 'roster', 'The choice of email, phone may occur at most 2 times', 'email>e', 'phone>2'],
      [{ shortlist: ['x', 'y', 'z', 'w'] }, 'shortlist', 'Element pick may occur at most 3 times', 'pick>z', 'pick>w'],
    ];
    for (const [change, at, message, last, added] of cases) {
      expect(() => op.serializeRequest({ ...body, ...change })).toThrow(`AddPerson.${at}: ${message}`);
      const [name, text] = added.split('>');
      const longer = xml.replace(new RegExp(`<(\\w+):${last}</\\1:[a-z]+>`), (m, p: string) => `${m}<${p}:${name}>${text}</${p}:${name}>`);
      expect(longer).not.toBe(xml);
      const read = op.parseRequest(longer);
      expect(read.warnings.map((w) => [w.code, w.path, w.message])).toEqual([['unexpected-element', `/Envelope/Body/AddPerson/${at.split('.')[0]}`, message]]);
      expect(read.body).toEqual({ ...body, ...change });
      expect(() => op.parseRequest(longer, { strict: true })).toThrow(message);
    }
  });

  it('occurrences multiplied through nested groups: exactly the most is read and written, one more is refused both ways', () => {
    const op = modelGroups.operations.AddPerson;
    const person: modelGroups.Person = { given: ['Ann'], family: 'Lee' };
    const cell = (i: number): { x: number; y: number } => ({ x: i, y: 10 * i });
    const strokes = (n: number): Array<{ serve: string } | { volley: string }> => Array.from({ length: n }, (_, i) => (i % 2 ? { volley: `v${i}` } : { serve: `s${i}` }));
    const foreign = (n: number): XmlAnyElement[] => Array.from({ length: n }, (_, i) => ({ namespace: 'urn:zz', localName: `z${i}`, xml: `<z:z${i} xmlns:z="urn:zz"/>` }));
    // Rally: (serve | volley){1,2} twice at most; Grid: (x, y){1,3} exactly twice; Match: a group
    // reference up to three times of (serve | volley){1,2}, then a wildcard{1,2} up to twice.
    const most: Partial<modelGroups.AddPerson> = {
      rally: strokes(4),
      grid: { label: 'g', $sequence: [0, 1, 2, 3, 4, 5].map(cell) },
      match: { court: 'c', $choice: strokes(6), $any: foreign(4) },
      doubles: { court: 'c', $choice: strokes(4) },
    };
    const xml = roundTrip(op, { person, ...most }).xml;
    expect(op.parseRequest(xml, { strict: true }).body).toEqual({ person, ...most });
    // And the fewest: one stroke, two cells, two strokes. Doubles' three strokes, between two and
    // four, are not valid either; no bound says so, and they are taken (README).
    const fewest: Partial<modelGroups.AddPerson> = { rally: strokes(1), grid: { label: 'g', $sequence: [cell(0), cell(1)] }, match: { court: 'c', $choice: strokes(1) }, doubles: { court: 'c', $choice: strokes(2) } };
    expect(roundTrip(op, { person, ...fewest }).back).toEqual({ person, ...fewest });
    expect(roundTrip(op, { person, doubles: { court: 'c', $choice: strokes(3) } }).back.doubles?.$choice).toHaveLength(3);
    // Each bound with one occurrence too many or too few: what writers refuse, and the document
    // that holds it (an element added after, or removed from, the valid one above).
    const cases: Array<[Partial<modelGroups.AddPerson>, string, string, 'missing-element' | 'unexpected-element', (x: string) => string]> = [
      [{ rally: strokes(5) }, 'rally', 'The choice of serve, volley may occur at most 4 times', 'unexpected-element', (x) => x.replace(/(<(\w+):volley>v3<\/\2:volley>)/, '$1<$2:serve>s4</$2:serve>')],
      [{ grid: { label: 'g', $sequence: [0, 1, 2, 3, 4, 5, 6].map(cell) } }, 'grid', '$sequence allows at most 6 occurrences of its sequence', 'unexpected-element', (x) => x.replace(/(<(\w+):y>50<\/\2:y>)/, '$1<$2:x>6</$2:x><$2:y>60</$2:y>')],
      [{ grid: { label: 'g', $sequence: [cell(0)] } }, 'grid', '$sequence needs at least 2 occurrences of its sequence', 'missing-element', (x) => x.replace(/(<(\w+):y>0<\/\2:y>)[^]*(<\/\2:grid>)/, '$1$3')],
      [{ match: { court: 'c', $choice: strokes(7), $any: foreign(4) } }, 'match', 'The choice of serve, volley may occur at most 6 times', 'unexpected-element', (x) => x.replace(/(<(\w+):volley>v5<\/\2:volley>)/, '$1<$2:serve>s6</$2:serve>')],
      [{ doubles: { court: 'c', $choice: strokes(5) } }, 'doubles', 'The choice of serve, volley may occur at most 4 times', 'unexpected-element', (x) => x.replace(/(<(\w+):volley>v3<\/\2:volley>)(<\/\2:doubles>)/, '$1<$2:serve>s4</$2:serve>$3')],
      [{ doubles: { court: 'c', $choice: strokes(1) } }, 'doubles', 'The choice of serve, volley must occur at least 2 times', 'missing-element', (x) => x.replace(/(<(\w+):doubles><\2:court>c<\/\2:court><\2:serve>s0<\/\2:serve>)[^]*?(<\/\2:doubles>)/, '$1$3')],
      [{ match: { court: 'c', $choice: strokes(6), $any: foreign(5) } }, 'match', 'At most 4 elements of a namespace other than urn:example:constructs:model-groups are allowed ($any)', 'unexpected-element', (x) => x.replace('<z:z3 xmlns:z="urn:zz"/>', '$&<z:z4 xmlns:z="urn:zz"/>')],
    ];
    for (const [change, at, message, code, edit] of cases) {
      expect(() => op.serializeRequest({ person, ...most, ...change })).toThrow(`AddPerson.${at}: ${message}`);
      const bad = edit(xml);
      expect(bad).not.toBe(xml);
      const read = op.parseRequest(bad);
      expect(read.warnings.map((w) => [w.code, w.path, w.message])).toEqual([[code, `/Envelope/Body/AddPerson/${at}`, message]]);
      expect(read.body).toEqual({ person, ...most, ...change });
      let strict: unknown;
      try {
        op.parseRequest(bad, { strict: true });
      } catch (e) {
        strict = e;
      }
      expect(strict).toBeInstanceOf(ReadError);
      expect([(strict as ReadError).code, (strict as ReadError).path, (strict as ReadError).detail]).toEqual([code, `/Envelope/Body/AddPerson/${at}`, message]);
    }
  });

  it('a choice bounded in each occurrence of a repeated sequence: a full one begins the next occurrence, which needs its server (Sets)', () => {
    const op = modelGroups.operations.AddPerson;
    const person: modelGroups.Person = { given: ['Ann'], family: 'Lee' };
    const sets: modelGroups.Sets = { $sequence: [{ server: 'p', $choice: [{ serve: 's0' }, { volley: 'v1' }] }, { server: 'q', $choice: [{ serve: 's2' }] }] };
    expect(roundTrip(op, { person, sets }).back.sets).toEqual(sets);
    const one: modelGroups.Sets = { $sequence: [{ server: 'p', $choice: [{ serve: 's0' }, { volley: 'v1' }] }] };
    // Before, readers took a third stroke into the first occurrence, which holds two, and an
    // occurrence without strokes, both without a warning; writers refused both.
    const cases: Array<[modelGroups.Sets, modelGroups.Sets, string, string, (x: string) => string]> = [
      [one, { $sequence: [{ server: 'p', $choice: [{ serve: 's0' }, { volley: 'v1' }, { serve: 'sx' }] }] }, '$sequence[0]: The choice of serve, volley may occur at most 2 times', 'Missing required element server in $sequence[1]', (x) => x.replace(/(<(\w+):volley>v1<\/\2:volley>)/, '$1<$2:serve>sx</$2:serve>')],
      [sets, { $sequence: [{ server: 'p', $choice: [] }, { server: 'q', $choice: [{ serve: 's2' }] }] }, '$sequence[0]: Missing the required choice: one of serve, volley', 'Missing the required choice: one of serve, volley in $sequence[0]', (x) => x.replace(/<(\w+):serve>s0<\/\1:serve><\1:volley>v1<\/\1:volley>/, '')],
    ];
    for (const [valid, value, written, read, edit] of cases) {
      expect(() => op.serializeRequest({ person, sets: value })).toThrow(`AddPerson.sets.${written}`);
      const xml = op.serializeRequest({ person, sets: valid });
      const bad = edit(xml);
      expect(bad).not.toBe(xml);
      expect(op.parseRequest(bad).warnings.map((w) => [w.code, w.path, w.message])).toEqual([['missing-element', '/Envelope/Body/AddPerson/sets', read]]);
      expect(() => op.parseRequest(bad, { strict: true })).toThrow(read);
    }
  });

  it('repeated sequences whose children XML does not split: any split that fits is taken, and written back alike (Pairs, Relay, Rounds)', () => {
    const op = modelGroups.operations.AddPerson;
    const person: modelGroups.Person = { given: ['Ann'], family: 'Lee' };
    // Greedy reading took all an occurrence may hold before the next began: three cards and one,
    // three legs and one, both serves in one occurrence and none in the second.
    const valid: Array<Partial<modelGroups.AddPerson>> = [
      { pairs: { $sequence: [{ card: ['a', 'b'] }, { card: ['c', 'd'] }] } },
      { pairs: { $sequence: [{ card: ['a', 'b', 'c'] }, { card: ['d', 'e'] }] } },
      { relay: { $sequence: [{ leg: ['a', 'b'] }, { leg: ['c', 'd'] }] } },
      { relay: { $sequence: [{ leg: ['a', 'b'] }, { leg: ['c', 'd'], note: 'n' }, { leg: ['e', 'f'] }] } },
      { relay: { $sequence: [{ leg: ['a', 'b', 'c'] }, { leg: ['d', 'e', 'f'] }, { leg: ['g', 'h'] }, { leg: ['i', 'j'] }] } },
      { rounds: { $sequence: [{ $choice: [{ serve: 's0' }] }, { $choice: [{ serve: 's1' }] }] } },
      { rounds: { $sequence: [{ toss: 't', $choice: [{ serve: 's0' }] }, { $choice: [{ volley: 'v1' }] }] } },
    ];
    for (const change of valid) {
      const xml = op.serializeRequest({ person, ...change });
      const read = op.parseRequest(xml, { strict: true });
      expect(read.warnings).toEqual([]);
      expect(read.body).toEqual({ person, ...change });
      // Read, written and read again: the same value, the same XML.
      expect(op.serializeRequest(read.body)).toBe(xml);
    }
    // Where a split fits less greedily, the reader takes the split that keeps each occurrence as
    // full as a later fitting occurrence allows: five cards are three and two.
    const five = op.serializeRequest({ person, pairs: { $sequence: [{ card: ['a', 'b'] }, { card: ['c', 'd', 'e'] }] } });
    expect(op.parseRequest(five, { strict: true }).body.pairs).toEqual({ $sequence: [{ card: ['a', 'b', 'c'] }, { card: ['d', 'e'] }] });
    // No split fits: refused as before, with the greedy split's first fault.
    const cards = (n: number): string => op.serializeRequest({ person, pairs: { $sequence: [{ card: ['a', 'b'] }] } }).replace(/(<(\w+):pairs>)[^]*(<\/\2:pairs>)/, (_m, open: string, p: string, close: string) => open + Array.from({ length: n }, (_, i) => `<${p}:card>c${i}</${p}:card>`).join('') + close);
    const invalid: Array<[string, string, 'missing-element' | 'unexpected-element', string]> = [
      [cards(1), 'pairs', 'missing-element', 'Element card must occur at least 2 times in $sequence[0]'],
      [cards(7), 'pairs', 'unexpected-element', '$sequence allows at most 2 occurrences of its sequence'],
      [op.serializeRequest({ person, relay: { $sequence: [{ leg: ['a', 'b', 'c'], note: 'n' }] } }).replace(/(<(\w+):note>n<\/\2:note>)/, '$1<$2:leg>d</$2:leg>'), 'relay', 'missing-element', 'Element leg must occur at least 2 times in $sequence[1]'],
      [op.serializeRequest({ person, rounds: { $sequence: [{ toss: 't', $choice: [{ serve: 's0' }] }, { $choice: [{ serve: 's1' }] }] } }).replace(/<(\w+):serve>s1<\/\1:serve>/, ''), 'rounds', 'missing-element', '$sequence needs at least 2 occurrences of its sequence'],
    ];
    for (const [bad, at, code, message] of invalid) {
      const read = op.parseRequest(bad);
      expect(read.warnings.map((w) => [w.code, w.path, w.message])).toContainEqual([code, `/Envelope/Body/AddPerson/${at}`, message]);
      expect(() => op.parseRequest(bad, { strict: true })).toThrow(message);
    }
  });

  it('a choice that each occurrence of a repeated sequence holds two or three times: split where a split fits, its count checked where none does (Volleys)', () => {
    const op = modelGroups.operations.AddPerson;
    const person: modelGroups.Person = { given: ['Ann'], family: 'Lee' };
    const s = (i: number): { serve: string } => ({ serve: `s${i}` });
    // Four strokes are two and two, also with a fault after them; greedy reading took three and one.
    for (const volleys of [{ $sequence: [{ $choice: [s(0), s(1)] }, { $choice: [s(2), s(3)] }] }, { $sequence: [{ $choice: [s(0), s(1)] }, { $choice: [s(2), s(3)], fault: 'f' }] }]) {
      const xml = op.serializeRequest({ person, volleys });
      expect(op.parseRequest(xml, { strict: true }).body.volleys).toEqual(volleys);
    }
    // One stroke, or a fault between one and three: no split fits. Before, an occurrence needed one stroke only, and both were taken without a warning.
    const valid = op.serializeRequest({ person, volleys: { $sequence: [{ $choice: [s(0), s(1)], fault: 'f' }, { $choice: [s(2), s(3)] }] } });
    const message = (k: number): string => `The choice of serve, volley must occur at least 2 times in $sequence[${k}]`;
    for (const [bad, k] of [[valid.replace(/<(\w+):serve>s1<\/\1:serve>/, ''), 0], [valid.replace(/<(\w+):serve>s3<\/\1:serve>/, ''), 1]] as const) {
      expect(bad).not.toBe(valid);
      expect(op.parseRequest(bad).warnings.map((w) => [w.code, w.path, w.message])).toEqual([['missing-element', '/Envelope/Body/AddPerson/volleys', message(k)]]);
      expect(() => op.parseRequest(bad, { strict: true })).toThrow(message(k));
    }
  });

  it('an element of a repeated sequence after the particle that follows the sequence is out of order (Tiebreak)', () => {
    const op = modelGroups.operations.AddPerson;
    const person: modelGroups.Person = { given: ['Ann'], family: 'Lee' };
    // Within the sequence any order its occurrences allow: a let or a point may follow a point.
    const tiebreak: modelGroups.Tiebreak = { $sequence: [{ point: ['p0', 'p1'] }, { let: 'l', point: ['p2', 'p3', 'p4'] }], winner: 'w' };
    expect(roundTrip(op, { person, tiebreak }).back.tiebreak).toEqual(tiebreak);
    // Two points moved after the winner: before, read without a word, as a second occurrence.
    const xml = op.serializeRequest({ person, tiebreak: { $sequence: [{ point: ['p0', 'p1'] }, { point: ['p2', 'p3'] }], winner: 'w' } });
    const bad = xml.replace(/(<(\w+):point>p2<\/\2:point><\2:point>p3<\/\2:point>)(<\2:winner>w<\/\2:winner>)/, '$3$1');
    expect(bad).not.toBe(xml);
    const message = 'Element point is out of schema order';
    expect(() => op.parseRequest(bad, { strict: true })).toThrow(expect.objectContaining({ code: 'out-of-order', message: expect.stringContaining(message), path: '/Envelope/Body/AddPerson/tiebreak/point[3]' }));
    // Lenient: reported at the first of them, and the data kept.
    const read = op.parseRequest(bad);
    expect(read.warnings).toMatchObject([{ code: 'out-of-order', message, path: '/Envelope/Body/AddPerson/tiebreak/point[3]' }]);
    expect(read.body.tiebreak).toEqual({ $sequence: [{ point: ['p0', 'p1'] }, { point: ['p2', 'p3'] }], winner: 'w' });
  });

  it('writers refuse an occurrence of a repeated sequence holding both alternatives of its choice, or neither (Frames)', () => {
    const op = modelGroups.operations.AddPerson;
    const person: modelGroups.Person = { given: ['Ann'], family: 'Lee' };
    const frames: modelGroups.Frames = { $sequence: [{ spare: 'p0' }, { strike: 's1', bonus: 'b1' }], total: 't' };
    expect(roundTrip(op, { person, frames }).back.frames).toEqual(frames);
    // Before, written as given: an item with both alternatives, or with neither.
    expect(() => op.serializeRequest({ person, frames: { $sequence: [{ strike: 's0' }, { strike: 's1', spare: 'p1' }], total: 't' } })).toThrow(
      /^AddPerson\.frames\.\$sequence\[1\]: Give only one alternative of the choice: strike, or spare$/,
    );
    expect(() => op.serializeRequest({ person, frames: { $sequence: [{ bonus: 'b0' }], total: 't' } })).toThrow(/^AddPerson\.frames\.\$sequence\[0\]: Missing the required choice: one of strike, spare$/);
  });

  it('readers begin the next occurrence of a repeated sequence at the second alternative of its choice (Frames)', () => {
    const op = modelGroups.operations.AddPerson;
    const person: modelGroups.Person = { given: ['Ann'], family: 'Lee' };
    // Before, strike then spare were read as one item holding both.
    const frames: modelGroups.Frames = { $sequence: [{ strike: 's0' }, { spare: 'p1', bonus: 'b1' }, { spare: 'p2' }, { strike: 's3' }], total: 't' };
    expect(roundTrip(op, { person, frames }).back.frames).toEqual(frames);
  });

  it('a repeated alternative of the choice of a repeated sequence fills its occurrence; after another alternative it begins the next (Innings)', () => {
    const op = modelGroups.operations.AddPerson;
    const person: modelGroups.Person = { given: ['Ann'], family: 'Lee' };
    // Before, runs after an out were read into the out's item.
    const innings: modelGroups.Innings = { $sequence: [{ out: 'o0' }, { run: [1, 2, 3] }, { run: [4, 5], note: 'n' }, { run: [6] }, { out: 'o1' }] };
    expect(roundTrip(op, { person, innings }).back.innings).toEqual(innings);
  });

  it('readers report an occurrence of a repeated sequence without an alternative of its choice, and keep it (Frames)', () => {
    const op = modelGroups.operations.AddPerson;
    const person: modelGroups.Person = { given: ['Ann'], family: 'Lee' };
    const xml = op.serializeRequest({ person, frames: { $sequence: [{ strike: 's0', bonus: 'b0' }], total: 't' } });
    // A second bonus: an occurrence of its own, which has neither strike nor spare.
    const bad = xml.replace(/(<(\w+):bonus>b0<\/\2:bonus>)/, '$1<$2:bonus>b1</$2:bonus>');
    expect(bad).not.toBe(xml);
    const message = 'Missing the required choice: one of strike, spare in $sequence[1]';
    expect(() => op.parseRequest(bad, { strict: true })).toThrow(expect.objectContaining({ code: 'missing-element', message: expect.stringContaining(message) }));
    const read = op.parseRequest(bad);
    expect(read.warnings).toMatchObject([{ code: 'missing-element', message, path: '/Envelope/Body/AddPerson/frames' }]);
    expect(read.body.frames).toEqual({ $sequence: [{ strike: 's0', bonus: 'b0' }, { bonus: 'b1' }], total: 't' });
  });

  it('writers refuse an occurrence of a repeated sequence holding both alternatives of its choice, neither, or part of its sequence alternative (Scorecard)', () => {
    const op = modelGroups.operations.AddPerson;
    const person: modelGroups.Person = { given: ['Ann'], family: 'Lee' };
    const scorecard: modelGroups.Scorecard = { $sequence: [{ frame: 'f0', strike: 's0' }, { frame: 'f1', spare: 'p1', bonus: 'b1' }], total: 't' };
    expect(roundTrip(op, { person, scorecard }).back.scorecard).toEqual(scorecard);
    const write = (item: modelGroups.Scorecard['$sequence'][number]) => () => op.serializeRequest({ person, scorecard: { $sequence: [{ frame: 'f0', strike: 's0' }, item], total: 't' } });
    // Before, each written as given.
    const both = /^AddPerson\.scorecard\.\$sequence\[1\]: Give only one alternative of the choice: strike, or \(spare, bonus\)$/;
    expect(write({ frame: 'f1', strike: 's1', spare: 'p1', bonus: 'b1' })).toThrow(both);
    expect(write({ frame: 'f1', strike: 's1', bonus: 'b1' })).toThrow(both);
    expect(write({ frame: 'f1' })).toThrow(/^AddPerson\.scorecard\.\$sequence\[1\]: Missing the required choice: one of strike, spare$/);
    expect(write({ frame: 'f1', spare: 'p1' })).toThrow(/^AddPerson\.scorecard\.\$sequence\[1\]: Incomplete group \(spare, bonus\): it needs bonus$/);
    expect(write({ frame: 'f1', bonus: 'b1' })).toThrow(/^AddPerson\.scorecard\.\$sequence\[1\]: Missing the required choice: one of strike, spare$/);
  });

  it('readers report an occurrence of a repeated sequence with part of a sequence alternative of its choice, or elements of two alternatives, and keep it (Scorecard)', () => {
    const op = modelGroups.operations.AddPerson;
    const person: modelGroups.Person = { given: ['Ann'], family: 'Lee' };
    const xml = op.serializeRequest({ person, scorecard: { $sequence: [{ frame: 'f0', strike: 's0' }, { frame: 'f1', spare: 'p1', bonus: 'b1' }], total: 't' } });
    const path = '/Envelope/Body/AddPerson/scorecard';
    const cases: Array<[string, Array<{ code: string; message: string; path: string }>, Array<Record<string, string>>]> = [
      // The spare without its bonus.
      [xml.replace(/<(\w+):bonus>b1<\/\1:bonus>/, ''), [{ code: 'missing-element', message: 'Incomplete group (spare, bonus): it needs bonus in $sequence[1]', path }], [{ frame: 'f0', strike: 's0' }, { frame: 'f1', spare: 'p1' }]],
      // A bonus after the strike, which no occurrence begins with: the strike's occurrence holds it,
      // reported at the bonus. Before, it began the next occurrence, reported as lacking its frame
      // and a spare.
      [
        xml.replace(/(<(\w+):strike>s0<\/\2:strike>)/, '$1<$2:bonus>b0</$2:bonus>'),
        [{ code: 'choice-conflict', message: 'Element bonus is from another alternative of a choice than an element before it', path: `${path}/bonus[1]` }],
        [{ frame: 'f0', strike: 's0', bonus: 'b0' }, { frame: 'f1', spare: 'p1', bonus: 'b1' }],
      ],
      // A strike after the spare and its bonus: the spare's occurrence holds it.
      [
        xml.replace(/(<(\w+):bonus>b1<\/\2:bonus>)/, '$1<$2:strike>s1</$2:strike>'),
        [{ code: 'choice-conflict', message: 'Element strike is from another alternative of a choice than an element before it', path: `${path}/strike[2]` }],
        [{ frame: 'f0', strike: 's0' }, { frame: 'f1', spare: 'p1', bonus: 'b1', strike: 's1' }],
      ],
    ];
    for (const [bad, warnings, items] of cases) {
      expect(bad).not.toBe(xml);
      const [first] = warnings;
      expect(() => op.parseRequest(bad, { strict: true })).toThrow(expect.objectContaining({ ...first, message: expect.stringContaining(first?.message ?? '') }));
      const read = op.parseRequest(bad);
      expect(read.warnings).toMatchObject(warnings);
      expect(read.body.scorecard).toEqual({ $sequence: items, total: 't' });
    }
  });

  it('readers begin the next occurrence of a repeated sequence at any element of another alternative of its choice (Practice)', () => {
    const op = modelGroups.operations.AddPerson;
    const person: modelGroups.Person = { given: ['Ann'], family: 'Lee' };
    // Before, a spare after a strike was read into the strike's item, which then held both alternatives.
    const practice: modelGroups.Practice = { $sequence: [{ strike: 's0' }, { spare: 'p1' }, { lane: 'l2', foul: 'f2', spare: 'p2' }, { strike: 's3' }, { foul: 'f4', spare: 'p4' }], score: 'c' };
    expect(roundTrip(op, { person, practice }).back.practice).toEqual(practice);
  });

  it('writers refuse an occurrence of a repeated sequence whose sequence alternative holds fewer of a repeated element than its minOccurs, or more than its maxOccurs (Bowling)', () => {
    const op = modelGroups.operations.AddPerson;
    const person: modelGroups.Person = { given: ['Ann'], family: 'Lee' };
    const bowling: modelGroups.Bowling = { $sequence: [{ frame: 'f0', spare: 'p0', bonus: ['b0', 'b1'] }, { frame: 'f1', strike: 's1' }, { frame: 'f2', spare: 'p2', bonus: ['b2', 'b3', 'b4'] }], total: 't' };
    expect(roundTrip(op, { person, bowling }).back.bowling).toEqual(bowling);
    const write = (item: modelGroups.Bowling['$sequence'][number]) => () => op.serializeRequest({ person, bowling: { $sequence: [{ frame: 'f0', strike: 's0' }, item], total: 't' } });
    // Before, one bonus was written as given.
    expect(write({ frame: 'f1', spare: 'p1', bonus: ['b1'] })).toThrow(/^AddPerson\.bowling\.\$sequence\[1\]: Element bonus must occur at least 2 times$/);
    expect(write({ frame: 'f1', spare: 'p1', bonus: ['b1', 'b2', 'b3', 'b4'] })).toThrow(/^AddPerson\.bowling\.\$sequence\[1\]\.bonus: Element bonus may occur at most 3 times$/);
    expect(write({ frame: 'f1', spare: 'p1', bonus: [] })).toThrow(/^AddPerson\.bowling\.\$sequence\[1\]: Incomplete group \(spare, bonus\): it needs bonus$/);
  });

  it('readers report an occurrence of a repeated sequence whose sequence alternative holds too few or too many of a repeated element, and keep it (Bowling)', () => {
    const op = modelGroups.operations.AddPerson;
    const person: modelGroups.Person = { given: ['Ann'], family: 'Lee' };
    const xml = op.serializeRequest({ person, bowling: { $sequence: [{ frame: 'f0', strike: 's0' }, { frame: 'f1', spare: 'p1', bonus: ['b1', 'b2'] }], total: 't' } });
    const path = '/Envelope/Body/AddPerson/bowling';
    const cases: Array<[string, string, string, string[]]> = [
      // One bonus: before, read without a word.
      [xml.replace(/<(\w+):bonus>b2<\/\1:bonus>/, ''), 'missing-element', 'Element bonus must occur at least 2 times in $sequence[1]', ['b1']],
      // Four bonuses: before, the fourth began an occurrence of its own, reported as lacking its frame.
      [xml.replace(/(<(\w+):bonus>b2<\/\2:bonus>)/, '$1<$2:bonus>b3</$2:bonus><$2:bonus>b4</$2:bonus>'), 'unexpected-element', 'Element bonus may occur at most 3 times in $sequence[1]', ['b1', 'b2', 'b3', 'b4']],
    ];
    for (const [bad, code, message, bonus] of cases) {
      expect(bad).not.toBe(xml);
      expect(() => op.parseRequest(bad, { strict: true })).toThrow(expect.objectContaining({ code, message: expect.stringContaining(message), path }));
      const read = op.parseRequest(bad);
      expect(read.warnings).toMatchObject([{ code, message, path }]);
      expect(read.body.bowling).toEqual({ $sequence: [{ frame: 'f0', strike: 's0' }, { frame: 'f1', spare: 'p1', bonus }], total: 't' });
    }
  });

  it('readers keep bonuses after a strike in the strike\'s occurrence and report them as another alternative of its choice (Bowling)', () => {
    const op = modelGroups.operations.AddPerson;
    const person: modelGroups.Person = { given: ['Ann'], family: 'Lee' };
    const xml = op.serializeRequest({ person, bowling: { $sequence: [{ frame: 'f0', strike: 's0' }, { frame: 'f1', spare: 'p1', bonus: ['b1', 'b2'] }], total: 't' } });
    // Before, they began an occurrence of their own, reported as lacking its frame and its choice.
    const bad = xml.replace(/(<(\w+):strike>s0<\/\2:strike>)/, '$1<$2:bonus>b0</$2:bonus><$2:bonus>b00</$2:bonus>');
    expect(bad).not.toBe(xml);
    const warning = { code: 'choice-conflict', message: 'Element bonus is from another alternative of a choice than an element before it', path: '/Envelope/Body/AddPerson/bowling/bonus[1]' };
    expect(() => op.parseRequest(bad, { strict: true })).toThrow(expect.objectContaining({ ...warning, message: expect.stringContaining(warning.message) }));
    const read = op.parseRequest(bad);
    expect(read.warnings).toMatchObject([warning]);
    expect(read.body.bowling).toEqual({ $sequence: [{ frame: 'f0', strike: 's0', bonus: ['b0', 'b00'] }, { frame: 'f1', spare: 'p1', bonus: ['b1', 'b2'] }], total: 't' });
    // Writers refuse such an item.
    expect(() => op.serializeRequest({ person, bowling: read.body.bowling ?? { $sequence: [], total: '' } })).toThrow(/^AddPerson\.bowling\.\$sequence\[0\]: Give only one alternative of the choice: strike, or \(spare, bonus\)$/);
  });

  it('abstract types: xsi:type names the concrete type; $type comes back', () => {
    const body: abstractTypes.Checkout = [
      { $type: 'CardPayment', amount: '10.50', cardNumber: '4111', expires: '2030-01' },
      { $type: 'InstantTransfer', amount: '3', iban: 'DE00', network: 'SEPA' },
    ];
    const { xml, back } = roundTrip(abstractTypes.operations.Checkout, body);
    expect(xml).toMatch(/xsi:type="\w+:CardPayment"/);
    expect(xml).toMatch(/xsi:type="\w+:InstantTransfer"/);
    expect(back).toEqual(body);
  });

  it('an xsi:type on an element of an anonymous type is reported: no type derives from one', () => {
    const op = anonymous.operations.PlaceOrder;
    const order: anonymous.Order = { status: 'open', line: [{ quantity: 2n, product: { code: 'p', status: 'inStock' } }] };
    const xml = op.serializeRequest(order).replace(/<(\w+):line>/, '<$1:line xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xs="http://www.w3.org/2001/XMLSchema" xsi:type="xs:anyType">');
    const read = op.parseRequest(xml);
    expect(read.body).toEqual(order);
    expect(read.warnings.map((w) => [w.code, w.message])).toEqual([
      ['unknown-type', "xsi:type {http://www.w3.org/2001/XMLSchema}anyType names a type, but the element's type is anonymous, and no type can derive from it; the element is read by its declaration"],
    ]);
  });

  it('abstract types: an element of an abstract type without xsi:type is refused', () => {
    const xml = abstractTypes.operations.Checkout.serializeRequest([{ $type: 'BankTransfer', amount: '1', iban: 'X' }]).replace(/ xsi:type="[^"]*"/, '');
    expect(() => abstractTypes.operations.Checkout.parseRequest(xml)).toThrow(ReadError);
  });

  it('abstract types: an xsi:type that is no QName in scope is a ReadError at the attribute', () => {
    const xml = abstractTypes.operations.Checkout.serializeRequest([{ $type: 'BankTransfer', amount: '1', iban: 'X' }]);
    // Before: a bare ValueError, with no path and no line.
    for (const bad of ['zz:BankTransfer', '1bad']) {
      const text = xml.replace(/ xsi:type="[^"]*"/, ` xsi:type="${bad}"`);
      const strict = (() => {
        try {
          abstractTypes.operations.Checkout.parseRequest(text, { strict: true });
        } catch (e) {
          return e;
        }
        return undefined;
      })();
      expect(strict).toBeInstanceOf(ReadError);
      expect([(strict as ReadError).code, (strict as ReadError).path]).toEqual(['invalid-value', expect.stringMatching(/\/@type$/)]);
      expect(() => abstractTypes.operations.Checkout.parseRequest(text)).toThrow(/unknown-type/);
    }
  });

  it('abstract types: an element of an abstract type nothing derives from is read as it is and refused when written', () => {
    const op = abstractTypes.operations.Checkout;
    // Other schemas may derive from Voucher (xsi:type); without one, the element is invalid.
    expect(() => op.serializeResponse({ voucher: { code: 'V1' } })).toThrow(
      /^CheckoutResponse\.voucher: Type \{urn:example:constructs:abstract-types\}Voucher is abstract, and the package knows no type derived from it/,
    );
    const xml = op.serializeResponse({}).replace(/<(\w+):CheckoutResponse><\/\1:CheckoutResponse>/, '<$1:CheckoutResponse><$1:voucher><$1:code>V1</$1:code></$1:voucher></$1:CheckoutResponse>');
    expect(xml).toContain(':voucher>');
    expect(op.parseResponse(xml).body).toEqual({ voucher: { code: 'V1' } });
  });

  it('abstract types: a nil element names a concrete type; one nothing derives from is refused, nil or simple content', () => {
    const op = abstractTypes.operations.Checkout;
    // Without xsi:type a nil element is still of the abstract type, which validators refuse.
    const xml = op.serializeResponse({ refund: null });
    expect(xml).toMatch(/<(\w+):refund xsi:type="\1:BankTransfer" xsi:nil="true"\/>/);
    expect(op.parseResponse(xml, { strict: true }).body).toEqual({ refund: null });
    // Readers take one without it, as WCF writes it, for null as well.
    const untyped = xml.replace(/ xsi:type="\w+:BankTransfer"/, '');
    expect(untyped).not.toBe(xml);
    expect(op.parseResponse(untyped, { strict: true }).body).toEqual({ refund: null });
    // So does one that keeps its attributes (an XmlNil).
    const fee: abstractTypes.CheckoutResponse['fee'] = { $nil: true, $anyAttributes: [{ namespace: 'urn:ser', localName: 'Ref', value: 'i1' }] };
    const kept = op.serializeResponse({ fee });
    expect(kept).toMatch(/<(\w+):fee xsi:type="\1:FlatFee" xmlns:(\w+)="urn:ser" \2:Ref="i1" xsi:nil="true"\/>/);
    expect(op.parseResponse(kept, { strict: true }).body).toEqual({ fee });
    // Before, the nil element was written without a type, and Token as its text.
    const refused = /^CheckoutResponse\.(lastVoucher|token): Type \{urn:example:constructs:abstract-types\}(Voucher|Token) is abstract, and the package knows no type derived from it/;
    expect(() => op.serializeResponse({ lastVoucher: null })).toThrow(refused);
    expect(() => op.serializeResponse({ token: 't' })).toThrow(refused);
    // Nor one of a type that requires an element that cannot appear (before, written without it).
    expect(() => op.serializeResponse({ stamped: { id: 's' } })).toThrow(
      /^CheckoutResponse\.stamped: Type \{urn:example:constructs:abstract-types\}Stamped has no valid instance: it requires element \{urn:example:constructs:abstract-types\}Stamp/,
    );
  });

  it('nillable: null is written as xsi:nil and read back as null, in single and repeated positions', () => {
    const body: nillable.UpdateProfile = { name: null, age: null, address: null, phone: ['1', null, '3'], birthday: '2000-01-01' };
    const { xml, back } = roundTrip(nillable.operations.UpdateProfile, body);
    expect(xml.match(/xsi:nil="true"/g)).toHaveLength(4);
    expect(back).toEqual(body);
  });

  it('nillable: a nil element with content, and an xsi:nil that is no boolean, are reported', () => {
    const op = nillable.operations.UpdateProfile;
    const xml = op.serializeRequest({ name: null, address: null, birthday: '2000-01-01' });
    // Before, the content was dropped without a word, and xsi:nil="yes" read as not nil silently.
    const content = op.parseRequest(xml.replace(/(<(\w+):name) xsi:nil="true"\/>/, '$1 xsi:nil="true">Ann</$2:name>'));
    expect(content.body.name).toBeNull();
    expect(content.warnings).toMatchObject([{ code: 'nil-content', message: 'Element name is nil (xsi:nil) but has content, which is not kept', path: '/Envelope/Body/UpdateProfile/name' }]);
    const yes = op.parseRequest(xml.replace(/(<(\w+):name) xsi:nil="true"\/>/, '$1 xsi:nil="yes">Ann</$2:name>'));
    expect(yes.body.name).toBe('Ann');
    expect(yes.warnings).toMatchObject([{ code: 'invalid-value', message: 'xsi:nil="yes" is not a boolean (true, false, 1 or 0); the element is read as not nil' }]);
    expect(() => op.parseRequest(xml.replace(/(<(\w+):name) xsi:nil="true"\/>/, '$1 xsi:nil="true"> </$2:name>'), { strict: true })).toThrow(/has content/);
    expect(op.parseRequest(xml.replace('xsi:nil="true"', 'xsi:nil=" 1 "'), { strict: true }).body.name).toBeNull();
  });

  it('nillable: an element with a fixed value is never null, as XML Schema lets none be nil', () => {
    const op = nillable.operations.UpdateProfile;
    const body: nillable.UpdateProfile = { name: 'n', address: null, birthday: '2000-01-01', schema: 'v1' };
    const { xml, back } = roundTrip(op, body);
    expect(back.schema).toBe('v1');
    // Before, schema was string | null: null was written as xsi:nil, which validators refuse, and a
    // nil one was read as null. As for any element that is not nillable, the reader takes its
    // content, here empty: the fixed value, and reports the xsi:nil, as libxml2 refuses it.
    // (The type check of the tests sees the expected error.)
    // @ts-expect-error: no null for an element with a fixed value
    const nil: nillable.UpdateProfile = { ...body, schema: null };
    void nil;
    const nilled = xml.replace(/<(\w+):schema>v1<\/\1:schema>/, '<$1:schema xsi:nil="true"/>');
    const lenient = op.parseRequest(nilled);
    expect(lenient.body.schema).toBe('v1');
    expect(lenient.warnings.map((w) => [w.code, w.path])).toEqual([['not-nillable', '/Envelope/Body/UpdateProfile/schema/@nil']]);
    expect(() => op.parseRequest(nilled, { strict: true })).toThrow(/Element schema cannot be nil \(it is not nillable, or its value is fixed\)/);
  });

  it('nillable: xsi:nil, even "false", only where the element is nillable; no attribute on a simple-typed element', () => {
    const op = nillable.operations.UpdateProfile;
    const xml = op.serializeRequest({ name: 'n', address: { city: 'c' }, birthday: '2000-01-01' });
    const codes = (text: string): string[][] => op.parseRequest(text).warnings.map((w) => [w.code, w.path.replace('/Envelope/Body/UpdateProfile', '')]);
    // Nillable elements take xsi:nil="false" as they come.
    expect(codes(xml.replace(/<(\w+):name>/, '<$1:name xsi:nil="false">').replace(/<(\w+):address>/, '<$1:address xsi:nil="false">'))).toEqual([]);
    // Before, each of these was read as if the attribute were not there, even under strict (libxml2 refuses them).
    expect(codes(xml.replace(/<(\w+):city>c<\/\1:city>/, '<$1:city xsi:nil="true"/>'))).toEqual([['not-nillable', '/address/city/@nil']]);
    expect(codes(xml.replace(/<(\w+):UpdateProfile\b/, '<$1:UpdateProfile xsi:nil="false"'))).toEqual([['not-nillable', '/@nil']]);
    expect(codes(xml.replace(/<(\w+):city>/, '<$1:city lang="en">'))).toEqual([['unexpected-attribute', '/address/city/@lang']]);
    expect(() => op.parseRequest(xml.replace(/<(\w+):city>/, '<$1:city xsi:nil="false">'), { strict: true })).toThrow(/not-nillable/);
  });

  it('nillable: a nil element of a type with attributes keeps them (as WCF\'s z:Ref), both ways', () => {
    const op = nillable.operations.UpdateProfile;
    const xml = op.serializeRequest({ name: 'n', address: null, birthday: '2000-01-01' }).replace(/(<\w+:address) (xsi:nil="true")/, '$1 kind="home" $2');
    expect(xml).toContain('kind="home" xsi:nil="true"');
    // Before, the attribute was dropped: null, and not a word.
    const back = op.parseRequest(xml, { strict: true });
    const nilWithKind = { $nil: true, $anyAttributes: [{ namespace: '', localName: 'kind', value: 'home' }] };
    expect(back.body.address).toEqual(nilWithKind);
    expect(back.warnings).toEqual([]);
    const again = op.serializeRequest(back.body);
    expect(again).toMatch(/<(\w+):address kind="home" xsi:nil="true"\/>/);
    expect(op.parseRequest(again, { strict: true }).body).toEqual(back.body);
    // A type without attributes has nowhere to keep them: reported.
    const name = op.parseRequest(xml.replace(/(<\w+:name)>n</, '$1 kind="x" xsi:nil="true"><'));
    expect(name.warnings).toMatchObject([{ code: 'nil-attributes', path: '/Envelope/Body/UpdateProfile/name' }]);
  });

  it('nillable: a nil element carries the attributes its type requires, as an XmlNil, not null', () => {
    const op = nillable.operations.UpdateProfile;
    const base: nillable.UpdateProfile = { name: 'n', address: null, birthday: '2000-01-01' };
    // Before, null was written as <source xsi:nil="true"/>, which lacks the required ref.
    expect(() => op.serializeRequest({ ...base, source: null })).toThrow(/^UpdateProfile\.source: A nil element needs the attributes its type requires \(ref\): give an XmlNil carrying them, not null$/);
    expect(() => op.serializeRequest({ ...base, source: { $nil: true, $anyAttributes: [] } })).toThrow(/not one without$/);
    const source = { $nil: true as const, $anyAttributes: [{ namespace: '', localName: 'ref', value: 'r1' }] };
    const { xml, back } = roundTrip(op, { ...base, source });
    expect(xml).toMatch(/<(\w+):source ref="r1" xsi:nil="true"\/>/);
    expect(back.source).toEqual(source);
    // Read without it: kept as it came (null), and reported.
    const bare = op.parseRequest(xml.replace(' ref="r1"', ''));
    expect(bare.body.source).toBeNull();
    expect(bare.warnings.map((w) => [w.code, w.path])).toEqual([['missing-attribute', '/Envelope/Body/UpdateProfile/source']]);
  });

  it('xs:any and xs:anyAttribute keep foreign XML and attributes', () => {
    const body: anyPkg.Submit = {
      item: [{ id: 'a', version: 2, $any: [{ namespace: 'urn:other', localName: 'extra', xml: '<o:extra xmlns:o="urn:other" n="1">x &amp; y<o:deep/></o:extra>' }] }],
      payload: { $any: [{ namespace: 'urn:other', localName: 'blob', xml: '<o:blob xmlns:o="urn:other">42</o:blob>' }] },
      $anyAttributes: [{ namespace: 'urn:other', localName: 'trace', value: 't-1' }],
    };
    const { back } = roundTrip(anyPkg.operations.Submit, body);
    expect(back.item[0]?.$any?.[0]?.xml).toContain('x &amp; y');
    expect(back.payload.$any?.[0]?.localName).toBe('blob');
    expect(back.$anyAttributes).toEqual([{ namespace: 'urn:other', localName: 'trace', value: 't-1' }]);
  });

  it('writers give a wildcard attribute of the xsi namespace the message\'s xsi prefix, not a declaration of its own', () => {
    const XSI = 'http://www.w3.org/2001/XMLSchema-instance';
    const body: anyPkg.Submit = {
      item: [{ id: 'a' }],
      payload: { $any: [{ namespace: 'urn:other', localName: 'blob', xml: '<o:blob xmlns:o="urn:other"/>' }] },
      $anyAttributes: [
        { namespace: XSI, localName: 'schemaLocation', value: 'urn:other o.xsd' },
        { namespace: 'urn:other', localName: 'trace', value: 't-1' },
      ],
    };
    const { xml, back } = roundTrip(anyPkg.operations.Submit, body);
    // Before: <a:Submit xmlns:a_1="...XMLSchema-instance" xmlns:a_2="urn:other" a_1:schemaLocation=...
    // a_2:trace=...>, declaring again the namespace the envelope binds to xsi.
    expect(xml).toBe(
      `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="${SOAP11}" xmlns:xsi="${XSI}" xmlns:a="urn:example:constructs:any"><soap:Body>` +
        '<a:Submit xmlns:a_1="urn:other" xsi:schemaLocation="urn:other o.xsd" a_1:trace="t-1"><a:item><a:id>a</a:id></a:item><a:payload><o:blob xmlns:o="urn:other"/></a:payload></a:Submit>' +
        '</soap:Body></soap:Envelope>',
    );
    // The attributes read back as given, by expanded name.
    const submit = runtime.parseXml(xml).children[0]?.children[0];
    expect(submit?.attrs.map((a) => ({ namespace: a.ns, localName: a.local, value: a.value }))).toEqual(body.$anyAttributes);
    // The generated reader passes xsi attributes over, this one too, as it did before: what it keeps is unchanged.
    expect(back.$anyAttributes).toEqual([{ namespace: 'urn:other', localName: 'trace', value: 't-1' }]);
  });

  it('writers refuse a wildcard attribute that repeats a declared one, or is xsi:type or xsi:nil', () => {
    const op = anyPkg.operations.Submit;
    const note = (namespace: string, localName: string): anyPkg.Submit => ({ item: [{ id: 'a' }], payload: { $any: [{ namespace: 'urn:other', localName: 'blob', xml: '<o:blob xmlns:o="urn:other"/>' }] }, note: { author: 'me', $anyAttributes: [{ namespace, localName, value: 'x' }] } });
    expect(() => op.serializeRequest(note('urn:other', 'author'))).not.toThrow();
    // Before: author="me" author="x", which no XML parser reads, and an xsi:nil the element's type does not allow.
    expect(() => op.serializeRequest(note('', 'author'))).toThrow('Submit.note: Attribute author is declared by the type: give it as its property, not in $anyAttributes');
    expect(() => op.serializeRequest(note('http://www.w3.org/2001/XMLSchema-instance', 'nil'))).toThrow('Submit.note: xsi:nil is written from the value (null), not from $anyAttributes');
    expect(() => op.serializeRequest(note('http://www.w3.org/2001/XMLSchema-instance', 'type'))).toThrow(SerializeError);
  });

  it('writers refuse an XmlAnyElement whose xml is not the one well-formed element it names', () => {
    const op = anyPkg.operations.Submit;
    const blob = (xml: string, localName = 'blob'): anyPkg.Submit => ({ item: [{ id: 'a' }], payload: { $any: [{ namespace: 'urn:other', localName, xml }] } });
    expect(() => op.serializeRequest(blob('<o:blob xmlns:o="urn:other">1</o:blob>'))).not.toThrow();
    // Before, each was pasted as it came: a broken message, an element injected beside it, another element than the one the namespace test let through.
    for (const [xml, message] of [
      ['<o:blob xmlns:o="urn:other">', /^Submit\.payload: The xml of \{urn:other\}blob is not one well-formed element: /],
      ['<o:blob xmlns:o="urn:other"/></a:payload><a:payload>', /^Submit\.payload: The xml of \{urn:other\}blob is not one well-formed element: /],
      ['<o:blob xmlns:o="urn:other"/><o:blob xmlns:o="urn:other"/>', /^Submit\.payload: The xml of \{urn:other\}blob is not one well-formed element: A second root element/],
      ['<blob xmlns="urn:example:constructs:any"/>', /^Submit\.payload: The xml is element \{urn:example:constructs:any\}blob, but the value says \{urn:other\}blob$/],
      ['<o:blob/>', /^Submit\.payload: The xml of \{urn:other\}blob is not one well-formed element: /],
      ['x<o:blob xmlns:o="urn:other"/>', /^Submit\.payload: The xml of \{urn:other\}blob must be one element, starting with its start tag$/],
      ['<?xml version="1.0"?><o:blob xmlns:o="urn:other"/>', /^Submit\.payload: The xml of \{urn:other\}blob must be one element, starting with its start tag$/],
    ] as const) {
      expect(() => op.serializeRequest(blob(xml))).toThrow(SerializeError);
      expect(() => op.serializeRequest(blob(xml))).toThrow(message);
    }
  });

  it("wildcards at the same place of a choice's alternatives are one property: PGPData's foreign elements come back where they were, and are no alternative alone", () => {
    const ext = { namespace: 'urn:other', localName: 'Ext', xml: '<o:Ext xmlns:o="urn:other">1</o:Ext>' };
    const base: anyPkg.Submit = { item: [{ id: 'a' }], payload: { $any: [ext] } };
    // The second alternative (PGPKeyPacket, then foreign elements) and the first.
    for (const pgp of [{ PGPKeyPacket: new Uint8Array([1]), $any: [ext] }, { PGPKeyID: new Uint8Array([2]), PGPKeyPacket: new Uint8Array([3]), $any: [ext, ext] }]) {
      const { xml, back } = roundTrip(anyPkg.operations.Submit, { ...base, pgp });
      expect(back.pgp).toEqual(pgp);
      expect(xml).toMatch(/<(\w+):PGPKeyPacket>[^<]*<\/\1:PGPKeyPacket>(<o:Ext xmlns:o="urn:other">1<\/o:Ext>)+<\/\1:pgp>/);
    }
    // Foreign elements alone are neither alternative: each needs its PGPKeyID or PGPKeyPacket first.
    const op = anyPkg.operations.Submit;
    expect(() => op.serializeRequest({ ...base, pgp: { $any: [ext] } })).toThrow(/^Submit\.pgp: Missing the required choice: one of PGPKeyID, PGPKeyPacket$/);
    const xml = op.serializeRequest({ ...base, pgp: { PGPKeyPacket: new Uint8Array([1]), $any: [ext] } }).replace(/<(\w+):PGPKeyPacket>[^<]*<\/\1:PGPKeyPacket>/, '');
    expect(op.parseRequest(xml).warnings.map((w) => [w.code, w.message])).toEqual([['missing-element', 'Missing the required choice: one of PGPKeyID, PGPKeyPacket']]);
  });

  it("an element that occurs once, again, is a later wildcard's when it admits the name (Record, as Salesforce's sObject repeats Id)", () => {
    const base: anyPkg.Submit = { item: [{ id: 'a' }], payload: { $any: [{ namespace: 'urn:other', localName: 'p', xml: '<o:p xmlns:o="urn:other"/>' }] } };
    const ns = 'urn:example:constructs:any';
    const again = (localName: string, text: string): XmlAnyElement => ({ namespace: ns, localName, xml: `<r:${localName} xmlns:r="${ns}">${text}</r:${localName}>` });
    const record: anyPkg.Record_ = { kind: 'Contact', key: 'k1', $any: [again('key', 'k1'), again('name', 'Ann'), again('kind', 'x')] };
    // Before, the second key and kind were dropped with an unexpected-element warning.
    expect(roundTrip(anyPkg.operations.Submit, { ...base, record }).back.record).toEqual(record);
  });

  it('a wildcard that occurs once in a repeated sequence: the next foreign element begins the next occurrence (Stickers)', () => {
    const base: anyPkg.Submit = { item: [{ id: 'a' }], payload: { $any: [{ namespace: 'urn:other', localName: 'p', xml: '<o:p xmlns:o="urn:other"/>' }] } };
    const sticker = (n: number): XmlAnyElement => ({ namespace: 'urn:other', localName: `s${n}`, xml: `<o:s${n} xmlns:o="urn:other"/>` });
    // Before, both stickers were read into the first occurrence, which holds one.
    const stickers: anyPkg.Stickers = { $sequence: [{ $any: [sticker(1)] }, { $any: [sticker(2)], note: 'n' }, { $any: [sticker(3)] }] };
    expect(roundTrip(anyPkg.operations.Submit, { ...base, stickers }).back.stickers).toEqual(stickers);
    // A second note begins an occurrence without its foreign element: before, it was taken silently.
    const { xml } = roundTrip(anyPkg.operations.Submit, { ...base, stickers: { $sequence: [{ $any: [sticker(1)], note: 'n' }] } });
    const twice = xml.replace(/(<(\w+):note>n<\/\2:note>)/, '$1$1');
    expect(twice).not.toBe(xml);
    expect(anyPkg.operations.Submit.parseRequest(twice).warnings.map((w) => [w.code, w.path, w.message])).toEqual([
      ['missing-element', '/Envelope/Body/Submit/stickers', 'Missing required content: an element of a namespace other than urn:example:constructs:any ($any) in $sequence[1]'],
    ]);
  });

  it('a name after a repeated sequence\'s wildcard is the sequence\'s, not the earlier place\'s (Stamps)', () => {
    const base: anyPkg.Submit = { item: [{ id: 'a' }], payload: { $any: [{ namespace: 'urn:other', localName: 'p', xml: '<o:p xmlns:o="urn:other"/>' }] } };
    const stamp = (n: number): XmlAnyElement => ({ namespace: 'urn:other', localName: `s${n}`, xml: `<o:s${n} xmlns:o="urn:other"/>` });
    // Before, the note after the first stamp went to the first note, which the stamp had passed.
    for (const stamps of [{ $sequence: [{ $any: [stamp(1)], note_2: 'n' }] }, { note: ['a'], $sequence: [{ $any: [stamp(1)] }, { $any: [stamp(2)], note_2: 'b' }] }]) {
      expect(roundTrip(anyPkg.operations.Submit, { ...base, stamps }).back.stamps).toEqual(stamps);
    }
  });

  it('wildcards next to each other: the first takes what it may, the next one the rest (Pair)', () => {
    const op = anyPkg.operations.Submit;
    const other = (n: number): XmlAnyElement => ({ namespace: 'urn:other', localName: `o${n}`, xml: `<o:o${n} xmlns:o="urn:other"/>` });
    const base: anyPkg.Submit = { item: [{ id: 'a' }], payload: { $any: [other(0)] } };
    // Before, the first wildcard took every element, and the package did not type-check when its
    // namespaces excluded the second's.
    const pair: anyPkg.Pair = { $any: [other(1)], $any2: [other(2), other(3)] };
    expect(roundTrip(op, { ...base, pair }).back.pair).toEqual(pair);
    expect(() => op.serializeRequest({ ...base, pair: { $any: [other(1), other(2)] } })).toThrow(/^Submit\.pair: At most one element of a namespace other than urn:example:constructs:any is allowed \(\$any\)$/);
  });

  it('wildcards on both sides of an element, the later of a namespace the earlier admits: each keeps its place (Around)', () => {
    const op = anyPkg.operations.Submit;
    const el = (ns: string, n: number): XmlAnyElement => ({ namespace: ns, localName: `x${n}`, xml: `<p:x${n} xmlns:p="${ns}"/>` });
    const base: anyPkg.Submit = { item: [{ id: 'a' }], payload: { $any: [el('urn:other', 0)] } };
    // Before, the package did not type-check: the element's namespace test tested the second
    // wildcard's namespace after the first had taken it.
    const around: anyPkg.Around = { $any: [el('urn:other', 1), el('urn:third', 2)], mid: 'm', $any2: [el('urn:other', 3)] };
    const { xml, back } = roundTrip(op, { ...base, around });
    expect(xml).toMatch(/<p:x2 xmlns:p="urn:third"\/><(\w+):mid>m<\/\1:mid><p:x3 xmlns:p="urn:other"\/>/);
    expect(back.around).toEqual(around);
    // After mid, an element only the first wildcard admits stands out of order (ONVIF's vendor
    // elements after tt:Imaging): kept there, and reported; before, not a word even under strict.
    const late = xml.replace(/(<(\w+):mid>m<\/\2:mid>)/, '$1<q:late xmlns:q="urn:third"/>');
    const read = op.parseRequest(late);
    expect(read.body.around?.$any?.map((e) => e.localName)).toEqual(['x1', 'x2', 'late']);
    expect(read.warnings).toMatchObject([{ code: 'out-of-order', message: 'Element late is out of schema order', path: '/Envelope/Body/Submit/around/late' }]);
    expect(() => op.parseRequest(late, { strict: true })).toThrow(/Element late is out of schema order/);
  });

  it('wildcards of one namespace on both sides of an optional element: without it, the first takes one and the second the next (Gap)', () => {
    const op = anyPkg.operations.Submit;
    const other = (n: number): XmlAnyElement => ({ namespace: 'urn:other', localName: `o${n}`, xml: `<o:o${n} xmlns:o="urn:other"/>` });
    const base: anyPkg.Submit = { item: [{ id: 'a' }], payload: { $any: [other(0)] } };
    // Before, the first wildcard took both, with a warning that it allows one.
    for (const gap of [{ $any: [other(1)], $any2: [other(2)] }, { $any: [other(1)], mid: 'm', $any2: [other(2)] }, { $any: [other(1)] }]) {
      expect(roundTrip(op, { ...base, gap }).back.gap).toEqual(gap);
    }
    // A third element has no place: the second wildcard keeps it, and says it allows one.
    const xml = op.serializeRequest({ ...base, gap: { $any: [other(1)], $any2: [other(2)] } }).replace('<o:o2 xmlns:o="urn:other"/>', '$&<o:o3 xmlns:o="urn:other"/>');
    const read = op.parseRequest(xml);
    expect(read.body.gap).toEqual({ $any: [other(1)], $any2: [other(2), other(3)] });
    expect(read.warnings.map((w) => w.message)).toEqual(['At most one element of only urn:other is allowed ($any2)']);
  });

  it('one optional name before and after a wildcard: after a foreign element, the name is the second place\'s (Echo)', () => {
    const op = anyPkg.operations.Submit;
    const other: XmlAnyElement = { namespace: 'urn:other', localName: 'o', xml: '<o:o xmlns:o="urn:other"/>' };
    const base: anyPkg.Submit = { item: [{ id: 'a' }], payload: { $any: [other] } };
    // Before, the reader did not count the wildcard as a step: the second echo went to the first place.
    for (const echo of [{ $any: [other], echo_2: 'b' }, { echo: 'a', $any: [other] }, { echo: 'a', $any: [other], echo_2: 'b' }]) {
      expect(roundTrip(op, { ...base, echo }).back.echo).toEqual(echo);
    }
  });

  it('a repeated sequence of one choice keeps its items in document order, as a repeated choice does (X509Data)', () => {
    const ext = { namespace: 'urn:other', localName: 'Ext', xml: '<o:Ext xmlns:o="urn:other">1</o:Ext>' };
    const x509: anyPkg.X509Data = [{ certificate: new Uint8Array([1]) }, { subjectName: 'CN=a' }, { $any: ext }, { certificate: new Uint8Array([2]) }];
    const { xml, back } = roundTrip(anyPkg.operations.Submit, { item: [{ id: 'a' }], payload: { $any: [ext] }, x509 });
    expect(back.x509).toEqual(x509);
    // Before, one array per name: both certificates first, then the subject name.
    expect(xml).toMatch(/<(\w+):certificate>AQ==<\/\1:certificate><\1:subjectName>CN=a<\/\1:subjectName><o:Ext xmlns:o="urn:other">1<\/o:Ext><\1:certificate>Ag==</);
    expect(() => anyPkg.operations.Submit.serializeRequest({ item: [{ id: 'a' }], payload: { $any: [ext] }, x509: [] })).toThrow(/^Submit\.x509: Missing the required choice: one of subjectName, certificate, \$any$/);
  });

  it('a repeated sequence of one choice amid other content is a repeated choice, its items in document order (Roster)', () => {
    const person: modelGroups.Person = { given: ['Ann'], family: 'Lee' };
    const roster: modelGroups.Roster = { title: 'T', $choice: [{ guest: 'g1' }, { member: 'm1' }, { guest: 'g2' }], $choice2: [{ phone: '1' }, { email: 'e' }] };
    const { xml, back } = roundTrip(modelGroups.operations.AddPerson, { person, roster });
    expect(back.roster).toEqual(roster);
    // Before, one array per name: both guests first, then the member; phone before email was lost alike.
    expect(xml).toMatch(/<(\w+):guest>g1<\/\1:guest><\1:member>m1<\/\1:member><\1:guest>g2<\/\1:guest><\1:phone>1<\/\1:phone><\1:email>e</);
    // <sequence maxOccurs="2"> of a required choice asks for at least one item.
    expect(() => modelGroups.operations.AddPerson.serializeRequest({ person, roster: { title: 'T', $choice2: [] } })).toThrow(/^AddPerson\.roster: Missing the required choice: one of email, phone$/);
  });

  it('a sequence alternative that takes elements from a named group is an item of its own, in document order (Waypoints)', () => {
    const person: modelGroups.Person = { given: ['Ann'], family: 'Lee' };
    const waypoints: modelGroups.Waypoints = [{ place: 'A' }, { $sequence: { lat: '1.5', lon: '2' } }, { $sequence: { lat: '3', lon: '4', alt: 5 } }, { place: 'B' }];
    const { xml, back } = roundTrip(modelGroups.operations.AddPerson, { person, waypoints });
    expect(back.waypoints).toEqual(waypoints);
    // Before, one array per name (CHOICE_ORDER_NOT_KEPT): both lats, then both lons, which no validator takes.
    expect(xml).toMatch(/<(\w+):place>A<\/\1:place><\1:lat>1.5<\/\1:lat><\1:lon>2<\/\1:lon><\1:lat>3<\/\1:lat><\1:lon>4<\/\1:lon><\1:alt>5<\/\1:alt><\1:place>B</);
  });

  it('a sequence alternative holding a choice is an item that takes one of its alternatives (Directory)', () => {
    const person: modelGroups.Person = { given: ['Ann'], family: 'Lee' };
    const op = modelGroups.operations.AddPerson;
    const directory: modelGroups.Directory = [{ heading: 'A' }, { $sequence: { entry: 'Ann', email: 'a@x' } }, { $sequence: { entry: 'Bob', phone: '1' } }];
    const { xml, back } = roundTrip(op, { person, directory });
    expect(back.directory).toEqual(directory);
    // Before, one array per name (CHOICE_ORDER_NOT_KEPT): both entries, then email, then phone.
    expect(xml).toMatch(/<(\w+):heading>A<\/\1:heading><\1:entry>Ann<\/\1:entry><\1:email>a@x<\/\1:email><\1:entry>Bob<\/\1:entry><\1:phone>1</);
    expect(() => op.serializeRequest({ person, directory: [{ $sequence: { entry: 'Ann' } }] })).toThrow(/^AddPerson\.directory\.\$sequence\[0\]: Missing the required choice: one of email, phone$/);
    expect(() => op.serializeRequest({ person, directory: [{ $sequence: { entry: 'Ann', email: 'a', phone: '1' } }] })).toThrow(/^AddPerson\.directory\.\$sequence\[0\]: Give only one alternative of the choice: email, or phone$/);
    // An entry with both: the second alternative begins the next item, which lacks its entry.
    const both = xml.replace(/(<(\w+):email>a@x<\/\2:email>)/, '$1<$2:phone>2</$2:phone>');
    const parsed = op.parseRequest(both);
    expect(parsed.body.directory).toEqual([{ heading: 'A' }, { $sequence: { entry: 'Ann', email: 'a@x' } }, { $sequence: { phone: '2' } }, { $sequence: { entry: 'Bob', phone: '1' } }]);
    expect(parsed.warnings.map((w) => w.message)).toEqual(['Missing required element entry in $sequence[2]']);
  });

  it('a sequence alternative full at its element\'s maxOccurs: the next element begins the next item (Rota)', () => {
    const person: modelGroups.Person = { given: ['Ann'], family: 'Lee' };
    const rota: modelGroups.Rota = [{ $sequence: { hour: [8, 12] } }, { $sequence: { hour: [13, 17] } }, { off: 'sun' }];
    // Before, the second pair joined the first item, which holds two hours.
    expect(roundTrip(modelGroups.operations.AddPerson, { person, rota }).back.rota).toEqual(rota);
    // A list inside a sequence alternative counts its items in the error path too: item 1 of the
    // rota (a list type: its items are named by their alternative, as ContactIds.ItemId[1] is), then hour 1.
    const bad: modelGroups.Rota = [{ off: 'sat' }, { $sequence: { hour: [8, 2 ** 31] } }];
    expect(() => modelGroups.operations.AddPerson.serializeRequest({ person, rota: bad })).toThrow(/^AddPerson\.rota\.\$sequence\[1\]\.hour\[1\]: /);
  });

  it('a named group of one repeated choice keeps every item, in document order (Timeline, as MusicXML\'s measure)', () => {
    const person: modelGroups.Person = { given: ['Ann'], family: 'Lee' };
    const op = modelGroups.operations.AddPerson;
    // Before, the reference's occurrence (once) replaced the choice's: the type had one note and
    // one rest, and a reader kept the first note of a measure, dropping the others with a warning.
    const xml = op.serializeRequest({ person }).replace(
      /<\/(\w+):person>/,
      '$&<$1:timeline number="1"><$1:note>C</$1:note><$1:rest>2</$1:rest><$1:note>E</$1:note><$1:note>G</$1:note></$1:timeline>',
    );
    const parsed = op.parseRequest(xml, { strict: true });
    expect(parsed.warnings).toEqual([]);
    const timeline = parsed.body.timeline;
    expect(timeline).toEqual({ number: '1', $choice: [{ note: 'C' }, { rest: 2 }, { note: 'E' }, { note: 'G' }] });
    if (timeline === undefined) throw new Error('no timeline');
    expect(roundTrip(op, { person, timeline }).back.timeline).toEqual(timeline);
  });

  it('a repeated choice with a wildcard alternative keeps its items, foreign ones included, in document order', () => {
    const x509 = { namespace: 'urn:other', localName: 'X509Data', xml: '<o:X509Data xmlns:o="urn:other">MIIB</o:X509Data>' };
    const body: anyPkg.Submit = {
      item: [{ id: 'a' }],
      payload: { $any: [{ namespace: 'urn:other', localName: 'blob', xml: '<o:blob xmlns:o="urn:other">42</o:blob>' }] },
      keyInfo: { $choice: [{ keyName: 'k1' }, { $any: x509 }, { keyName: 'k2' }, { keyValue: new Uint8Array([1]) }], id: 'ki' },
      extras: [{ $any: { namespace: '', localName: 'note', xml: '<note xmlns="">n</note>' } }, { tag: 't' }],
    };
    const { xml, back } = roundTrip(anyPkg.operations.Submit, body);
    // Before, the items went to one array per name: k1, k2, then the foreign element.
    expect(xml).toMatch(/<(\w+):keyName>k1<\/\1:keyName><o:X509Data xmlns:o="urn:other">MIIB<\/o:X509Data><\1:keyName>k2</);
    expect(back).toEqual(body);
    expect(() => anyPkg.operations.Submit.serializeRequest({ ...body, keyInfo: { $choice: [{ $any: { ...x509, namespace: anyPkg.xml.NS0 } }] } })).toThrow(
      /Element \{urn:example:constructs:any\}X509Data is not allowed here/,
    );
    // The path of an item's error is the choice's owner, not the attribute written before it (it was keyInfo.@id).
    expect(() => anyPkg.operations.Submit.serializeRequest({ ...body, keyInfo: { id: 'ki', $choice: [{ keyName: '\u0001' }] } })).toThrow(/^Submit\.keyInfo\.\$choice\[0\]: /);
  });

  it('an element of a declared name in a namespace the wildcard admits is the wildcard\'s, not a misplaced declared one', () => {
    const foreignId = { namespace: 'urn:other', localName: 'id', xml: '<o:id xmlns:o="urn:other">not the id</o:id>' };
    const body: anyPkg.Submit = { item: [{ id: 'a', $any: [foreignId] }], payload: { $any: [foreignId] } };
    // Before, strict mode refused it as an id in the wrong namespace, and lenient mode read it as the id.
    const { back } = roundTrip(anyPkg.operations.Submit, body);
    expect(back.item[0]?.id).toBe('a');
    expect(back.item[0]?.$any).toEqual([foreignId]);
  });

  it('a required wildcard needs its element: writers refuse none, readers report none', () => {
    const blob = { namespace: 'urn:other', localName: 'blob', xml: '<o:blob xmlns:o="urn:other"/>' };
    const op = anyPkg.operations.Submit;
    expect(() => op.serializeRequest({ item: [{ id: 'a' }], payload: { $any: [] } })).toThrow(/^Submit\.payload: Missing required content: an element of any namespace \(\$any\)$/);
    const xml = op.serializeRequest({ item: [{ id: 'a' }], payload: { $any: [blob] } }).replace('<o:blob xmlns:o="urn:other"/>', '');
    expect(op.parseRequest(xml).warnings.map((w) => [w.code, w.path])).toEqual([['missing-element', '/Envelope/Body/Submit/payload']]);
  });

  it('xs:any and xs:anyAttribute with namespace="##other" take neither the target namespace nor none, either way', () => {
    const other = { namespace: 'urn:other', localName: 'extra', xml: '<o:extra xmlns:o="urn:other"/>' };
    const payload = { $any: [other] };
    const own = { namespace: 'urn:example:constructs:any', localName: 'mine', xml: '<a:mine xmlns:a="urn:example:constructs:any"/>' };
    // The path is the element whose content it would be, not the id written before it.
    expect(() => anyPkg.operations.Submit.serializeRequest({ item: [{ id: 'a', $any: [own] }], payload })).toThrow(
      /^Submit\.item\[0\]: Element \{urn:example:constructs:any\}mine is not allowed here: the schema admits a namespace other than urn:example:constructs:any/,
    );
    const bare = { namespace: '', localName: 'trace', value: '1' };
    expect(() => anyPkg.operations.Submit.serializeRequest({ item: [{ id: 'a', $anyAttributes: [bare] }], payload })).toThrow(/Attribute \{\}trace is not allowed here/);
    // The payload's own wildcard is ##any: the same attribute and element are fine there.
    expect(roundTrip(anyPkg.operations.Submit, { item: [{ id: 'a' }], payload: { $any: [own] }, $anyAttributes: [bare] }).back.payload.$any).toEqual([own]);

    // Read: what the wildcard does not admit is reported and left out, or refused in strict mode.
    const xml = anyPkg.operations.Submit.serializeRequest({ item: [{ id: 'a', $any: [other] }], payload }).replace('<a:id>a</a:id>', '<a:id>a</a:id><a:mine/>').replace('<a:item>', '<a:item trace="1">');
    const parsed = anyPkg.operations.Submit.parseRequest(xml);
    expect(parsed.body.item).toEqual([{ id: 'a', $any: [other] }]);
    expect(parsed.warnings.map((w) => (w as { code: string }).code).sort()).toEqual(['unexpected-attribute', 'unexpected-element']);
    expect(() => anyPkg.operations.Submit.parseRequest(xml, { strict: true })).toThrow(ReadError);
  });

  it('lists and unions: whitespace-separated items, union members tried in order', () => {
    const body: listUnion.Fit = { sizes: ['small', 'large'], requested: ['medium', 42], codes: [1, 2, 3], width: 'auto', preferred: [] };
    const { xml, back } = roundTrip(listUnion.operations.Fit, body);
    expect(xml).toMatch(/>small large</);
    expect(back).toEqual(body);
  });

  it('unions: a writer refuses a value no member takes, as the reader does', () => {
    // SizeOrNumber is Size (an enumeration) or xs:int; String(v) used to write anything.
    const fit = (requested: unknown): listUnion.Fit => ({ sizes: [], requested: requested as listUnion.Fit['requested'], width: 'auto' });
    expect(() => listUnion.operations.Fit.serializeRequest(fit(['huge']))).toThrow(/^Fit\.requested\[0\]: "huge" is not a value of any member of the union SizeOrNumber$/);
    expect(() => listUnion.operations.Fit.serializeRequest(fit([1.5]))).toThrow(/1\.5 is not a value of any member/);
    // A JS caller's array where an item goes is shown as one: String(v) showed ['small'] as small.
    expect(() => listUnion.operations.Fit.serializeRequest(fit([['small']]))).toThrow(/^Fit\.requested\[0\]: \["small"\] is not a value of any member of the union SizeOrNumber$/);
    expect(listUnion.operations.Fit.serializeRequest(fit(['small', -7]))).toContain('<u:requested>small</u:requested><u:requested>-7</u:requested>');
  });

  it('lists: a writer refuses an item a list cannot carry, with its path, instead of changing it', () => {
    const fit = (labels: string[]): listUnion.Fit => ({ sizes: [], requested: ['small'], width: 'auto', labels });
    expect(listUnion.operations.Fit.serializeRequest(fit(['new', 'sale\u00a0item']))).toContain(' labels="new sale\u00a0item"');
    // "two words" used to come back as two items, and "" not at all.
    expect(() => listUnion.operations.Fit.serializeRequest(fit(['new', 'two words']))).toThrow(/^Fit\.@labels: List item 2 \("two words"\) holds whitespace/);
    expect(() => listUnion.operations.Fit.serializeRequest(fit(['']))).toThrow(/^Fit\.@labels: List item 1 \(""\) is empty/);
  });

  it('lists: an enumeration item outside the list type is refused with its path', () => {
    const xml = listUnion.operations.Fit.serializeRequest({ sizes: ['small'], requested: [42], width: 'auto' }).replace('>small<', '>huge<');
    expect(() => listUnion.operations.Fit.parseRequest(xml)).toThrow(/huge/);
  });

  it('a required list with no items is refused by writers and reported by readers, as NonEmptyArrayOf... types need', () => {
    // A required repeated element (Fit.requested) and a required repeated choice (KeyInfo).
    expect(() => listUnion.operations.Fit.serializeRequest({ sizes: ['small'], requested: [], width: 'auto' })).toThrow(/^Fit\.requested: Missing required element requested$/);
    const blob = { namespace: 'urn:other', localName: 'blob', xml: '<o:blob xmlns:o="urn:other"/>' };
    const submit = (keyInfo: anyPkg.KeyInfo): string => anyPkg.operations.Submit.serializeRequest({ item: [{ id: 'a' }], payload: { $any: [blob] }, keyInfo });
    expect(() => submit({ $choice: [] })).toThrow(/^Submit\.keyInfo: Missing the required choice: one of keyName, keyValue, \$any$/);
    const xml = submit({ $choice: [{ keyName: 'k' }] });
    const empty = xml.replace(/(<(\w+):keyInfo>).*?(<\/\2:keyInfo>)/, '$1$3');
    expect(anyPkg.operations.Submit.parseRequest(empty).warnings.map((w) => [w.code, w.path])).toEqual([['missing-element', '/Envelope/Body/Submit/keyInfo']]);
  });

  it('text alone is no occurrence of a required choice in mixed content (KeyInfo-like): writers refuse it, readers report it', () => {
    const op = mixed.operations.Render;
    const base: mixed.Render = { title: { $text: 't' }, para: [{ $choice: [{ b: 'x' }] }] };
    expect(roundTrip(op, { ...base, caption: { $choice: [{ $text: 'see ' }, { i: 'this' }] } }).back.caption).toEqual({ $choice: [{ $text: 'see ' }, { i: 'this' }] });
    expect(() => op.serializeRequest({ ...base, caption: { $choice: [{ $text: 'only text' }] } })).toThrow(/^Render\.caption: Missing the required choice: one of b, i$/);
    const xml = op.serializeRequest({ ...base, caption: { $choice: [{ i: 'x' }] } }).replace(/(<(\w+):caption>).*?(<\/\2:caption>)/, '$1only text$3');
    const read = op.parseRequest(xml);
    expect(read.body.caption).toEqual({ $choice: [{ $text: 'only text' }] });
    expect(read.warnings.map((w) => [w.code, w.path, w.message])).toEqual([['missing-element', '/Envelope/Body/Render/caption', 'Missing the required choice: one of b, i']]);
  });

  it('a name in two alternatives of a choice is written and read in the order of either (Reach)', () => {
    const op = sequences.operations.PlaceOrder;
    const base = { customer: 'c', delivery: { pickupPoint: 'shop' } };
    // (fax, phone{1,2} | pager, phone{1,5}): the second alternative's five phones come after its pager.
    for (const reach of [{ fax: 'f', phone: ['1', '2'] }, { pager: 'p', phone: ['1', '2', '3', '4', '5'] }]) {
      const xml = op.serializeRequest({ ...base, reach });
      const names = /<\w+:reach>(.*)<\/\w+:reach>/.exec(xml)?.[1]?.match(/<\w+:\w+>/g)?.map((t) => t.replace(/^<\w+:/, '<'));
      expect(names).toEqual(Object.entries(reach).flatMap(([k, v]) => (Array.isArray(v) ? v.map(() => `<${k}>`) : [`<${k}>`])));
      // Strict: an out-of-order warning (pager after phone, as before) would throw.
      expect(op.parseRequest(xml, { strict: true }).body.reach).toEqual(reach);
    }
  });

  it('an item of a repeated choice that holds two alternatives is refused, not written as the first', () => {
    const op = sequences.operations.PlaceOrder;
    const base = { customer: 'c', delivery: { pickupPoint: 'shop' } };
    expect(roundTrip(op, { ...base, $choice: [{ book: 'b' }, { disc: 1 }] }).back.$choice).toEqual([{ book: 'b' }, { disc: 1 }]);
    // TypeScript accepts this item (each key belongs to a member of the union); before, disc was lost.
    // A key given as undefined is no alternative: as for any optional property.
    expect(roundTrip(op, { ...base, $choice: [{ book: 'b', disc: undefined } as unknown as { book: string }] }).back.$choice).toEqual([{ book: 'b' }]);
    // The same when the undefined key comes first: the alternative written is the one defined.
    expect(roundTrip(op, { ...base, $choice: [{ book: undefined, disc: 1 } as unknown as { disc: number }] }).back.$choice).toEqual([{ disc: 1 }]);
    expect(() => op.serializeRequest({ ...base, $choice: [{ book: undefined } as unknown as { book: string }] })).toThrow(
      /^PlaceOrder\.\$choice\[0\]: The value holds none of: book, disc, voucher$/,
    );
    const both: sequences.PlaceOrder = { ...base, $choice: [{ book: 'b', disc: 1 }] };
    expect(() => op.serializeRequest(both)).toThrow(SerializeError);
    expect(() => op.serializeRequest(both)).toThrow(/^PlaceOrder\.\$choice\[0\]: Give only one alternative of the choice: book, or disc, or voucher$/);
  });

  it('two names in both orders, one per alternative, are read in either order (Swap)', () => {
    const op = sequences.operations.PlaceOrder;
    const xml = op.serializeRequest({ customer: 'c', delivery: { pickupPoint: 'shop' }, swap: { second: '2', first: '1' } });
    // Written in the first alternative's order, which the value also fits.
    expect(xml).toMatch(/<(\w+):swap><\1:first>1<\/\1:first><\1:second>2<\/\1:second><\/\1:swap>/);
    const swapped = xml.replace(/<(\w+):first>1<\/\1:first>(<\1:second>2<\/\1:second>)/, '$2<$1:first>1</$1:first>');
    expect(swapped).not.toBe(xml);
    // Strict: an out-of-order warning for the second alternative's order would throw.
    expect(op.parseRequest(swapped, { strict: true }).body.swap).toEqual({ first: '1', second: '2' });
  });

  it('a repeated choice of one sequence is that sequence repeated: pairs stay pairs (Pairs)', () => {
    const op = sequences.operations.PlaceOrder;
    const body: sequences.PlaceOrder = { customer: 'c', delivery: { pickupPoint: 'p' }, pairs: { $sequence: [{ key: 'a', value: 1 }, { key: 'b', value: 2 }] } };
    const { xml, back } = roundTrip(op, body);
    expect(back).toEqual(body);
    // Before, key and value were one array each, written all keys first: not valid for the schema.
    expect(xml).toMatch(/<(\w+):pairs><\1:key>a<\/\1:key><\1:value>1<\/\1:value><\1:key>b<\/\1:key><\1:value>2<\/\1:value><\/\1:pairs>/);
    expect(() => op.serializeRequest({ ...body, pairs: { $sequence: [{ key: 'a', value: 1 }, { key: 'b', value: 2 }, { key: 'c', value: 3 }, { key: 'd', value: 4 }] } })).toThrow(/pairs/);
  });

  it('a choice of one element, twice, is that element twice, and its count is checked (Twins)', () => {
    const op = sequences.operations.PlaceOrder;
    const body: sequences.PlaceOrder = { customer: 'c', delivery: { pickupPoint: 'p' }, twins: { label: 'l', twin: ['a', 'b'] } };
    const { xml, back } = roundTrip(op, body);
    expect(back).toEqual(body);
    // Before, twin was an optional array of any length, written and read without a check.
    expect(() => op.serializeRequest({ ...body, twins: { twin: ['a'] } })).toThrow(/twins\.twin: Element twin must occur at least 2 times/);
    const one = xml.replace(/<(\w+):twin>b<\/\1:twin>/, '');
    expect(one).not.toContain('>b<');
    expect(op.parseRequest(one).warnings.map((w) => [w.code, w.path])).toEqual([['missing-element', '/Envelope/Body/PlaceOrder/twins']]);
  });

  it('a sequence of only a choice, as an alternative of a repeated choice, is that choice: items keep their order (Picks)', () => {
    const op = sequences.operations.PlaceOrder;
    const picks: sequences.Picks = [{ left: 1 }, { pick: 'p' }, { right: 2 }, { left: 3 }];
    const body: sequences.PlaceOrder = { customer: 'c', delivery: { pickupPoint: 'p' }, picks };
    const { xml, back } = roundTrip(op, body);
    expect(back).toEqual(body);
    // Before, left and right were one array each (CHOICE_ORDER_NOT_KEPT): 1, 3 and then 2.
    expect(xml).toMatch(/<(\w+):picks><\1:left>1<\/\1:left><\1:pick>p<\/\1:pick><\1:right>2<\/\1:right><\1:left>3<\/\1:left><\/\1:picks>/);
  });

  it('a sequence twice around a once-only choice of one sequence is that sequence twice (Rounds)', () => {
    const op = sequences.operations.PlaceOrder;
    const rounds: sequences.Rounds = { title: 't', $sequence: [{ home: 1, away: 2 }, { home: 3, away: 4 }] };
    const body: sequences.PlaceOrder = { customer: 'c', delivery: { pickupPoint: 'p' }, rounds };
    const { xml, back } = roundTrip(op, body);
    expect(back).toEqual(body);
    expect(xml).toMatch(/<(\w+):home>1<\/\1:home><\1:away>2<\/\1:away><\1:home>3<\/\1:home><\1:away>4<\/\1:away>/);
    expect(() => op.serializeRequest({ ...body, rounds: { title: 't', $sequence: [{ home: 1, away: 2 }] } })).toThrow(/rounds/);
  });

  it('one name at two places: once the first holds its count, the next is the second place\'s; wildcards alike; a full list starts the next occurrence (counted)', () => {
    const zz = (n: number): XmlAnyElement => ({ namespace: 'urn:zz', localName: `z${n}`, xml: `<z:z${n} xmlns:z="urn:zz"/>` });
    const route = (r: Partial<counted.Route>): counted.Route => ({ stop: ['a', 'b'], $any: [zz(1), zz(2)], ...r });
    // Before, without via (or note), the first place took all three, with a warning that it allows two.
    for (const value of [route({ stop_2: 'c' }), route({ via: 'v', stop_2: 'c' }), route({ via: 'v' }), route({ $any2: [zz(3)] }), route({ stop_2: 'c', note: 'n', $any2: [zz(3)] })]) {
      const xml = counted.documents.Route.serialize(value);
      expect(counted.documents.Route.parse(xml, { strict: true })).toEqual({ value, warnings: [] });
    }
    // Before, a third leg joined the first occurrence, which allows two.
    for (const $sequence of [[{ leg: ['a', 'b'] }, { leg: ['c'] }], [{ leg: ['a', 'b'] }, { leg: ['c', 'd'], note: 'n' }, { leg: ['e'] }]]) {
      const value: counted.Legs = { $sequence };
      expect(counted.documents.Legs.parse(counted.documents.Legs.serialize(value), { strict: true })).toEqual({ value, warnings: [] });
    }
  });

  it('a sequence exactly twice, then one of the same names: once the first holds two occurrences, the next is the second\'s (Heats)', () => {
    const twice = [{ runner: 'a', time: 'PT10S' }, { runner: 'b', time: 'PT11S' }];
    // Before, the first sequence took every runner, and warned that it allows two occurrences.
    for (const value of [{ $sequence: twice }, { $sequence: twice, $sequence2: [{ runner_2: 'c' }, { runner_2: 'd', time_2: 'PT12S' }] }]) {
      expect(counted.documents.Heats.parse(counted.documents.Heats.serialize(value), { strict: true })).toEqual({ value, warnings: [] });
    }
  });

  it('a sequence twice of one optional element is that element up to twice; of one element twice, that element four times (Slots)', () => {
    const op = sequences.operations.PlaceOrder;
    const base: sequences.PlaceOrder = { customer: 'c', delivery: { pickupPoint: 'p' } };
    const pair = ['1', '2', '3', '4'];
    for (const slot of [[], ['a'], ['a', 'b']]) expect(roundTrip(op, { ...base, slots: { slot, pair } }).back.slots).toEqual(slot.length ? { slot, pair } : { pair });
    // Before, writers wrote any number, and readers took them without a warning.
    expect(() => op.serializeRequest({ ...base, slots: { slot: ['a', 'b', 'c'], pair } })).toThrow(/^PlaceOrder\.slots\.slot: Element slot may occur at most 2 times$/);
    // Four pairs, as two of two: before, items { pair: [a, b] } that a reader could not tell apart.
    expect(() => op.serializeRequest({ ...base, slots: { pair: ['1', '2', '3'] } })).toThrow(/^PlaceOrder\.slots\.pair: Element pair must occur at least 4 times$/);
  });

  it('a required repeated sequence of optional elements reads as a list, empty when none of them is there (Breaks)', () => {
    const op = sequences.operations.PlaceOrder;
    const base: sequences.PlaceOrder = { customer: 'c', delivery: { pickupPoint: 'p' } };
    for (const breaks of [{ label: 'l', $sequence: [] }, { label: 'l', $sequence: [{ pause: 'a', resume: 'b' }, { pause: 'c' }] }]) {
      expect(roundTrip(op, { ...base, breaks }).back.breaks).toEqual(breaks);
    }
    // Before, the list was left out, though the type says it is there.
    const xml = op.serializeRequest({ ...base, breaks: { label: 'l', $sequence: [{}] } });
    expect(op.parseRequest(xml, { strict: true }).body.breaks?.$sequence).toEqual([]);
  });

  it('a name after a required element of a repeated sequence, and in a later choice: first in the content, it is the choice\'s (Relay)', () => {
    const op = sequences.operations.PlaceOrder;
    const base: sequences.PlaceOrder = { customer: 'c', delivery: { pickupPoint: 'p' } };
    // Before, a leading leg started an occurrence of the sequence, without its start, and warned.
    for (const relay of [
      { $choice: [{ leg: 'a' }, { stop: 'b' }] },
      { $sequence: [{ start: 's', leg: 'l' }], $choice: [{ leg: 'a' }] },
      { $sequence: [{ start: 's1', leg: 'l1' }, { start: 's2', leg: 'l2' }], $choice: [{ stop: 'b' }, { leg: 'a' }] },
    ]) {
      expect(roundTrip(op, { ...base, relay }).back.relay).toEqual(relay);
    }
  });

  it('one name at two places of a repeated sequence: a property per place in each occurrence (Shifts, Laps)', () => {
    const op = sequences.operations.PlaceOrder;
    const base: sequences.PlaceOrder = { customer: 'c', delivery: { pickupPoint: 'p' } };
    const shifts: sequences.Shifts = { $sequence: [{ day: 'Mon', check: 'in', note: 'late', check_2: ['out'] }, { day: 'Tue', check: 'in', check_2: ['lunch', 'out'] }] };
    // The first lap can begin an occurrence: after a split, a lap is the second place's; after that, the next occurrence's.
    const laps: sequences.Laps = { $sequence: [{ lap: 'a', split: 'PT1M', lap_2: 'b' }, { lap: 'c', split: 'PT2M', lap_2: 'd' }, { lane: 4, lap: 'e', split: 'PT3M', lap_2: 'f' }] };
    const { xml, back } = roundTrip(op, { ...base, shifts, laps });
    // Before, one property stood for both places: writers wrote one check, and readers warned of the second.
    expect(xml.match(/<\w+:check>\w+/g)?.map((t) => t.replace(/^<\w+:check>/, ''))).toEqual(['in', 'out', 'in', 'lunch', 'out']);
    expect(back.shifts).toEqual(shifts);
    expect(back.laps).toEqual(laps);
    // An occurrence without its second place is reported by that place, when read and when written.
    const short = xml.replace(/(<\w+:check>out<\/\w+:check>)(<\w+:day>)/, '$2');
    expect(op.parseRequest(short).warnings.map((w) => w.message)).toEqual(['Missing required element check (place 2 of that name) in $sequence[0]']);
    const incomplete = { $sequence: [{ lap: 'a', split: 'PT1M' }] } as unknown as sequences.Laps;
    expect(() => op.serializeRequest({ ...base, laps: incomplete })).toThrow(/^PlaceOrder\.laps\.\$sequence\[0\]\.lap: Missing required element lap \(place 2 of that name\)$/);
  });

  it('an element each occurrence of a repeated group holds twice: items of two, checked both ways (Couples)', () => {
    const op = sequences.operations.PlaceOrder;
    const base: sequences.PlaceOrder = { customer: 'c', delivery: { pickupPoint: 'p' } };
    const couples: sequences.Couples = { $sequence: [{ partner: ['a', 'b'] }, { partner: ['c', 'd'] }], floor: 'f', $sequence2: [{ judge: ['j1', 'j2'] }] };
    const { xml, back } = roundTrip(op, { ...base, couples });
    expect(back.couples).toEqual(couples);
    // Before, a list of partners without a count: writers took one, which no document can hold.
    expect(() => op.serializeRequest({ ...base, couples: { ...couples, $sequence: [{ partner: ['a'] }] } })).toThrow(/^PlaceOrder\.couples\.\$sequence\[0\]\.partner: Element partner must occur at least 2 times$/);
    // An error path names the group's occurrence and the item of a list within it, both from 0.
    expect(() => op.serializeRequest({ ...base, couples: { ...couples, $sequence: [{ partner: ['a', 'b'] }, { partner: ['c', 'd\u0001'] }] } })).toThrow(
      /^PlaceOrder\.couples\.\$sequence\[1\]\.partner\[1\]: U\+0001 at index 1 cannot be represented/,
    );
    expect(() => op.serializeRequest({ ...base, couples: { ...couples, $sequence2: [{ judge: ['j1', 'j2'] }, { judge: ['j3'] }] } })).toThrow(
      /^PlaceOrder\.couples\.\$sequence2\[1\]\.judge: /,
    );
    const odd = xml.replace(/(<(\w+):partner>d<\/\2:partner>)/, '$1<$2:partner>e</$2:partner>');
    expect(odd).not.toBe(xml);
    expect(op.parseRequest(odd).warnings.map((w) => w.message)).toEqual([
      '$sequence allows at most 2 occurrences of its sequence',
      'Element partner must occur at least 2 times in $sequence[2]',
    ]);
  });

  it('one name in two alternatives of a choice, once and twice: one list property (Hand)', () => {
    const op = sequences.operations.PlaceOrder;
    const base: sequences.PlaceOrder = { customer: 'c', delivery: { pickupPoint: 'p' } };
    // Before, card was one value: the second alternative could not be written, and read lost its second card.
    for (const hand of [{ dealer: 'd', card: ['a'] }, { card: ['a', 'b'] }]) expect(roundTrip(op, { ...base, hand }).back.hand).toEqual(hand);
  });

  it('a choice, then a repeated choice of the same names: the other name is the repeated choice\'s (Toss)', () => {
    const op = sequences.operations.PlaceOrder;
    const base: sequences.PlaceOrder = { customer: 'c', delivery: { pickupPoint: 'p' } };
    // Before, tails went to the first choice, which had taken heads, with a choice-conflict warning.
    for (const toss of [{ heads: 'h', $choice: [{ tails: 't' }, { heads: 'h2' }] }, { tails: 't', $choice: [{ heads: 'h' }] }, { heads: 'h', $choice: [{ heads: 'h2' }] }]) {
      expect(roundTrip(op, { ...base, toss }).back.toss).toEqual(toss);
    }
  });

  it('a repeated choice of one optional sequence is that sequence repeated: pairs stay pairs (Encores)', () => {
    const op = sequences.operations.PlaceOrder;
    const base: sequences.PlaceOrder = { customer: 'c', delivery: { pickupPoint: 'p' } };
    const encores: sequences.Encores = { $sequence: [{ song: 'a', length: 'PT3M' }, { song: 'b', length: 'PT4M' }] };
    const { xml, back } = roundTrip(op, { ...base, encores });
    // Before, a list per name: writers wrote both songs, then both lengths, which the schema refuses.
    expect(xml.match(/<\w+:(song|length)>/g)?.map((t) => t.replace(/^<\w+:/, '<'))).toEqual(['<song>', '<length>', '<song>', '<length>']);
    expect(back.encores).toEqual(encores);
  });

  it('a choice of a repeated sequence or one of its names, then that name: after the sequence it is the last place\'s (Handoff)', () => {
    const op = sequences.operations.PlaceOrder;
    const base: sequences.PlaceOrder = { customer: 'c', delivery: { pickupPoint: 'p' } };
    // Before, the last baton went to the choice's own baton, which the sequence had ruled out.
    for (const handoff of [{ $sequence: [{ leg: 'l', baton: 'b' }], baton_2: 'b2' }, { $sequence: [{ leg: 'l', baton: 'b' }, { leg: 'l2', baton: 'b2' }] }, { baton: 'b', baton_2: 'b2' }]) {
      expect(roundTrip(op, { ...base, handoff }).back.handoff).toEqual(handoff);
    }
    expect(() => op.serializeRequest({ ...base, handoff: { $sequence: [{ leg: 'l', baton: 'b' }], baton: 'b2' } })).toThrow(/only one alternative of the choice: \$sequence, or baton/);
  });

  it('a repeated choice kept as a list per name: the counts must make its occurrences, pairs in pairs (Dominoes)', () => {
    const op = sequences.operations.PlaceOrder;
    const base: sequences.PlaceOrder = { customer: 'c', delivery: { pickupPoint: 'p' } };
    const z = (n: number): XmlAnyElement => ({ namespace: 'urn:zz', localName: `z${n}`, xml: `<z:z${n} xmlns:z="urn:zz"/>` });
    for (const dominoes of [{ single: ['a'] }, { pair: ['a', 'b'] }, { single: ['a'], pair: ['b', 'c'], $any: [z(1), z(2)] }, { pair: ['a', 'b', 'c', 'd'], single: ['e'] }]) {
      expect(roundTrip(op, { ...base, dominoes }).back.dominoes).toEqual(dominoes);
    }
    // Before, each of these was written, and libxml2 refused the document.
    const refused: Array<[sequences.Dominoes, RegExp]> = [
      [{}, /dominoes: Missing the required choice: one of single, pair, \$any/],
      [{ pair: ['a'] }, /dominoes: Element pair occurs 1 time, but each occurrence of its choice holds exactly 2 of them: a multiple of 2 is needed/],
      [{ $any: [z(1), z(2), z(3)] }, /dominoes: Wildcard \$any holds 3 elements, but each occurrence of its choice holds exactly 2/],
      [{ single: ['a', 'b'], pair: ['c', 'd', 'e', 'f'] }, /dominoes: The choice of single, pair, \$any may occur at most 3 times, and its elements make at least 4 occurrences/],
    ];
    for (const [dominoes, message] of refused) expect(() => op.serializeRequest({ ...base, dominoes })).toThrow(message);
    // Readers report such content, and keep what it holds.
    const xml = op.serializeRequest({ ...base, dominoes: { pair: ['a', 'b'] } }).replace(/(<(\w+):pair>a<\/\2:pair>)<\2:pair>b<\/\2:pair>/, '$1');
    const parsed = op.parseRequest(xml);
    expect(parsed.body.dominoes).toEqual({ pair: ['a'] });
    expect(parsed.warnings).toEqual([expect.objectContaining({ code: 'missing-element', message: expect.stringContaining('Element pair occurs 1 time') })]);
  });

  it('a repeated choice with an alternative each occurrence holds twice keeps items of pairs in order (Gloves, GloveBox)', () => {
    const op = sequences.operations.PlaceOrder;
    const base: sequences.PlaceOrder = { customer: 'c', delivery: { pickupPoint: 'p' } };
    const gloves: sequences.Gloves = { owner: 'o', $choice: [{ glove: ['l1', 'r1'] }, { mitten: 'm' }, { glove: ['l2', 'r2'] }] };
    const gloveBox: sequences.GloveBox = [{ mitten: 'm' }, { glove: ['l', 'r'] }, { glove: ['l2', 'r2'] }, { mitten: 'm2' }];
    const { xml, back } = roundTrip(op, { ...base, gloves, gloveBox });
    expect([back.gloves, back.gloveBox]).toEqual([gloves, gloveBox]);
    // Before, one array per name (CHOICE_ORDER_NOT_KEPT): the mitten after all the gloves.
    expect(xml).toMatch(/<(\w+):glove>l1<\/\1:glove><\1:glove>r1<\/\1:glove><\1:mitten>m<\/\1:mitten><\1:glove>l2</);
    expect(() => op.serializeRequest({ ...base, gloves: { owner: 'o', $choice: [{ glove: ['l'] }] } })).toThrow(/^PlaceOrder\.gloves\.\$choice\[0\]: Element glove must occur 2 times in each item of its choice$/);
    expect(() => op.serializeRequest({ ...base, gloveBox: [{ glove: ['l', 'r', 'x'] }] })).toThrow(/^PlaceOrder\.gloveBox\[0\]: Element glove must occur 2 times in each item of its choice$/);
    // A lone glove is read as an item of one, and reported.
    const parsed = op.parseRequest(xml.replace(/<(\w+):glove>r2<\/\1:glove>/g, ''));
    expect(parsed.body.gloves?.$choice[2]).toEqual({ glove: ['l2'] });
    expect(parsed.warnings.map((w) => w.message)).toEqual(['Element glove must occur 2 times in each item of its choice', 'Element glove must occur 2 times in each item of its choice']);
  });

  it('a repeated sequence inside a repeated sequence keeps items of items (Schedule)', () => {
    const op = sequences.operations.PlaceOrder;
    const schedule: sequences.Schedule = {
      $sequence: [
        { $sequence2: [{ from: '09:00:00', to: '12:00:00' }, { from: '13:00:00', to: '17:00:00', $any: [{ namespace: 'urn:note', localName: 'late', xml: '<n:late xmlns:n="urn:note"/>' }] }], day: 'Mon' },
        { day: 'Tue' },
        { $sequence2: [{ from: '10:00:00', to: '11:00:00' }], day: 'Wed' },
      ],
    };
    // Before, the writer did not type-check (an inner loop variable shadowed the outer one's list),
    // and readers took the inner elements for unexpected ones.
    const xml = op.serializeRequest({ customer: 'c', delivery: { pickupPoint: 'shop' }, schedule });
    const names = /<\w+:schedule>(.*)<\/\w+:schedule>/.exec(xml)?.[1]?.match(/<\w+:\w+>/g)?.map((t) => t.replace(/^<\w+:/, '<'));
    expect(names).toEqual(['<from>', '<to>', '<from>', '<to>', '<day>', '<day>', '<from>', '<to>', '<day>']);
    // A wildcard of the inner sequence keeps its element in the inner item it came in.
    expect(xml).toMatch(/17:00:00<\/\w+:to><n:late xmlns:n="urn:note"\/><\w+:day>Mon/);
    expect(op.parseRequest(xml, { strict: true }).body.schedule).toEqual(schedule);
    // An inner occurrence without its required element is reported where it is.
    const read = op.parseRequest(xml.replace(/<(\w+):to>12:00:00<\/\1:to>/, ''));
    expect(read.warnings.map((w) => [w.code, w.message])).toEqual([['missing-element', 'Missing required element to in $sequence[0].$sequence2[0]']]);
  });

  it('repeated sequences keep their pairs: A B A B', () => {
    const body: sequences.PlaceOrderResult = { $sequence: [{ lineNumber: 1, accepted: true }, { lineNumber: 2, accepted: false }] };
    const xml = sequences.operations.PlaceOrder.serializeResponse(body);
    expect(xml.match(/<\w+:(lineNumber|accepted)>/g)?.map((t) => t.replace(/^<\w+:/, '<'))).toEqual(['<lineNumber>', '<accepted>', '<lineNumber>', '<accepted>']);
    const back = sequences.operations.PlaceOrder.parseResponse(xml, { strict: true });
    expect(back.body).toEqual(body);
  });

  it('a repeated choice with nested choices and an optional sequence keeps its elements in document order', () => {
    const op = sequences.operations.PlaceOrder;
    const gifts: sequences.Gifts = [{ ribbon: 'red' }, { label: 'x' }, { card: 'hi' }, { box: true }, { tag: 't' }, { ribbon: 'blue' }, { paper: 'gold' }, { sticker: 's' }, { bow: 2 }, { label: 'y' }, { tag: 'u' }];
    const xml = op.serializeRequest({ customer: 'c', delivery: { pickupPoint: 'shop' }, gifts });
    const names = /<\w+:gifts>(.*)<\/\w+:gifts>/.exec(xml)?.[1]?.match(/<\w+:\w+>/g)?.map((t) => t.replace(/^<\w+:/, '<'));
    expect(names).toEqual(['<ribbon>', '<label>', '<card>', '<box>', '<tag>', '<ribbon>', '<paper>', '<sticker>', '<bow>', '<label>', '<tag>']);
    const back = op.parseRequest(xml, { strict: true });
    expect(back.body.gifts).toEqual(gifts);
  });

  it('a repeated choice with a sequence alternative keeps each occurrence as one item, in document order', () => {
    const op = sequences.operations.PlaceOrder;
    const bundle: sequences.Bundle = {
      id: 'b1',
      $choice: [{ item: 'a' }, { $sequence: { code: 'c1', amount: '1' } }, { $sequence: { code: 'c2', remark: ['r', 's'] } }, { item: 'b' }, { $sequence: { code: 'c3' } }],
    };
    const gifts: sequences.Gifts = [{ $sequence: { wrapper: 'w' } }, { $sequence: { wrapper: 'v', price: '2' } }, { bow: 1 }, { $sequence: { wrapper: 'x', price: '3' } }];
    const xml = op.serializeRequest({ customer: 'c', delivery: { pickupPoint: 'p' }, gifts, bundle });
    const names = /<\w+:bundle[^>]*>(.*)<\/\w+:bundle>/.exec(xml)?.[1]?.match(/<\w+:\w+>/g)?.map((t) => t.replace(/^<\w+:/, '<'));
    expect(names).toEqual(['<item>', '<code>', '<amount>', '<code>', '<remark>', '<remark>', '<item>', '<code>']);
    const back = op.parseRequest(xml, { strict: true }).body;
    expect(back.bundle).toEqual(bundle);
    expect(back.gifts).toEqual(gifts);
    // An occurrence without the element it needs is refused, with its path.
    // Read, such an occurrence is kept and reported, as is one of a repeated sequence.
    const read = op.parseRequest(xml.replace(/<(\w+):code>c1<\/\1:code>/, '').replace(/<(\w+):wrapper>x<\/\1:wrapper>/, ''));
    expect(read.body.bundle?.$choice.slice(0, 3)).toEqual([{ item: 'a' }, { $sequence: { amount: '1' } }, { $sequence: { code: 'c2', remark: ['r', 's'] } }]);
    expect(read.warnings.map((w) => [w.code, w.path, w.message])).toEqual([
      ['missing-element', '/Envelope/Body/PlaceOrder/gifts', 'Missing required element wrapper in $sequence[3]'],
      ['missing-element', '/Envelope/Body/PlaceOrder/bundle', 'Missing required element code in $choice[1].$sequence'],
    ]);
    const result = op.serializeResponse({ $sequence: [{ lineNumber: 1, accepted: true }] }).replace(/<(\w+):accepted>true<\/\1:accepted>/, '');
    expect(() => op.parseResponse(result, { strict: true })).toThrow(/Missing required element accepted in \$sequence\[\d+\]/);
    const withoutCode = { $sequence: { amount: '1' } } as unknown as sequences.Bundle['$choice'][number];
    expect(() => op.serializeRequest({ customer: 'c', delivery: { pickupPoint: 'p' }, bundle: { $choice: [withoutCode] } })).toThrow(
      'PlaceOrder.bundle.$choice[0].$sequence.code: Missing required element code',
    );
    // An item after a sequence alternative is named as any item of the list. Before, the
    // alternative cleared the list's name: PlaceOrder.bundle[1].
    expect(() => op.serializeRequest({ customer: 'c', delivery: { pickupPoint: 'p' }, bundle: { $choice: [{ $sequence: { code: 'c' } }, { item: 'x\u0001' }] } })).toThrow(
      /^PlaceOrder\.bundle\.\$choice\[1\]: U\+0001/,
    );
  });

  it('xs:all: its elements are read in any order, without a warning even in strict mode', () => {
    const xml = sequences.operations.PlaceOrder.serializeRequest({ customer: 'c', delivery: { pickupPoint: 'shop' }, options: { giftWrap: true, priority: 2, message: 'hi' } });
    // message, priority, giftWrap: the reverse of the schema's order.
    const reversed = xml.replace(/(<(\w+):options>)(<\2:giftWrap>[^<]*<\/\2:giftWrap>)(<\2:priority>[^<]*<\/\2:priority>)(<\2:message>[^<]*<\/\2:message>)/, '$1$5$4$3');
    expect(reversed).not.toBe(xml);
    const back = sequences.operations.PlaceOrder.parseRequest(reversed, { strict: true });
    expect(back.warnings).toEqual([]);
    expect(back.body.options).toEqual({ giftWrap: true, priority: 2, message: 'hi' });
  });

  it('a repeated element out of schema order is kept, and reported like a single one', () => {
    const op = sequences.operations.PlaceOrder;
    const xml = op.serializeRequest({ customer: 'c', note: ['n1'], delivery: { pickupPoint: 'shop' } });
    // customer, note, delivery written as customer, delivery, note.
    const moved = xml.replace(/(<(\w+):note>n1<\/\2:note>)(<\2:delivery>.*<\/\2:delivery>)/, '$3$1');
    expect(moved).not.toBe(xml);
    const lenient = op.parseRequest(moved);
    expect(lenient.body.note).toEqual(['n1']);
    expect(lenient.warnings).toMatchObject([{ code: 'out-of-order', path: '/Envelope/Body/PlaceOrder/note' }]);
    expect(() => op.parseRequest(moved, { strict: true })).toThrow(/Element note is out of schema order/);
  });

  it('elements of two alternatives of one xs:choice are both kept, and reported', () => {
    const op = sequences.operations.PlaceOrder;
    // Delivery: a pickupPoint, or a street with a zip or a postcode.
    const xml = op.serializeRequest({ customer: 'c', delivery: { street: 's', postcode: 'p' } });
    expect(op.parseRequest(xml, { strict: true }).warnings).toEqual([]);
    const both = op.parseRequest(xml.replace(/(<(\w+):postcode>)/, '<$2:zip>z</$2:zip>$1'));
    expect(both.body.delivery).toEqual({ street: 's', zip: 'z', postcode: 'p' });
    expect(both.warnings).toMatchObject([{ code: 'choice-conflict', path: '/Envelope/Body/PlaceOrder/delivery/postcode' }]);
    const outer = xml.replace(/(<(\w+):street>)/, '<$2:pickupPoint>x</$2:pickupPoint>$1');
    expect(() => op.parseRequest(outer, { strict: true })).toThrow(/Element street is from another alternative of a choice/);
  });

  it('a value holding two alternatives of one xs:choice is refused when written, with its path', () => {
    const op = sequences.operations.PlaceOrder;
    expect(() => op.serializeRequest({ customer: 'c', delivery: { pickupPoint: 'x', street: 's', zip: 'z' } })).toThrow(
      'PlaceOrder.delivery: Give only one alternative of the choice: pickupPoint, or (street, zip, postcode, $sequence)',
    );
    // The nested choice: a zip or a postcode.
    expect(() => op.serializeRequest({ customer: 'c', delivery: { street: 's', zip: 'z', postcode: 'p' } })).toThrow('Give only one alternative of the choice: zip, or postcode');
    // An optional choice too (Payment: a card, or an invoice reference).
    expect(() => op.serializeRequest({ customer: 'c', delivery: { pickupPoint: 'x' }, payment: { card: 'c', invoiceRef: 'i' } })).toThrow('PlaceOrder.payment: Give only one');
    expect(op.serializeRequest({ customer: 'c', delivery: { street: 's', postcode: 'p' }, payment: {} })).toContain('postcode');
  });

  it('a required xs:choice with none of its alternatives is refused when written and reported when read', () => {
    const op = sequences.operations.PlaceOrder;
    // Delivery has no optional alternative: {} used to be written as an empty <delivery/>.
    expect(() => op.serializeRequest({ customer: 'c', delivery: {} })).toThrow(
      // What each alternative cannot be without: the second alternative starts with a required street.
      /^PlaceOrder\.delivery: Missing the required choice: one of pickupPoint, street$/,
    );
    // An empty array writes nothing: it is no alternative either.
    expect(() => op.serializeRequest({ customer: 'c', delivery: { $sequence: [] } })).toThrow('PlaceOrder.delivery: Missing the required choice');
    const xml = op.serializeRequest({ customer: 'c', delivery: { pickupPoint: 'shop' } }).replace(/<(\w+):delivery>.*<\/\1:delivery>/, '<$1:delivery/>');
    const lenient = op.parseRequest(xml);
    expect(lenient.body.delivery).toEqual({});
    expect(lenient.warnings).toMatchObject([{ code: 'missing-element', path: '/Envelope/Body/PlaceOrder/delivery' }]);
    expect(() => op.parseRequest(xml, { strict: true })).toThrow(/Missing the required choice: one of pickupPoint/);
  });

  it('part of an alternative or of an optional group without what it requires is refused when written and reported when read', () => {
    const op = sequences.operations.PlaceOrder;
    // Delivery's second alternative is (street, (zip | postcode)?, ...): a zip needs a street.
    expect(() => op.serializeRequest({ customer: 'c', delivery: { zip: 'z' } })).toThrow('PlaceOrder.delivery: Incomplete group (street, zip, postcode, $sequence): it needs street');
    // Options is an optional xs:all whose priority is required once any of it is there.
    expect(() => op.serializeRequest({ customer: 'c', delivery: { pickupPoint: 'p' }, options: { giftWrap: true } })).toThrow('PlaceOrder.options: Incomplete group (giftWrap, priority, message): it needs priority');
    // None of the group is no part of it: an empty options is valid.
    expect(op.serializeRequest({ customer: 'c', delivery: { street: 's' }, options: {} })).toMatch(/<(\w+):options><\/\1:options>/);
    const xml = op.serializeRequest({ customer: 'c', delivery: { street: 's', zip: 'z' } }).replace(/<(\w+):street>s<\/\1:street>/, '');
    const lenient = op.parseRequest(xml);
    expect(lenient.body.delivery).toEqual({ zip: 'z' });
    // Both are true; the incomplete group, which says more, comes first (and is what strict throws).
    expect(lenient.warnings.map((w) => [w.code, w.path, w.message])).toEqual([
      ['missing-element', '/Envelope/Body/PlaceOrder/delivery', 'Incomplete group (street, zip, postcode, $sequence): it needs street'],
      ['missing-element', '/Envelope/Body/PlaceOrder/delivery', 'Missing the required choice: one of pickupPoint, street'],
    ]);
    expect(() => op.parseRequest(xml, { strict: true })).toThrow(/Incomplete group \(street, zip, postcode, \$sequence\): it needs street/);
  });

  it('a group that needs two parts names the one that is missing, not both', () => {
    const op = sequences.operations.PlaceOrder;
    // Window is an optional sequence (from, until): either needs the other.
    expect(() => op.serializeRequest({ customer: 'c', delivery: { pickupPoint: 'p' }, window: { from: '09:00:00' } })).toThrow(/^PlaceOrder\.window: Incomplete group \(from, until\): it needs until$/);
    const xml = op.serializeRequest({ customer: 'c', delivery: { pickupPoint: 'p' }, window: { from: '09:00:00', until: '17:00:00' } }).replace(/<(\w+):from>[^<]*<\/\1:from>/, '');
    expect(op.parseRequest(xml).warnings.map((w) => [w.path, w.message])).toEqual([['/Envelope/Body/PlaceOrder/window', 'Incomplete group (from, until): it needs from']]);
  });

  it('a .NET DataSet response: the inline schema and the diffgram are kept as XML and written back', () => {
    // What an ASMX service returning a DataSet sends: xs:schema, then the rows in a diffgram.
    const response = `<?xml version="1.0" encoding="utf-8"?>
<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><GetOrdersResponse xmlns="urn:example:constructs:dataset"><GetOrdersResult>\
<xs:schema id="NewDataSet" xmlns="" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:msdata="urn:schemas-microsoft-com:xml-msdata">\
<xs:element name="NewDataSet" msdata:IsDataSet="true"><xs:complexType><xs:choice minOccurs="0" maxOccurs="unbounded"><xs:element name="Table">\
<xs:complexType><xs:sequence><xs:element name="Id" type="xs:int" minOccurs="0"/></xs:sequence></xs:complexType></xs:element></xs:choice></xs:complexType></xs:element></xs:schema>\
<diffgr:diffgram xmlns:msdata="urn:schemas-microsoft-com:xml-msdata" xmlns:diffgr="urn:schemas-microsoft-com:xml-diffgram-v1">\
<NewDataSet xmlns=""><Table diffgr:id="Table1" msdata:rowOrder="0"><Id>7</Id></Table></NewDataSet></diffgr:diffgram>\
</GetOrdersResult></GetOrdersResponse></soap:Body></soap:Envelope>`;
    const op = dataset.operations.GetOrders;
    const parsed = op.parseResponse(response, { strict: true });
    const result = parsed.body.GetOrdersResult;
    expect(result?.schema).toMatchObject({ namespace: 'http://www.w3.org/2001/XMLSchema', localName: 'schema' });
    expect(result?.schema.xml).toContain('<xs:element name="Id" type="xs:int" minOccurs="0"/>');
    expect(result?.$any?.map((a) => [a.namespace, a.localName])).toEqual([['urn:schemas-microsoft-com:xml-diffgram-v1', 'diffgram']]);
    expect(result?.$any?.[0]?.xml).toContain('<Table diffgr:id="Table1" msdata:rowOrder="0"><Id>7</Id></Table>');
    // Written back (a server built on the package), then read again: the same value.
    expect(op.parseResponse(op.serializeResponse(parsed.body), { strict: true }).body).toEqual(parsed.body);
  });

  it('recursive types nest to any depth the limits allow', () => {
    const body: recursive.SaveTree = {
      root: { name: 'a', child: [{ name: 'b', child: [{ name: 'c' }] }], folder: [{ title: 'f', category: { name: 'd' } }] },
      Expression: { sum: [{ literal: 1 }, { sum: [{ literal: 2 }, { literal: 3 }] }] },
    };
    expect(roundTrip(recursive.operations.SaveTree, body).back).toEqual(body);
  });

  it('adversarial names: reserved words, __proto__, quoted properties', () => {
    const proto = Object.getPrototypeOf({}) as object;
    const body: names.Part = { id: 'p1', 'first-name': 'Ada', 'first.name': 'A.', mode: 'off-line', idAttribute: 7 };
    const xml = names.operations.delete.serializeResponse(body);
    expect(xml).toContain('first-name>Ada<');
    const back = names.operations.delete.parseResponse(xml, { strict: true }).body;
    expect(back).toEqual(body);
    expect(Object.getPrototypeOf(back)).toBe(proto);
  });

  it('elements named like what every object inherits (constructor) are properties of their own', () => {
    const body: names.class_ = { default: 'on', delete: true, function: 'f', Object: { Promise: 'p' }, constructor_: 'made' };
    const xml = names.operations.constructor.serializeRequest(body);
    expect(xml).toContain('constructor>made</');
    // Read as `o.constructor`, the element looked present before it was read, and was dropped.
    expect(roundTrip(names.operations.constructor, body).back).toEqual(body);
  });

  it('the package re-exports the error classes of the runtime; a schema type of such a name takes another', () => {
    // Importable from the package itself, where the runtime is no direct dependency of the user's.
    expect(names.SerializeError).toBe(SerializeError);
    expect(names.ReadError).toBe(ReadError);
    expect(names.TimeoutError).toBe(runtime.TimeoutError);
    expect(() => names.operations.constructor.parseRequest('<x/>')).toThrow(names.ReadError);
    const body: names.class_ = { default: 'on', delete: true, function: 'f', Object: { Promise: 'p' }, constructor_: 'made', timeout: { seconds: 30 } };
    expect(roundTrip(names.operations.constructor, body).back.timeout).toEqual({ seconds: 30 } satisfies names.TimeoutError_2);
    // A package without operations re-exports the errors its readers and writers throw.
    expect(xsdEntry.SerializeError).toBe(SerializeError);
    expect('TimeoutError' in xsdEntry).toBe(false);
  });

  it('items of a repeated choice named like what every object inherits (toString) are told apart', () => {
    // Keyed toString, every item held it ('toString' in item), and the package did not type-check.
    const methods: names.ClassMethods = [{ valueOf_: 1 }, { toString_: 'a' }, { valueOf_: 2 }];
    const body: names.class_ = { default: 'on', delete: true, function: 'f', Object: { Promise: 'p' }, constructor_: 'made', methods };
    const { xml, back } = roundTrip(names.operations.constructor, body);
    expect(xml).toMatch(/<(\w+):valueOf>1<\/\1:valueOf><\1:toString>a<\/\1:toString><\1:valueOf>2</);
    expect(back.methods).toEqual(methods);
  });

  it('operations named __proto__, close and then, and types named like runtime codecs, keep their places', () => {
    // As an object literal's key, __proto__ set the prototype of `operations` to that codec.
    expect(Object.getPrototypeOf(names.operations)).toBe(Object.prototype);
    expect(Object.keys(names.operations)).toEqual(['delete', 'constructor', '__proto___', 'close', 'then']);
    expect(names.operations.__proto___.name).toBe('__proto__');
    for (const method of ['__proto___', 'close_', 'then_']) expect(typeof Reflect.get(names.NameCollisionsBindingClient2.prototype, method)).toBe('function');
    // A client must not be a thenable: `await client` would have sent a request.
    expect(Reflect.get(names.NameCollisionsBindingClient2.prototype, 'then')).toBeUndefined();
    const body: names.class_ = { default: 'on', delete: true, function: 'f', Object: { Promise: 'p' }, constructor_: 'c', fault: { code: 'x' }, document: { title: 't' }, when: '2024-06-11T09:30:00Z' };
    expect(roundTrip(names.operations.constructor, body).back).toEqual(body);
  });

  it('xml:lang is written with the xml prefix, which no envelope declares (binding it is not well-formed)', () => {
    const body: attributes.Store = { region: 'eu', record: [{ value: 'v', id: 'r1', createdBy: 'me', lang: 'en-GB' }] };
    const { xml, back } = roundTrip(attributes.operations.Store, body);
    expect(xml).toContain(' xml:lang="en-GB"');
    expect(xml).not.toContain('="http://www.w3.org/XML/1998/namespace"');
    expect(back).toEqual(body);
  });

  it('an xs:ID is unique in its document: readers report a second element with the same ID', () => {
    const op = attributes.operations.Store;
    const record = { value: 'v', createdBy: 'me' };
    const { xml, back } = roundTrip(op, { region: 'eu', record: [{ ...record, id: 'r1' }, { ...record, id: 'r2' }] });
    expect(back.record.map((r) => r.id)).toEqual(['r1', 'r2']);
    // The same ID once more, with spaces the ID's whitespace collapsing takes away.
    const twice = xml.replace('id="r2"', 'id=" r1 "');
    const lenient = op.parseRequest(twice);
    expect(lenient.body.record.map((r) => r.id)).toEqual(['r1', 'r1']);
    expect(lenient.warnings).toMatchObject([{ code: 'duplicate-id', message: 'ID "r1" is already the ID of an element before this one', path: '/Envelope/Body/Store/record[2]/@id' }]);
    expect(() => op.parseRequest(twice, { strict: true })).toThrow(/ID "r1" is already the ID of an element before this one/);
  });

  it('reports what a simple type or element-only content cannot hold: an element inside text, text among elements', () => {
    const op = attributes.operations.Store;
    const { xml } = roundTrip(op, { region: 'eu', record: [{ value: 'ac', id: 'r1', createdBy: 'me' }] });
    // Before, both were passed over without a word, strict or not.
    const nested = xml.replace(/(<(\w+):value>)ac</, '$1a<$2:b>XX</$2:b>c<');
    const read = op.parseRequest(nested);
    expect(read.body.record[0]?.value).toBe('ac');
    expect(read.warnings).toMatchObject([
      { code: 'unexpected-element', message: 'Element b is not allowed here: the element around it holds text only; it is skipped', path: '/Envelope/Body/Store/record/value/b' },
    ]);
    expect(() => op.parseRequest(nested, { strict: true })).toThrow(/Element b is not allowed here/);
    const text = xml.replace(/(<(\w+):record )/, ' junk $1');
    expect(op.parseRequest(text).warnings).toMatchObject([
      { code: 'unexpected-text', message: 'Text "junk" is not allowed here: the element holds elements only; it is ignored', path: '/Envelope/Body/Store' },
    ]);
    expect(() => op.parseRequest(text, { strict: true })).toThrow(/Text "junk" is not allowed here/);
    // Whitespace between elements is no text of its own.
    expect(op.parseRequest(xml.replace(/(<(\w+):record )/, '\n\t $1'), { strict: true }).warnings).toEqual([]);
  });

  it('an element that is not nillable, sent as nil with no content, is reported as nil rather than as an invalid value', () => {
    const op = builtins.operations.Echo;
    const { xml } = roundTrip(op, minimalBuiltins);
    const nil = xml.replace(/<(\w+):int>0<\/\1:int>/, '<$1:int xsi:nil="true"/>');
    expect(nil).toContain(':int xsi:nil="true"/>');
    // Before, lenient readers said '"" is not a valid xs:int', and only strict ones named the xsi:nil.
    for (const strict of [false, true]) {
      expect(() => op.parseRequest(nil, { strict })).toThrow(/^Element int cannot be nil \(it is not nillable, or its value is fixed\): xsi:nil is not allowed on it(, and its empty content is no value of its type)? at \/Envelope\/Body\/Echo\/int\/@nil/);
    }
    expect(() => op.parseRequest(nil)).toThrow(expect.objectContaining({ code: 'not-nillable' }));
  });

  it('an MTOM/XOP xop:Include, whose MIME part is not read, is reported instead of read as empty bytes', () => {
    const op = builtins.operations.Echo;
    const { xml } = roundTrip(op, minimalBuiltins);
    const xop = xml.replace(/(<(\w+):base64Binary)\/>|(<(\w+):base64Binary>)<\/\4:base64Binary>/, '<$2$4:base64Binary><xop:Include xmlns:xop="http://www.w3.org/2004/08/xop/include" href="cid:1@x"/></$2$4:base64Binary>');
    expect(xop).toContain('xop:Include');
    expect(op.parseRequest(xop).warnings).toMatchObject([{ code: 'unexpected-element', message: expect.stringMatching(/^Element xop:Include refers to a MIME part of an MTOM\/XOP message/), path: '/Envelope/Body/Echo/base64Binary/Include' }]);
    expect(() => op.parseRequest(xop, { strict: true })).toThrow(/MTOM\/XOP/);
  });

  it('writers refuse, by path, what a JS caller passes around the types: a missing rpc part, null where no nil is allowed', () => {
    const op = rpc.operations.Move;
    const body: rpc.MoveRequestBody = { from: { x: 1, y: 2 }, steps: 3, label: 'go' };
    expect(roundTrip(op, body).back).toEqual(body);
    // Before, both were a bare TypeError from inside the writer.
    const missing = (): string => op.serializeRequest({ from: body.from, label: 'go' } as never);
    expect(missing).toThrow(SerializeError);
    expect(missing).toThrow(/^Move\.steps: Missing part steps$/);
    const nulled = (): string => op.serializeRequest({ ...body, from: null } as never);
    expect(nulled).toThrow(SerializeError);
    expect(nulled).toThrow(/^Move\.from\.x: Not a value of its type \(Cannot read properties of null \(reading 'x'\)\): give what the TypeScript type allows; null only where the element is nillable$/);
  });

  it('a header part with type= is a qualified entry: the part name in the message\'s namespace, or in soap:header\'s', () => {
    const op = rpc.operations.Move;
    const body: rpc.MoveRequestBody = { from: { x: 1, y: 2 }, steps: 3, label: 'go' };
    // SOAP 1.1 requires header entries to be namespace-qualified; before, <session> had no namespace.
    const entry = (xml: string): [string | null, string | null, string | null] => {
      const header = new DOMParser().parseFromString(xml, 'text/xml').getElementsByTagNameNS(SOAP11, 'Header').item(0);
      const first = header?.firstChild as Element | null | undefined;
      return [first?.namespaceURI ?? null, first?.localName ?? null, first?.textContent ?? null];
    };
    const request = op.serializeRequest(body, { session: 's-1' });
    expect(entry(request)).toEqual(['urn:example:constructs:rpc-literal', 'session', 's-1']);
    expect(op.parseRequest(request, { strict: true }).headers).toEqual({ session: 's-1' });
    const response = op.serializeResponse({ to: { x: 4, y: 5 }, distance: 3 }, { session: 's-2' });
    expect(entry(response)).toEqual(['urn:example:constructs:rpc-literal:headers', 'session', 's-2']);
    expect(op.parseResponse(response, { strict: true }).headers).toEqual({ session: 's-2' });
  });

  it('a scalar body part or header that cannot be written is a SerializeError naming its element', () => {
    // Before, the formatter's bare ValueError escaped: no path, and not the error writers promise.
    const body = (): string => simpleTypes.operations.Classify.serializeResponse('purple' as never);
    expect(body).toThrow(SerializeError);
    expect(body).toThrow(/^ClassifyResponse: "purple" is not a value of Color; expected one of: red, green, light blue$/);
    const header = (): string => rpc.operations.Move.serializeRequest({ from: { x: 1, y: 2 }, steps: 3, label: 'go' }, { session: 'a\u0000' });
    expect(header).toThrow(SerializeError);
    expect(header).toThrow(/^session: U\+0000 at index 1 cannot be represented in XML 1\.0$/);
  });

  it('mixed content keeps text of spaces XML does not call whitespace (U+00A0), and drops XML whitespace', () => {
    const body: mixed.Render = { title: { $text: '\u00a0', lang: 'en' }, para: [{ $choice: [{ b: 'x' }] }] };
    expect(roundTrip(mixed.operations.Render, body).back).toEqual(body);
    const blank = roundTrip(mixed.operations.Render, { title: { $text: ' \n\t', lang: 'en' }, para: [{ $choice: [{ b: 'x' }] }] }).back;
    expect(blank.title).toEqual({ lang: 'en' });
  });

  it('mixed content around a repeated choice keeps its text between the elements, in order', () => {
    const op = mixed.operations.Render;
    const xml = op.serializeRequest({ title: { lang: 'en' }, para: [{ $choice: [{ b: 'x' }] }] });
    const prose = xml.replace(/<(\w+):b>x<\/\1:b>/, 'Hello <$1:b>bold</$1:b> and <$1:i>it</$1:i> <![CDATA[&]]> more.');
    const para = op.parseRequest(prose, { strict: true }).body.para[0];
    expect(para?.$choice).toEqual([{ $text: 'Hello ' }, { b: 'bold' }, { $text: ' and ' }, { i: 'it' }, { $text: ' & more.' }]);
    expect(op.serializeRequest({ title: { lang: 'en' }, para: [para ?? {}] })).toBe(prose.replace('<![CDATA[&]]>', '&amp;'));
  });

  it('an enumeration lists values, not spellings: a number, a decimal, binary data in any of their forms (Code, Rate, Mark)', () => {
    const op = simpleTypes.operations.Classify;
    const body: simpleTypes.Classify = { color: 'red', level: 1, sku: 'AAA-0000', country: 'GB', user: 'ada', discount: 5, total: '1.00', code: 1, rate: '1.50', mark: new Uint8Array([10, 11]) };
    // Before, the code read from "01" could not be written back ("1" is not listed), nor the mark as 0A0B.
    const { xml, back } = roundTrip(op, body);
    expect(back).toEqual(body);
    expect(xml).toMatch(/<(\w+):code>1<\/\1:code><\1:rate>1.50<\/\1:rate><\1:mark>0A0B</);
    // Other spellings of listed values are read, a decimal as the spelling the schema lists.
    const other = xml.replace(/(<(\w+):code>)1</, '$1+02<').replace(/(<(\w+):rate>)1.50</, '$11.5<').replace(/(<(\w+):mark>)0A0B</, '$10a0b<');
    expect(op.parseRequest(other, { strict: true }).body).toEqual({ ...body, code: 2 });
    // Values not listed are still refused, with what is listed.
    expect(() => op.serializeRequest({ ...body, code: 3 })).toThrow('"3" is not a value of Code; expected one of: 01, +2');
    expect(() => op.serializeRequest({ ...body, mark: new Uint8Array([1]) })).toThrow(/"01" is not a value of Mark/);
    expect(() => op.parseRequest(xml.replace(/(<(\w+):rate>)1.50</, '$11.51<'), { strict: true })).toThrow(/"1.51" is not a value of Rate/);
  });

  it('a whiteSpace facet applies before the other facets, reading and writing', () => {
    // Username: xs:string, whiteSpace collapse, length 3 to 16.
    const body: simpleTypes.Classify = { color: 'red', level: 1, sku: 'AAA-0000', country: 'GB', user: 'ada', discount: 5, total: '1.00' };
    const xml = simpleTypes.operations.Classify.serializeRequest(body);
    const padded = simpleTypes.operations.Classify.parseRequest(xml.replace('>ada<', '>  ada \n<'), { strict: true });
    expect(padded.body.user).toBe('ada');
    // Five characters as written, one once collapsed: too short.
    expect(() => simpleTypes.operations.Classify.parseRequest(xml.replace('>ada<', '>  a \t<'), { strict: true })).toThrow(/Username/);
    expect(() => simpleTypes.operations.Classify.serializeRequest({ ...body, user: ' a  ' })).toThrow(/Username/);
    expect(simpleTypes.operations.Classify.serializeRequest({ ...body, user: ' a  b ' })).toContain('>a b<');
  });

  it('a value read without a required attribute is refused when written, with its path', () => {
    const op = attributes.operations.Store;
    const xml = op.serializeRequest({ region: 'eu', record: [{ value: 'v', id: 'r1', createdBy: 'me' }] });
    // Readers report the missing attribute and go on; writers then name it.
    for (const [attribute, pattern] of [['createdBy', /createdBy="me"/], ['id', /id="r1"/]] as const) {
      const parsed = op.parseRequest(xml.replace(pattern, ''));
      expect(parsed.warnings.map((w) => w.message)).toEqual([`Missing required attribute ${attribute}`]);
      // Before, a TypeError for the string attribute, and "undefined is not a valid xs:ID" for id.
      expect(() => op.serializeRequest(parsed.body)).toThrow(new RegExp(`^Store\\.record\\[0\\]\\.@${attribute}: Missing required attribute ${attribute}$`));
    }
  });

  it('a fixed attribute value is compared as a value of its type, not as text: a number, an instant', () => {
    const body: attributes.Store = { region: 'eu', record: [{ value: 'v', id: 'r1', createdBy: 'me', schemaVersion: 2 }] };
    const xml = attributes.operations.Store.serializeRequest(body);
    expect(xml).toContain('schemaVersion="2"');
    // schemaVersion is xs:int fixed="2": "02" and " 2 " are that value; "3" is not.
    for (const same of ['02', ' 2 ', '+2']) {
      expect(attributes.operations.Store.parseRequest(xml.replace('schemaVersion="2"', `schemaVersion="${same}"`), { strict: true }).body.record[0]?.schemaVersion).toBe(2);
    }
    expect(() => attributes.operations.Store.parseRequest(xml.replace('schemaVersion="2"', 'schemaVersion="3"'), { strict: true })).toThrow(/fixed to "2"/);
    // epoch is xs:dateTime fixed at 2024-01-01T00:00:00Z: the same instant in another zone is that
    // value (before, it was compared as text); the same time without a zone is not.
    const stamped = attributes.operations.Store.serializeRequest({ ...body, record: [{ value: 'v', id: 'r1', createdBy: 'me', epoch: '2024-01-01T00:00:00Z' }] });
    for (const same of ['2024-01-01T01:00:00+01:00', '2023-12-31T24:00:00.000Z']) {
      expect(attributes.operations.Store.parseRequest(stamped.replace('epoch="2024-01-01T00:00:00Z"', `epoch="${same}"`), { strict: true }).body.record[0]?.epoch).toBe(same);
    }
    expect(() => attributes.operations.Store.parseRequest(stamped.replace('epoch="2024-01-01T00:00:00Z"', 'epoch="2024-01-01T00:00:00"'), { strict: true })).toThrow(/fixed to "2024-01-01T00:00:00Z"/);
  });

  it('a name declared again later in a sequence has a property per place, and readers tell the places apart by position', () => {
    // RenamedDog: Animal's name, born?, then its own name?, breed, born*.
    const op = extension.operations.RegisterDog;
    const dog: extension.ServiceDog = { id: 1, name: 'Rex', breed: 'collie', task: ['guide'] };
    const renamed: extension.RenamedDog = { id: 2, name: 'Old', born: '2020-01-01', name_2: 'New', breed: 'pug', born_2: ['2020-01-02', '2020-01-03'] };
    const { xml, back } = roundTrip(op, { dog, renamed });
    expect(back.renamed).toEqual(renamed);
    expect(xml).toContain('<e:name>Old</e:name><e:born>2020-01-01</e:born><e:name>New</e:name><e:breed>pug</e:breed><e:born>2020-01-02</e:born><e:born>2020-01-03</e:born>');
    const read = (inner: string): unknown => op.parseRequest(xml.replace(/(<e:renamed[^>]*>).*<\/e:renamed>/, `$1${inner}</e:renamed>`), { strict: true }).body.renamed;
    // A born after breed can only be the second place; one before it, the first.
    expect(read('<e:name>A</e:name><e:breed>b</e:breed><e:born>2001-01-01</e:born>')).toEqual({ id: 2, name: 'A', breed: 'b', born_2: ['2001-01-01'] });
    expect(read('<e:name>A</e:name><e:born>2001-01-01</e:born><e:breed>b</e:breed>')).toEqual({ id: 2, name: 'A', born: '2001-01-01', breed: 'b' });
    // The second name follows the first, with or without born between them.
    expect(read('<e:name>A</e:name><e:name>B</e:name><e:breed>b</e:breed>')).toEqual({ id: 2, name: 'A', name_2: 'B', breed: 'b' });
    // A third name has no place: the lenient reader keeps the first two and says so.
    const three = op.parseRequest(xml.replace(/(<e:renamed[^>]*>).*<\/e:renamed>/, '$1<e:name>A</e:name><e:name>B</e:name><e:name>C</e:name><e:breed>b</e:breed></e:renamed>'));
    expect(three.body.renamed).toEqual({ id: 2, name: 'A', name_2: 'B', breed: 'b' });
    expect(three.warnings).toMatchObject([{ code: 'unexpected-element', path: '/Envelope/Body/RegisterDog/renamed/name[3]' }]);
  });

  it("a writer's error names the item of a list it failed in, counted from 0", () => {
    const op = extension.operations.RegisterDog;
    // Before: RegisterDog.dog.task, which of a hundred tasks left to the reader.
    const dog: extension.ServiceDog = { id: 1, name: 'Rex', breed: 'collie', task: ['guide', 'fetch', 'st\u0001p'] };
    expect(() => op.serializeRequest({ dog })).toThrow(/^RegisterDog\.dog\.task\[2\]: .*U\+0001/);
    // An item written by a writer of its own: the index marks its element.
    const shapes: substitution.Draw = { title: 't', Shape: [{ Circle: { radius: 1 } }, { Polygon: { point: ['0 0'] } }] };
    expect(() => substitution.operations.Draw.serializeRequest(shapes)).toThrow(/^Draw\.Shape\[1\]\.Polygon\.point: Element point must occur at least 3 times$/);
    // A choice's items: the list's property and the index.
    const choices = { customer: 'c', delivery: { pickupPoint: 'shop' }, $choice: [{ book: 'b' }, { book: 'b', disc: 1 }] } as sequences.PlaceOrder;
    expect(() => sequences.operations.PlaceOrder.serializeRequest(choices)).toThrow(/^PlaceOrder\.\$choice\[1\]: Give only one alternative/);
    // What fails after a list was written whole has no index.
    const order = { customer: 'c', note: ['a', 'b'] } as unknown as sequences.PlaceOrder;
    expect(() => sequences.operations.PlaceOrder.serializeRequest(order)).toThrow(/^PlaceOrder: Missing required element delivery$/);
  });

  it('a property only a derived type has is refused without $type, not dropped; an unknown $type too', () => {
    const op = extension.operations.RegisterDog;
    const service: extension.ServiceDog = { id: 1, name: 'Rex', breed: 'collie', task: ['guide'] };
    // Before: written as a plain Dog, without task and without a word.
    expect(() => op.serializeResponse(service)).toThrow(/^RegisterDogResponse: task is a property of ServiceDog, not of Dog: set \$type: 'ServiceDog' to write it$/);
    const typed = op.serializeResponse({ ...service, $type: 'ServiceDog' });
    expect(op.parseResponse(typed, { strict: true }).body).toEqual({ ...service, $type: 'ServiceDog' });
    // Simple content too: TaxedPrice adds an attribute to Price.
    const quote = simpleContent.operations.GetQuote;
    const price: simpleContent.TaxedPrice = { $value: '2.50', currency: 'EUR', rate: '0.2' };
    expect(() => quote.serializeRequest({ price, weight: [{ $value: 1, unit: 'kg' }] })).toThrow(/^Quote\.price: rate is a property of TaxedPrice, not of Price/);
    expect(quote.serializeRequest({ price: { ...price, $type: 'TaxedPrice' }, weight: [{ $value: 1, unit: 'kg' }] })).toMatch(/xsi:type="\w+:TaxedPrice" currency="EUR" rate="0.2"/);
    const dog: extension.Dog = { id: 2, name: 'Fido', breed: 'pug' };
    expect(op.serializeResponse(dog)).not.toContain('xsi:type');
    expect(op.serializeResponse({ ...dog, task: undefined } as extension.Dog)).not.toContain('task');
    const cat = { ...dog, $type: 'Cat' } as unknown as extension.Dog;
    expect(() => op.serializeResponse(cat)).toThrow(SerializeError);
    expect(() => op.serializeResponse(cat)).toThrow('$type Cat is none of: Dog, ServiceDog');
  });

  it("an element's block that rules out some derived types: writers refuse those, strict readers report their xsi:type", () => {
    // referral (of Contact) blocks extension: PhoneOnlyContact (a restriction) may stand in, CompanyContact (an extension) may not.
    const op = restriction.operations.SaveContact;
    const contact: restriction.PhoneOnlyContact = { name: 'Ada', phone: ['1'], rank: 1 };
    const narrow: restriction.PhoneOnlyContact = { $type: 'PhoneOnlyContact', name: 'Bob', phone: ['2'], rank: 2 };
    const { xml, back } = roundTrip(op, { contact, referral: narrow });
    expect(xml).toMatch(/<(\w+):referral xsi:type="\1:PhoneOnlyContact"/);
    expect(back.referral).toEqual(narrow);
    const company: restriction.CompanyContact = { $type: 'CompanyContact', name: 'Cy', company: 'Acme' };
    // Where nothing blocks it (fallback), an extension is written as before.
    expect(roundTrip(op, { contact, fallback: company }).back.fallback).toEqual(company);
    // Before: written with xsi:type="r:CompanyContact", which validators refuse (cvc-elt.4.3).
    expect(() => op.serializeRequest({ contact, referral: company })).toThrow(SerializeError);
    expect(() => op.serializeRequest({ contact, referral: company })).toThrow(
      /^SaveContact\.referral: \$type CompanyContact is derived from Contact by extension, which the element's block rules out: set \$type to Contact or PhoneOnlyContact, or leave it out to write a Contact$/,
    );
    // The same element read with xsi:type naming CompanyContact.
    const plain = op.serializeRequest({ contact, referral: { $type: 'Contact', name: 'Cy' } });
    const blocked = plain.replace(/(<(\w+):referral xsi:type="\2:)Contact">(.*?)<\/\2:referral>/, '$1CompanyContact">$3<$2:company>Acme</$2:company></$2:referral>');
    expect(blocked).toContain('CompanyContact');
    const strict = (() => {
      try {
        op.parseRequest(blocked, { strict: true });
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(strict).toBeInstanceOf(ReadError);
    expect([(strict as ReadError).code, (strict as ReadError).path]).toEqual(['unknown-type', '/Envelope/Body/SaveContact/referral']);
    // Lenient: read as the type it names, with a warning.
    const lenient = op.parseRequest(blocked);
    expect(lenient.body.referral).toEqual(company);
    expect(lenient.warnings.map((w) => [w.code, w.path, w.message])).toEqual([
      [
        'unknown-type',
        '/Envelope/Body/SaveContact/referral',
        "xsi:type {urn:example:constructs:complex-restriction}CompanyContact names a type derived from Contact by extension, which the element's block rules out; it is read as CompanyContact",
      ],
    ]);
    // The same xsi:type on fallback, which blocks nothing, is no deviation.
    expect(op.parseRequest(blocked.replace(/:referral\b/g, ':fallback'), { strict: true }).body.fallback).toEqual(company);
  });

  it('an empty element holds its declared default or fixed value; another fixed value is compared as a value', () => {
    const op = simpleTypes.operations.Classify;
    const body: simpleTypes.Classify = { color: 'red', level: 1, sku: 'AAA-0000', country: 'GB', user: 'ada', discount: 5, total: '1.00' };
    const xml = op.serializeRequest({ ...body, priority: 7, note: 'n', scale: '1.50', revision: 2, tag: { kind: 'std' } });
    const empty = xml.replace(/<t:(priority|note|scale|revision|kind)>[^<]*</g, '<t:$1><');
    expect(empty).toContain('<t:priority></t:priority><t:note></t:note><t:scale></t:scale><t:revision></t:revision><t:tag><t:kind></t:kind></t:tag>');
    // An int read from empty text would be invalid: the declaration's value is what XML Schema says it holds.
    expect(op.parseRequest(empty, { strict: true }).body).toEqual({ ...body, priority: 5, note: 'none', scale: '1.50', revision: 2, tag: { kind: 'std' } });
    // A string's fixed value is compared as text.
    expect(() => op.parseRequest(xml.replace('>std<', '>Std<'), { strict: true })).toThrow(/Element kind is fixed to "std"/);
    // scale is a decimal fixed to 1.50: "1.5" is that value; revision, an int fixed to 2, is not 3.
    expect(op.parseRequest(xml.replace('>1.50<', '>1.5<'), { strict: true }).body.scale).toBe('1.5');
    const other = xml.replace('<t:revision>2<', '<t:revision>3<');
    expect(() => op.parseRequest(other, { strict: true })).toThrow(/Element revision is fixed to "2"/);
    const lenient = op.parseRequest(other);
    expect(lenient.body.revision).toBe(3);
    expect(lenient.warnings).toMatchObject([{ code: 'fixed-value', path: '/Envelope/Body/Classify/revision' }]);
    // A whole response element with a default: <ClassifyResponse/> is "green".
    const response = op.serializeResponse('red').replace(/<(\w+:)?ClassifyResponse([^>]*)>red<\/(\w+:)?ClassifyResponse>/, '<$1ClassifyResponse$2/>');
    expect(response).toMatch(/ClassifyResponse[^>]*\/>/);
    expect(op.parseResponse(response, { strict: true }).body).toBe('green');
  });

  it('an empty element of a simple-content type holds its declared default or fixed value, through the type dispatcher too', () => {
    const op = simpleContent.operations.GetQuote;
    const body: simpleContent.Quote = { price: { $value: '2.50', currency: 'EUR' }, listPrice: { $value: '3.00', currency: 'EUR' }, weight: [{ $value: 1, unit: 'kg' }] };
    const xml = op.serializeRequest(body).replace(/(<\w+:listPrice[^>]*>)3\.00</, '$1<');
    expect(xml).toMatch(/<\w+:listPrice currency="EUR"><\//);
    // Price has a derived type (EuroPrice), so it is read through readAsPrice, which passes the default on.
    expect(op.parseRequest(xml, { strict: true }).body.listPrice).toEqual({ $value: '0.00', currency: 'EUR' });
    // basePrice is fixed to 1.00: empty holds it, 1.0 is that value, 2.00 is not.
    const fixed = op.serializeRequest({ ...body, basePrice: { $value: '1.00', currency: 'EUR' } });
    const withBase = (v: string): string => fixed.replace(/(<\w+:basePrice[^>]*>)1\.00</, `$1${v}<`);
    expect(op.parseRequest(withBase(''), { strict: true }).body.basePrice).toEqual({ $value: '1.00', currency: 'EUR' });
    expect(op.parseRequest(withBase('1.0'), { strict: true }).body.basePrice).toEqual({ $value: '1.0', currency: 'EUR' });
    expect(() => op.parseRequest(withBase('2.00'), { strict: true })).toThrow(/Element basePrice is fixed to "1.00"/);
    expect(op.parseRequest(withBase('2.00')).warnings).toMatchObject([{ code: 'fixed-value', path: '/Envelope/Body/Quote/basePrice' }]);
  });

  it('an enumeration of QNames admits its values by namespace and local name, whatever the prefix', () => {
    const op = simpleContent.operations.GetQuote;
    const NS = simpleContent.xml.NS0;
    const SOAP12 = 'http://www.w3.org/2003/05/soap-envelope';
    const base: simpleContent.Quote = { price: { $value: '2.50', currency: 'EUR' }, weight: [{ $value: 1, unit: 'kg' }] };
    const body: simpleContent.Quote = {
      ...base,
      code: { namespace: SOAP12, localName: 'MustUnderstand' },
      outcome: { $value: { namespace: '', localName: 'Retry' }, subcode: { namespace: NS, localName: 'Sender' } },
      // The union with xs:QName admits any QName.
      anyOutcome: { namespace: 'urn:elsewhere', localName: 'Whatever' },
    };
    const { xml, back } = roundTrip(op, body);
    expect(back).toEqual(body);
    // Read with prefixes of the document's own choosing.
    const code = (content: string, decl = ''): string => xml.replace(/<(\w+):code[^>]*>[^<]*<\/\1:code>/, `<$1:code${decl}>${content}</$1:code>`);
    expect(op.parseRequest(code('e:Receiver', ` xmlns:e="${NS}"`)).body.code).toEqual({ namespace: NS, localName: 'Receiver' });
    expect(op.parseRequest(code('Retry')).body.code).toEqual({ namespace: '', localName: 'Retry' });
    // A value the enumeration does not list, or a listed local name in another namespace, is refused with its path.
    expect(() => op.parseRequest(code('e:Bogus', ` xmlns:e="${NS}"`))).toThrow(/The QName \{urn:example:constructs:simple-content\}Bogus is not a value of FaultCode.* at \/Envelope\/Body\/Quote\/code /);
    expect(() => op.parseRequest(code('Retry', ` xmlns="${NS}"`))).toThrow(/\{urn:example:constructs:simple-content\}Retry is not a value of FaultCode/);
    // SenderOnly restricts FaultCode to Sender: Receiver, a FaultCode, is still refused.
    const subcode = xml.replace(/subcode="(\w+):Sender"/, 'subcode="$1:Receiver"');
    expect(subcode).not.toBe(xml);
    expect(() => op.parseRequest(subcode)).toThrow(/is not a value of SenderOnly.* at \/Envelope\/Body\/Quote\/outcome\/@subcode /);
    // Writers refuse the same values, naming where.
    expect(() => op.serializeRequest({ ...base, code: { namespace: NS, localName: 'Bogus' } })).toThrow(/Quote\.code: The QName \{urn:example:constructs:simple-content\}Bogus is not a value of FaultCode; expected one of: /);
    expect(() => op.serializeRequest({ ...base, outcome: { $value: { namespace: NS, localName: 'Sender' }, subcode: { namespace: NS, localName: 'Receiver' } } })).toThrow(
      /Quote\.outcome\.@subcode: .* is not a value of SenderOnly/,
    );
    expect(() => op.serializeRequest({ ...base, outcome: { $value: { namespace: SOAP12, localName: 'Sender' } } })).toThrow(/Quote\.outcome: .* is not a value of FaultCode/);
    // A simpleContent restriction narrows the value of the type it restricts.
    const receiver = { namespace: NS, localName: 'Receiver' };
    expect(roundTrip(op, { ...base, strictOutcome: { $value: receiver } }).back.strictOutcome).toEqual({ $value: receiver });
    expect(() => op.serializeRequest({ ...base, strictOutcome: { $value: { namespace: NS, localName: 'Sender' } } })).toThrow(/Quote\.strictOutcome: .* is not a value of ReceiverOutcomeValue/);
  });

  it('a default or fixed list of QNames is the names the schema wrote, compared item by item', () => {
    const op = listUnion.operations.Fit;
    const NS = listUnion.xml.NS0;
    const XSD = 'http://www.w3.org/2001/XMLSchema';
    const xml = op.serializeRequest({ sizes: ['small'], requested: ['medium'], width: 'auto', usualKinds: [], onlyKinds: [], taggedKinds: { $value: [], tag: 't' } });
    expect(xml).toMatch(/<(\w+):usualKinds><\/\1:usualKinds>/);
    // Empty elements: the declared lists, resolved where the schema wrote them (before, each read as an empty list).
    const empty = op.parseRequest(xml, { strict: true }).body;
    expect([empty.usualKinds, empty.onlyKinds, empty.taggedKinds]).toEqual([
      [{ namespace: NS, localName: 'small' }, { namespace: XSD, localName: 'int' }],
      [{ namespace: '', localName: 'a' }, { namespace: '', localName: 'b' }],
      { $value: [{ namespace: NS, localName: 'large' }], tag: 't' },
    ]);
    const set = (name: string, content: string): string => xml.replace(new RegExp(`<(\\w+):${name}></\\1:${name}>`), `<$1:${name}>${content}</$1:${name}>`);
    // The fixed list with other whitespace is that list: no warning, even strict.
    const own = set('onlyKinds', ' a\n b ');
    expect(own).toContain(' a\n b ');
    expect(op.parseRequest(own, { strict: true }).body.onlyKinds).toEqual([{ namespace: '', localName: 'a' }, { namespace: '', localName: 'b' }]);
    // Another order, or a shorter list at the attribute, is kept and reported.
    const other = set('onlyKinds', 'b a').replace(/(<(\w+):Fit)/, '$1 realm="there"');
    expect(other).toContain('realm="there"');
    const read = op.parseRequest(other);
    expect([read.body.onlyKinds, read.body.realm]).toEqual([[{ namespace: '', localName: 'b' }, { namespace: '', localName: 'a' }], [{ namespace: '', localName: 'there' }]]);
    expect(read.warnings.map((w) => [w.code, w.path, w.message])).toEqual([
      ['fixed-value', '/Envelope/Body/Fit/@realm', 'Attribute realm is fixed to {}here {}there'],
      ['fixed-value', '/Envelope/Body/Fit/onlyKinds', 'Element onlyKinds is fixed to {}a {}b'],
    ]);
  });

  it('a default or fixed QName is the name the schema wrote, compared by namespace and local name', () => {
    const op = simpleContent.operations.GetQuote;
    const NS = simpleContent.xml.NS0;
    const SOAP12 = 'http://www.w3.org/2003/05/soap-envelope';
    const base: simpleContent.Quote = { price: { $value: '2.50', currency: 'EUR' }, weight: [{ $value: 1, unit: 'kg' }] };
    const xml = op.serializeRequest({ ...base, fallback: { namespace: NS, localName: 'Sender' }, origin: { namespace: SOAP12, localName: 'Sender' }, scheme: { namespace: NS, localName: 'Standard' } });
    const set = (name: string, content: string, decl = ''): string => xml.replace(new RegExp(`<(\\w+):${name}[^>]*>[^<]*</\\1:${name}>`), `<$1:${name}${decl}>${content}</$1:${name}>`);
    // Empty: the declared value (fallback's default tns:Receiver, origin's fixed env:Sender).
    const empty = op.parseRequest(set('origin', '', '').replace(/(<(\w+):fallback)[^>]*>[^<]*<\/\2:fallback>/, '$1/>'), { strict: true }).body;
    expect([empty.fallback, empty.origin]).toEqual([
      { namespace: NS, localName: 'Receiver' },
      { namespace: SOAP12, localName: 'Sender' },
    ]);
    // The fixed values under prefixes of the document's choosing are those values: no warning, even strict.
    const own = set('origin', 's12:Sender', ` xmlns:s12="${SOAP12}"`).replace(/scheme="[^"]*"/, `xmlns:z="${NS}" scheme="z:Standard"`);
    expect(op.parseRequest(own, { strict: true }).body.scheme).toEqual({ namespace: NS, localName: 'Standard' });
    // Another name is kept and reported, at the element or the attribute.
    const other = set('origin', 's12:Receiver', ` xmlns:s12="${SOAP12}"`).replace(/scheme="[^"]*"/, `xmlns:z="urn:elsewhere" scheme="z:Standard"`);
    const read = op.parseRequest(other);
    expect(read.body.origin).toEqual({ namespace: SOAP12, localName: 'Receiver' });
    expect(read.warnings.map((w) => [w.code, w.path, w.message])).toEqual([
      ['fixed-value', '/Envelope/Body/Quote/@scheme', `Attribute scheme is fixed to {${NS}}Standard`],
      ['fixed-value', '/Envelope/Body/Quote/origin', `Element origin is fixed to {${SOAP12}}Sender`],
    ]);
  });

  it('a default or fixed QName of a simple-content type (attributes beside it) is the name the schema wrote', () => {
    const op = simpleContent.operations.GetQuote;
    const NS = simpleContent.xml.NS0;
    const SOAP12 = 'http://www.w3.org/2003/05/soap-envelope';
    const base: simpleContent.Quote = { price: { $value: '2.50', currency: 'EUR' }, weight: [{ $value: 1, unit: 'kg' }] };
    const xml = op.serializeRequest({ ...base, pending: { $value: { namespace: NS, localName: 'Sender' }, note: 'n' }, settled: { $value: { namespace: SOAP12, localName: 'Receiver' } } });
    // Before, the schema's text went to the reader unresolved, which ignored it: the package did not type-check.
    const empty = xml.replace(/(<(\w+):pending note="n")>[^<]*<\/\2:pending>/, '$1/>').replace(/(<(\w+):settled)[^>]*>[^<]*<\/\2:settled>/, '$1/>');
    expect(empty).not.toContain('Sender');
    const read = op.parseRequest(empty, { strict: true }).body;
    expect([read.pending, read.settled]).toEqual([{ $value: { namespace: NS, localName: 'Pending' }, note: 'n' }, { $value: { namespace: SOAP12, localName: 'Receiver' } }]);
    const other = xml.replace(/(<(\w+):settled)([^>]*)>[^<]*</, `$1$3 xmlns:s12="${SOAP12}">s12:Sender<`);
    expect(op.parseRequest(other).warnings.map((w) => [w.code, w.path, w.message])).toEqual([['fixed-value', '/Envelope/Body/Quote/settled', `Element settled is fixed to {${SOAP12}}Receiver`]]);
  });

  it('keeps an unknown value of a string enumeration only when told to, and writers still refuse it', () => {
    const op = simpleContent.operations.GetQuote;
    const xml = op.serializeRequest({ price: { $value: '2.50', currency: 'EUR' }, weight: [{ $value: 1, unit: 'kg' }], unitLabel: { $value: 'lb' } });
    // A unit a newer peer might send: as simple content (Label extends Unit) and as an attribute (Weight/@unit).
    const newer = xml.replace(/(<(\w+):unitLabel>)lb</, '$1st<').replace('unit="kg"', 'unit="oz"');
    expect(newer).not.toContain('>lb<');
    expect(() => op.parseRequest(newer)).toThrow(/"oz" is not a value of Unit.* at \/Envelope\/Body\/Quote\/weight\/@unit /);
    const kept = op.parseRequest(newer, { unknownEnumerations: 'keep' });
    expect([kept.body.unitLabel, kept.body.weight[0]?.unit]).toEqual([{ $value: 'st' }, 'oz']);
    expect(kept.warnings.map((w) => [w.code, w.path])).toEqual([
      ['unknown-enumeration', '/Envelope/Body/Quote/weight/@unit'],
      ['unknown-enumeration', '/Envelope/Body/Quote/unitLabel'],
    ]);
    expect(kept.warnings[1]?.message).toBe('"st" is not a value of Unit; expected one of: kg, lb; kept as read');
    expect(() => op.parseRequest(newer, { unknownEnumerations: 'keep', strict: true })).toThrow(/unknown-enumeration/);
    // Writers still refuse it.
    expect(() => op.serializeRequest(kept.body)).toThrow(/Quote\.weight\[0\]\.@unit: "oz" is not a value of Unit/);
  });

  it('keeps unknown enumeration values inside lists and unions, and unknown QNames of an enumeration, when told to', () => {
    // EWS's flag lists (QueryOptionsType, UserConfigurationPropertyType) are lists of an
    // enumeration: a newer server's flag is one unknown item of the list.
    const fit = listUnion.operations.Fit;
    const fitXml = fit.serializeRequest({ sizes: ['small'], requested: ['medium'], width: 'auto' });
    const newer = fitXml.replace('>small<', '>small huge<').replace('>medium<', '>vast<');
    expect(() => fit.parseRequest(newer)).toThrow(/"huge" is not a value of Size.* at \/Envelope\/Body\/Fit\/sizes /);
    const kept = fit.parseRequest(newer, { unknownEnumerations: 'keep' });
    expect([kept.body.sizes, kept.body.requested]).toEqual([['small', 'huge'], ['vast']]);
    expect(kept.warnings.map((w) => [w.code, w.path, w.message])).toEqual([
      ['unknown-enumeration', '/Envelope/Body/Fit/sizes', '"huge" is not a value of Size; expected one of: small, medium, large; kept as read'],
      ['unknown-enumeration', '/Envelope/Body/Fit/requested', '"vast" is not a value of Size; expected one of: small, medium, large; kept as read'],
    ]);
    expect(() => fit.parseRequest(newer, { unknownEnumerations: 'keep', strict: true })).toThrow(/unknown-enumeration/);
    // What no enumeration explains still fails: "x" in a list of ints.
    const withCodes = fit.serializeRequest({ sizes: ['small'], requested: ['medium'], codes: [1], width: 'auto' });
    expect(() => fit.parseRequest(withCodes.replace('>1<', '>1 x<'), { unknownEnumerations: 'keep' })).toThrow(/at \/Envelope\/Body\/Fit\/codes /);
    expect(() => fit.serializeRequest(kept.body)).toThrow(/Fit\.sizes: "huge" is not a value of Size/);

    // A QName enumeration (SOAP 1.2's fault codes), as an element and as an attribute.
    const op = simpleContent.operations.GetQuote;
    const NS = simpleContent.xml.NS0;
    const base: simpleContent.Quote = { price: { $value: '2.50', currency: 'EUR' }, weight: [{ $value: 1, unit: 'kg' }] };
    const xml = op.serializeRequest({ ...base, code: { namespace: NS, localName: 'Sender' }, outcome: { $value: { namespace: '', localName: 'Retry' }, subcode: { namespace: NS, localName: 'Sender' } } });
    const bogus = xml.replace(/(<(\w+):code[^>]*>)(\w+):Sender</, '$1$3:Bogus<').replace(/subcode="(\w+):Sender"/, 'subcode="$1:Receiver"');
    expect(bogus).toContain(':Bogus<');
    expect(() => op.parseRequest(bogus)).toThrow(/Bogus is not a value of FaultCode/);
    const read = op.parseRequest(bogus, { unknownEnumerations: 'keep' });
    expect([read.body.code, read.body.outcome?.subcode]).toEqual([{ namespace: NS, localName: 'Bogus' }, { namespace: NS, localName: 'Receiver' }]);
    expect(read.warnings.map((w) => [w.code, w.path])).toEqual([
      ['unknown-enumeration', '/Envelope/Body/Quote/code'],
      ['unknown-enumeration', '/Envelope/Body/Quote/outcome/@subcode'],
    ]);
    expect(read.warnings[0]?.message).toMatch(/^The QName \{urn:example:constructs:simple-content\}Bogus is not a value of FaultCode; expected one of: .*; kept as read$/);
    expect(() => op.serializeRequest(read.body)).toThrow(/Quote\.code: The QName .*Bogus is not a value of FaultCode/);
  });

  it('every built-in type keeps its value', () => {
    const body: builtins.AllBuiltins = {
      string: ' a & b < c ', normalizedString: 'a b', token: 'a b', language: 'en-GB', Name: 'x:y', NCName: 'x', ID: 'id1', IDREF: 'id1', IDREFS: ['id1', 'id2'],
      ENTITY: 'e', ENTITIES: ['e', 'f'], NMTOKEN: '1.2-x', NMTOKENS: ['a', 'b'], anyURI: 'http://example.com/a?b=c&d', QName: { namespace: builtins.xml.NS0, localName: 'q' },
      boolean: true, decimal: '-12.340', integer: 123456789012345678901234567890n, nonPositiveInteger: -5n, negativeInteger: -1n, long: -9223372036854775808n,
      int: -2147483648, short: 32767, byte: -128, nonNegativeInteger: 0n, unsignedLong: 18446744073709551615n, unsignedInt: 4294967295, unsignedShort: 65535,
      unsignedByte: 255, positiveInteger: 1n, float: 1.5, double: -Infinity, duration: 'P1Y2M3DT4H5M6.7S', dateTime: '2012-01-05T23:06:58-08:00', time: '23:59:59.999Z',
      date: '2024-02-29', gYearMonth: '2024-02', gYear: '-0044', gMonthDay: '--02-29', gDay: '---31', gMonth: '--12', hexBinary: new Uint8Array([0, 255, 16]),
      base64Binary: new Uint8Array([104, 105]), anySimpleType: 'free', anyType: { namespace: builtins.xml.NS0, localName: 'anyType', xml: `<t:anyType xmlns:t="${builtins.xml.NS0}"><t:x>1</t:x></t:anyType>` },
    };
    const { back } = roundTrip(builtins.operations.Echo, body);
    expect({ ...back, anyType: undefined }).toEqual({ ...body, anyType: undefined });
    expect(back.anyType.localName).toBe('anyType');
    expect(back.anyType.xml).toContain('<t:x>1</t:x>');
  });

  it('an xs:anyType value is the element itself: another element in its place is refused, with the path', () => {
    const echo = (anyType: builtins.AllBuiltins['anyType']): string =>
      builtins.operations.Echo.serializeRequest({ ...minimalBuiltins, anyType });
    expect(echo({ namespace: builtins.xml.NS0, localName: 'anyType', xml: `<t:anyType xmlns:t="${builtins.xml.NS0}">1</t:anyType>` })).toContain('>1</t:anyType>');
    // It used to be written as given: a <value> where the schema has <anyType>.
    expect(() => echo({ namespace: '', localName: 'value', xml: '<value>1</value>' })).toThrow(
      `Echo.anyType: Expected the element {${builtins.xml.NS0}}anyType itself (the value of an xs:anyType element), not {}value`,
    );
  });

  it('QName values in namespaces the message does not declare are declared where they are written', () => {
    const base = minimalBuiltins;
    const { xml, back } = roundTrip(builtins.operations.Echo, base);
    expect(xml).toContain('<b:QName xmlns:q="urn:elsewhere">q:q</b:QName>');
    expect(xml).toMatch(/ xmlns:q_kind="urn:kinds" kind="q_kind:k" xmlns:q_variant="urn:variants" variant="q_variant:v"/);
    expect([back.QName, back.kind, back.variant]).toEqual([base.QName, base.kind, base.variant]);
    // No namespace: an unprefixed name (the message declares no default namespace).
    const none = roundTrip(builtins.operations.Echo, { ...base, QName: { namespace: '', localName: 'plain' } });
    expect(none.xml).toContain('<b:QName>plain</b:QName>');
    expect(none.back.QName).toEqual({ namespace: '', localName: 'plain' });
  });

  it('a document keeps the schema locations of its root: read into the parsed document, written back from it', () => {
    const who: xsdEntry.Person = { id: 'p1', name: 'Ada' };
    const xml =
      '<e:Who xmlns:e="urn:example:constructs:xsd-entry" xmlns:i="http://www.w3.org/2001/XMLSchema-instance" id="p1"\n' +
      '  i:schemaLocation="urn:example:constructs:xsd-entry  types.xsd" i:noNamespaceSchemaLocation="plain.xsd"><e:name>Ada</e:name></e:Who>';
    const parsed = xsdEntry.documents.Who.parse(xml, { strict: true });
    expect(parsed).toEqual({ value: who, warnings: [], schemaLocation: 'urn:example:constructs:xsd-entry  types.xsd', noNamespaceSchemaLocation: 'plain.xsd' });
    // Before, writing the value back lost them: nothing carried them.
    const again = xsdEntry.documents.Who.serialize(parsed.value, parsed);
    expect(again).toContain(' xsi:schemaLocation="urn:example:constructs:xsd-entry  types.xsd" xsi:noNamespaceSchemaLocation="plain.xsd"');
    expect(xsdEntry.documents.Who.parse(again, { strict: true })).toEqual(parsed);
    expect(xsdEntry.documents.Who.parse(xsdEntry.documents.Who.serialize(who), { strict: true })).toEqual({ value: who, warnings: [] });
    expect(() => xsdEntry.documents.Who.serialize(who, { schemaLocation: 'types.xsd' })).toThrow(/^xsi:schemaLocation pairs each namespace with the location of its schema, but "types.xsd" has 1 URI/);
  });

  it('a schema given alone: whole documents of its global elements, read and written', () => {
    const who: xsdEntry.Person = { id: 'p1', name: 'Ada', friend: [{ id: 'p2', name: 'Grace', age: 85 }] };
    const xml = xsdEntry.documents.Who.serialize(who);
    expect(xml).toMatch(/^<\?xml version="1\.0" encoding="utf-8"\?>\n<e:Who xmlns:xsi="http:\/\/www\.w3\.org\/2001\/XMLSchema-instance" xmlns:e="urn:example:constructs:xsd-entry" id="p1">/);
    expect(xsdEntry.documents.Who.parse(xml, { strict: true })).toEqual({ value: who, warnings: [] });
    expect(xsdEntry.documents.Count.parse(xsdEntry.documents.Count.serialize(42)).value).toBe(42);
    // A root of simple type is named in a writer's error, as any element is (before: a bare ValueError).
    expect(() => xsdEntry.documents.Count.serialize(2 ** 40)).toThrow(SerializeError);
    expect(() => xsdEntry.documents.Count.serialize(2 ** 40)).toThrow(/^Count: /);
    const nil = xsdEntry.documents.Note.serialize(null);
    expect(nil).toContain('<e:Note xmlns:xsi=');
    expect(xsdEntry.documents.Note.parse(nil).value).toBeNull();
    expect(xsdEntry.documents.Note.parse(xsdEntry.documents.Note.serialize('a & b')).value).toBe('a & b');
    expect(xsdEntry.documents.__proto___.parse(xsdEntry.documents.__proto___.serialize(true)).value).toBe(true);
    expect(Object.getPrototypeOf(xsdEntry.documents)).toBe(Object.prototype);
    // @ts-expect-error an abstract element has no document
    expect(xsdEntry.documents.Base).toBeUndefined();
  });

  it('a document of another root, or with content the schema does not allow, is reported with its path', () => {
    const other = '<e:Count xmlns:e="urn:example:constructs:xsd-entry">1</e:Count>';
    expect(() => xsdEntry.documents.Who.parse(other)).toThrow(/Expected the document element \{urn:example:constructs:xsd-entry\}Who but it is \{urn:example:constructs:xsd-entry\}Count/);
    const extra = '<e:Who xmlns:e="urn:example:constructs:xsd-entry" id="p"><e:name>A</e:name><e:shoe/></e:Who>';
    const lenient = xsdEntry.documents.Who.parse(extra);
    expect(lenient.value).toEqual({ id: 'p', name: 'A' });
    expect(lenient.warnings.map((w) => [w.code, w.path])).toEqual([['unexpected-element', '/Who/shoe']]);
    expect(() => xsdEntry.documents.Who.parse(extra, { strict: true })).toThrow(ReadError);
  });
});
