import type { ElementParticle, GroupParticle, Particle } from '../../../generator/ir';
import { choiceBranches } from '../../../generator/plan/shapes';

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
