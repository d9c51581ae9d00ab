import type { NamespaceConstraint } from './ir';

/**
 * Set operations on wildcard namespace constraints (XML Schema 1.0 Part 1, 3.10.6): an extension
 * admits what its base or itself admits (union); attribute groups narrow a type's attribute
 * wildcard (intersection). '' is no namespace.
 */

const set = (namespaces: Iterable<string>): string[] => [...new Set(namespaces)].sort();

export function unionOf(a: NamespaceConstraint, b: NamespaceConstraint): NamespaceConstraint {
  if (a.kind === 'any' || b.kind === 'any') return { kind: 'any' };
  if (a.kind === 'only' && b.kind === 'only') return { kind: 'only', namespaces: set([...a.namespaces, ...b.namespaces]) };
  if (a.kind === 'not' && b.kind === 'not') {
    const both = a.namespaces.filter((n) => b.namespaces.includes(n));
    return both.length ? { kind: 'not', namespaces: set(both) } : { kind: 'any' };
  }
  const [only, not] = a.kind === 'only' ? [a, b] : [b, a];
  const left = not.namespaces.filter((n) => !only.namespaces.includes(n));
  return left.length ? { kind: 'not', namespaces: set(left) } : { kind: 'any' };
}

export function intersectionOf(a: NamespaceConstraint, b: NamespaceConstraint): NamespaceConstraint {
  if (a.kind === 'any') return b;
  if (b.kind === 'any') return a;
  if (a.kind === 'only' && b.kind === 'only') return { kind: 'only', namespaces: set(a.namespaces.filter((n) => b.namespaces.includes(n))) };
  if (a.kind === 'not' && b.kind === 'not') return { kind: 'not', namespaces: set([...a.namespaces, ...b.namespaces]) };
  const [only, not] = a.kind === 'only' ? [a, b] : [b, a];
  return { kind: 'only', namespaces: set(only.namespaces.filter((n) => !not.namespaces.includes(n))) };
}

/** Whether everything `a` admits, `b` admits too. */
export function within(a: NamespaceConstraint, b: NamespaceConstraint): boolean {
  if (a.kind === 'only') return a.namespaces.every((n) => admits(b, n));
  // `a` admits all namespaces but finitely many: so must `b`, and exclude none `a` admits.
  const excluded = a.kind === 'any' ? [] : a.namespaces;
  return b.kind === 'any' || (b.kind === 'not' && b.namespaces.every((n) => excluded.includes(n)));
}

/** Whether some namespace is admitted by both. */
export function overlaps(a: NamespaceConstraint, b: NamespaceConstraint): boolean {
  const both = intersectionOf(a, b);
  return both.kind !== 'only' || both.namespaces.length > 0;
}

/** The constraint of a wildcard's `namespace` attribute, as written in a schema whose target namespace is `tns`. */
export function namespaceConstraint(value: string | undefined, tns: string): NamespaceConstraint {
  const v = (value ?? '##any').trim();
  if (v === '##any') return { kind: 'any' };
  if (v === '##other') return { kind: 'not', namespaces: set([tns, '']) };
  const tokens = v.split(/\s+/).filter(Boolean);
  return { kind: 'only', namespaces: set(tokens.map((t) => (t === '##targetNamespace' ? tns : t === '##local' ? '' : t))) };
}

/** Whether a constraint admits a namespace ('' for none). */
export function admits(c: NamespaceConstraint, namespace: string): boolean {
  return c.kind === 'any' || (c.kind === 'only') === c.namespaces.includes(namespace);
}

/** What a constraint admits, in words, for documentation and error messages. */
export function describeConstraint(c: NamespaceConstraint): string {
  if (c.kind === 'any') return 'any namespace';
  const listed = c.namespaces.filter((n) => n !== '').join(', ');
  const none = c.namespaces.includes('');
  if (c.kind === 'only') {
    if (!listed) return none ? 'only names without a namespace' : 'nothing';
    return `only ${listed}${none ? ', or no namespace' : ''}`;
  }
  if (!listed) return 'any namespace, but not none';
  return none ? `a namespace other than ${listed}` : `no namespace, or one other than ${listed}`;
}
