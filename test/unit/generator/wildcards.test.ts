import fc from 'fast-check';
import type { NamespaceConstraint } from '../../../generator/ir';
import { admits, describeConstraint, intersectionOf, namespaceConstraint, unionOf, within } from '../../../generator/wildcards';

// Namespaces the constraints below are built from, and one none of them names.
const UNIVERSE = ['', 'urn:a', 'urn:b', 'urn:c'];
const OUTSIDE = 'urn:elsewhere';

const constraint: fc.Arbitrary<NamespaceConstraint> = fc.oneof(
  fc.constant<NamespaceConstraint>({ kind: 'any' }),
  fc.uniqueArray(fc.constantFrom(...UNIVERSE)).map((namespaces): NamespaceConstraint => ({ kind: 'only', namespaces: namespaces.sort() })),
  fc.uniqueArray(fc.constantFrom(...UNIVERSE)).map((namespaces): NamespaceConstraint => ({ kind: 'not', namespaces: namespaces.sort() })),
);

describe('wildcard namespace constraints', () => {
  it('reads namespace="..." as written in a schema, resolving ##targetNamespace and ##local', () => {
    expect(namespaceConstraint(undefined, 'urn:t')).toEqual({ kind: 'any' });
    expect(namespaceConstraint(' ##any ', 'urn:t')).toEqual({ kind: 'any' });
    expect(namespaceConstraint('##other', 'urn:t')).toEqual({ kind: 'not', namespaces: ['', 'urn:t'] });
    expect(namespaceConstraint('##other', '')).toEqual({ kind: 'not', namespaces: [''] });
    expect(namespaceConstraint('urn:z ##targetNamespace\n##local urn:z', 'urn:t')).toEqual({ kind: 'only', namespaces: ['', 'urn:t', 'urn:z'] });
  });

  it('union admits what either admits, intersection what both admit', () => {
    fc.assert(
      fc.property(constraint, constraint, fc.constantFrom(...UNIVERSE, OUTSIDE), (a, b, ns) => {
        expect(admits(unionOf(a, b), ns)).toBe(admits(a, ns) || admits(b, ns));
        expect(admits(intersectionOf(a, b), ns)).toBe(admits(a, ns) && admits(b, ns));
      }),
      { seed: 7, numRuns: 500 },
    );
  });

  it('one is within another when every namespace the one admits, the other admits too', () => {
    fc.assert(
      fc.property(constraint, constraint, (a, b) => {
        // The universe and one namespace outside it stand for every namespace: a `not` admits all others alike.
        expect(within(a, b)).toBe([...UNIVERSE, OUTSIDE].every((ns) => !admits(a, ns) || admits(b, ns)));
      }),
      { seed: 7, numRuns: 500 },
    );
    expect(within({ kind: 'only', namespaces: ['urn:zz'] }, namespaceConstraint('##other', 'urn:t'))).toBe(true);
    expect(within(namespaceConstraint('##other', 'urn:t'), { kind: 'only', namespaces: ['urn:zz'] })).toBe(false);
  });

  it('says in words what it admits', () => {
    expect(describeConstraint({ kind: 'any' })).toBe('any namespace');
    expect(describeConstraint(namespaceConstraint('##other', 'urn:t'))).toBe('a namespace other than urn:t');
    expect(describeConstraint({ kind: 'not', namespaces: ['urn:t'] })).toBe('no namespace, or one other than urn:t');
    expect(describeConstraint({ kind: 'only', namespaces: ['', 'urn:s'] })).toBe('only urn:s, or no namespace');
    expect(describeConstraint({ kind: 'only', namespaces: [] })).toBe('nothing');
  });
});
