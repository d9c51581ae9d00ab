import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Diagnostics } from '../../../generator/diagnostics';
import type { ElementParticle, GroupParticle, Particle } from '../../../generator/ir';
import { load } from '../../../generator/load';
import { parse } from '../../../generator/parse';
import { choiceBranches, shapeOf } from '../../../generator/plan/shapes';
import { resolve } from '../../../generator/resolve';

const at = { file: 'hand-built.xsd', line: 1, col: 1 };
const el = (name: string): ElementParticle => ({
  kind: 'element', name: `{urn:t}${name}`, type: '{http://www.w3.org/2001/XMLSchema}string', nillable: false, min: 1, max: 1, substitutes: [], abstract: false, propName: name, origin: at,
});
const group = (kind: GroupParticle['kind'], particles: Particle[], max: GroupParticle['max'] = 1): GroupParticle => ({ kind, min: 1, max, particles, origin: at });

describe('choiceBranches', () => {
  it('gives each element of a single choice its choice and branch, nested choices included', () => {
    const [pickup, street, zip, postcode] = [el('pickup'), el('street'), el('zip'), el('postcode')];
    const branches = choiceBranches(group('choice', [pickup, group('sequence', [street, group('choice', [zip, postcode])])]), new Set());
    expect([...branches]).toEqual([
      [pickup, [[0, 0]]],
      [street, [[0, 1]]],
      [zip, [[0, 1], [1, 0]]],
      [postcode, [[0, 1], [1, 1]]],
    ]);
  });

  it('leaves out repeated choices and sequences, and a choice whose branches share an element name', () => {
    expect(choiceBranches(group('choice', [el('a'), el('b')], 'unbounded'), new Set()).size).toBe(0);
    expect(choiceBranches(group('sequence', [group('choice', [el('a'), el('b')])], 2), new Set()).size).toBe(0);
    expect(choiceBranches(group('choice', [group('sequence', [el('a'), el('b')]), group('sequence', [el('a'), el('c')])]), new Set()).size).toBe(0);
  });

  it('gives a group kept as one property its branch, and does not count its elements as shared', () => {
    // choice((c, t)+ | t): the first t is an item's, the second the choice's own property.
    const laps = group('sequence', [el('c'), el('t')], 'unbounded');
    const t = el('t');
    const branches = choiceBranches(group('choice', [laps, t]), new Set([laps]));
    expect([...branches]).toEqual([
      [laps, [[0, 0]]],
      [t, [[0, 1]]],
    ]);
    // Not kept (one property per name), the repeated sequence's t is the choice's t too.
    expect(choiceBranches(group('choice', [laps, t]), new Set()).size).toBe(0);
  });
});

describe('shapeOf: a repeated group of one repeated particle left nested', () => {
  // resolve keeps these nested, as their counts leave gaps: the list is bounded by the products.
  it('bounds the list from the fewest to the most of the products, for a choice, a sequence and a wildcard', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'codegen-shapes-'));
    try {
      const ab = '<xs:element name="a" type="xs:string"/><xs:element name="b" type="xs:string"/>';
      const types = {
        Choice: `<xs:sequence minOccurs="2" maxOccurs="3"><xs:choice minOccurs="2" maxOccurs="2">${ab}</xs:choice></xs:sequence>`,
        Sequence: `<xs:sequence minOccurs="2" maxOccurs="3"><xs:sequence minOccurs="2" maxOccurs="2">${ab}</xs:sequence></xs:sequence>`,
        Wildcard: '<xs:sequence minOccurs="2" maxOccurs="3"><xs:any namespace="##other" minOccurs="2" maxOccurs="2"/></xs:sequence>',
        Unbounded: `<xs:sequence minOccurs="2" maxOccurs="unbounded"><xs:choice minOccurs="2" maxOccurs="2">${ab}</xs:choice></xs:sequence>`,
        Optional: `<xs:sequence minOccurs="0" maxOccurs="3"><xs:sequence minOccurs="2" maxOccurs="2">${ab}</xs:sequence></xs:sequence>`,
      };
      const body = Object.entries(types).map(([name, content]) => `<xs:complexType name="${name}"><xs:sequence><xs:element name="x" type="xs:string"/>${content}</xs:sequence></xs:complexType>`).join('');
      fs.writeFileSync(path.join(dir, 'main.xsd'), `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:t">${body}</xs:schema>`);
      const diagnostics = new Diagnostics();
      const ir = resolve(parse(await load({ entry: 'main.xsd', schemaPath: [], cwd: dir }, diagnostics), diagnostics), { allTypes: true, reservedNames: [] }, diagnostics);
      expect(diagnostics.items).toEqual([]);
      const bounds = (name: string): unknown => {
        const t = ir.types[`{urn:t}${name}`];
        const shape = t === undefined ? undefined : shapeOf(ir, t, new Set());
        const list = shape?.kind === 'object' ? shape.properties.find((p) => p.name !== 'x') : undefined;
        return list === undefined ? undefined : { kind: list.kind, optional: 'optional' in list && list.optional, min: 'min' in list ? list.min : undefined, max: 'max' in list ? list.max : undefined };
      };
      expect(bounds('Choice')).toEqual({ kind: 'choice', optional: false, min: 4, max: 6 });
      expect(bounds('Sequence')).toEqual({ kind: 'group', optional: false, min: 4, max: 6 });
      expect(bounds('Wildcard')).toEqual({ kind: 'any', optional: false, min: 4, max: 6 });
      expect(bounds('Unbounded')).toEqual({ kind: 'choice', optional: false, min: 4, max: undefined });
      expect(bounds('Optional')).toEqual({ kind: 'group', optional: true, min: 0, max: 6 });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('bounds only the wildcard list of the group, when another wildcard list comes before it', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'codegen-shapes-'));
    try {
      const earlier = '<xs:any namespace="##other" minOccurs="0" maxOccurs="5"/>';
      const nested = '<xs:sequence minOccurs="0" maxOccurs="3"><xs:any namespace="##other" minOccurs="2" maxOccurs="2"/></xs:sequence>';
      const types = {
        Apart: `${earlier}<xs:element name="x" type="xs:string"/>${nested}`,
        // Side by side, which Unique Particle Attribution allows where their namespaces differ.
        Adjacent: `<xs:any namespace="urn:a" minOccurs="0" maxOccurs="5"/>${nested.replace('##other', 'urn:b')}`,
      };
      const body = Object.entries(types).map(([name, content]) => `<xs:complexType name="${name}"><xs:sequence>${content}</xs:sequence></xs:complexType>`).join('');
      fs.writeFileSync(path.join(dir, 'main.xsd'), `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:t">${body}</xs:schema>`);
      const diagnostics = new Diagnostics();
      const ir = resolve(parse(await load({ entry: 'main.xsd', schemaPath: [], cwd: dir }, diagnostics), diagnostics), { allTypes: true, reservedNames: [] }, diagnostics);
      const lists = (name: string): unknown => {
        const t = ir.types[`{urn:t}${name}`];
        const shape = t === undefined ? undefined : shapeOf(ir, t, new Set());
        return shape?.kind === 'object' ? shape.properties.filter((p) => p.kind === 'any').map((p) => [p.name, 'min' in p ? p.min : undefined, 'max' in p ? p.max : undefined]) : undefined;
      };
      expect(lists('Apart')).toEqual([['$any', 0, 5], ['$any2', 0, 6]]);
      expect(lists('Adjacent')).toEqual([['$any', 0, 5], ['$any2', 0, 6]]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('shapeOf: the single choices of a repeated sequence', () => {
  it('records a choice of elements and sequences of them with whether an occurrence must take one and the counts of their repeated elements, and not a choice with a repeated sequence alternative', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'codegen-shapes-'));
    try {
      const e = (name: string): string => `<xs:element name="${name}" type="xs:string"/>`;
      const types = {
        Required: `<xs:choice>${e('a')}${e('b')}</xs:choice><xs:element name="c" type="xs:string" minOccurs="0"/>`,
        Optional: `<xs:choice minOccurs="0">${e('a')}${e('b')}</xs:choice>${e('c')}`,
        Nested: `<xs:choice>${e('a')}<xs:sequence>${e('b')}${e('c')}</xs:sequence></xs:choice>${e('d')}`,
        Partial: `<xs:choice>${e('a')}<xs:sequence><xs:element name="b" type="xs:string" minOccurs="0"/>${e('c')}</xs:sequence></xs:choice>${e('d')}`,
        Repeated: `<xs:choice>${e('a')}<xs:sequence maxOccurs="2">${e('b')}${e('c')}</xs:sequence></xs:choice>${e('d')}`,
        Counted: `<xs:choice>${e('a')}<xs:sequence>${e('b')}<xs:element name="c" type="xs:string" minOccurs="2" maxOccurs="3"/><xs:element name="d" type="xs:string" maxOccurs="unbounded"/></xs:sequence></xs:choice>${e('e')}`,
      };
      const body = Object.entries(types)
        .map(([name, content]) => `<xs:complexType name="${name}"><xs:sequence>${e('x')}<xs:sequence maxOccurs="unbounded">${content}</xs:sequence></xs:sequence></xs:complexType>`)
        .join('');
      fs.writeFileSync(path.join(dir, 'main.xsd'), `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:t">${body}</xs:schema>`);
      const diagnostics = new Diagnostics();
      const ir = resolve(parse(await load({ entry: 'main.xsd', schemaPath: [], cwd: dir }, diagnostics), diagnostics), { allTypes: true, reservedNames: [] }, diagnostics);
      expect(diagnostics.items).toEqual([]);
      const choices = (name: string): unknown => {
        const t = ir.types[`{urn:t}${name}`];
        const shape = t === undefined ? undefined : shapeOf(ir, t, new Set());
        const group = shape?.kind === 'object' ? shape.properties.find((p) => p.kind === 'group') : undefined;
        return group?.kind === 'group' ? group.choices : undefined;
      };
      const one = (name: string): { names: string[]; needs: string[]; counts: [] } => ({ names: [name], needs: [name], counts: [] });
      expect(choices('Required')).toEqual([{ alternatives: [one('a'), one('b')], required: true }]);
      expect(choices('Optional')).toEqual([{ alternatives: [one('a'), one('b')], required: false }]);
      expect(choices('Nested')).toEqual([{ alternatives: [one('a'), { names: ['b', 'c'], needs: ['b', 'c'], counts: [] }], required: true }]);
      expect(choices('Partial')).toEqual([{ alternatives: [one('a'), { names: ['b', 'c'], needs: ['c'], counts: [] }], required: true }]);
      expect(choices('Repeated')).toEqual([]);
      // A repeated element of an alternative with a minimum above one or a bounded maximum: its count (an unbounded d{1,} has none).
      expect(choices('Counted')).toEqual([{ alternatives: [one('a'), { names: ['b', 'c', 'd'], needs: ['b', 'c', 'd'], counts: [{ name: 'c', local: 'c', min: 2, max: 3 }] }], required: true }]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
