import { place, type Diagnostics } from '../diagnostics';
import { splitQName, walkParticle, type AnyParticle, type ElementParticle, type IR, type Particle } from '../ir';
import { admits, describeConstraint, intersectionOf, overlaps } from '../wildcards';

/**
 * Unique Particle Attribution (XML Schema 1.0, 3.8.6, cos-nonambig): as a document is read, each
 * element must belong to one particle, known without looking ahead. Validators refuse a schema
 * that breaks it; a generated reader would guess, and could put an element where its writer would
 * not write it back.
 *
 * The content model is checked as its position automaton (Glushkov's): each leaf particle (element,
 * wildcard) becomes a position per copy that its occurrences need (a{2,3} is a, a, a?), and the
 * model is ambiguous when two positions of different particles that admit a common element can
 * both come first, or both follow one position. Copies of one particle never compete: they are the
 * same particle. Bounds above COPIES are not spelled out: a conflict of a particle under one may be
 * one that counting would resolve (a{9,9}, a), so it is not reported; the rest of the model is.
 */

type Leaf = ElementParticle | AnyParticle;

const COPIES = 8;
// Follow sets grow with the square of the positions: past these, the model is not checked.
const MAX_POSITIONS = 5_000;
const MAX_EDGES = 2_000_000;

interface Automaton {
  leaves: Leaf[];
  /** The positions each position can be followed by. */
  follow: Array<Set<number>>;
  /** Leaves under a bound above COPIES, whose positions only approximate the model. */
  approximate: Set<Leaf>;
}

interface Fragment {
  nullable: boolean;
  first: Set<number>;
  last: Set<number>;
}

class TooLarge extends Error {}

/** The automaton of `root`, and its first positions; undefined when it would be too large. */
function automaton(root: Particle): { a: Automaton; first: Set<number> } | undefined {
  const a: Automaton = { leaves: [], follow: [], approximate: new Set() };
  let edges = 0;
  const link = (from: Set<number>, to: Set<number>): void => {
    edges += from.size * to.size;
    if (edges > MAX_EDGES) throw new TooLarge();
    for (const p of from) for (const q of to) a.follow[p]?.add(q);
  };
  const once = (p: Particle): Fragment => {
    if (p.kind === 'element' || p.kind === 'any') {
      if (a.leaves.length >= MAX_POSITIONS) throw new TooLarge();
      const id = a.leaves.push(p) - 1;
      a.follow.push(new Set());
      return { nullable: false, first: new Set([id]), last: new Set([id]) };
    }
    const parts = p.particles.map(occurrences);
    if (p.kind === 'choice') {
      return { nullable: parts.length === 0 || parts.some((f) => f.nullable), first: union(parts.map((f) => f.first)), last: union(parts.map((f) => f.last)) };
    }
    if (p.kind === 'all') {
      // In any order: each particle may follow each other one.
      parts.forEach((f, i) => parts.forEach((g, j) => i !== j && link(f.last, g.first)));
      return { nullable: parts.every((f) => f.nullable), first: union(parts.map((f) => f.first)), last: union(parts.map((f) => f.last)) };
    }
    return parts.reduce(sequence, { nullable: true, first: new Set(), last: new Set() });
  };
  const sequence = (x: Fragment, y: Fragment): Fragment => {
    link(x.last, y.first);
    return {
      nullable: x.nullable && y.nullable,
      first: x.nullable ? union([x.first, y.first]) : x.first,
      last: y.nullable ? union([x.last, y.last]) : y.last,
    };
  };
  const occurrences = (p: Particle): Fragment => {
    const max = p.max === 'unbounded' ? Infinity : p.max;
    if (max === 0) return { nullable: true, first: new Set(), last: new Set() };
    if (p.min > COPIES || (max !== Infinity && max > COPIES)) walkParticle(p, (q) => (q.kind === 'element' || q.kind === 'any') && a.approximate.add(q));
    const min = Math.min(p.min, COPIES);
    const bounded = max === Infinity || max > COPIES ? Infinity : max;
    let out: Fragment = { nullable: true, first: new Set(), last: new Set() };
    // The required copies, the last of which repeats when the bound is unbounded (a+)...
    for (let i = 0; i < min; i++) {
      const f = once(p);
      if (i === min - 1 && bounded === Infinity) link(f.last, f.first);
      out = sequence(out, f);
    }
    if (bounded === Infinity && min === 0) {
      const f = once(p);
      link(f.last, f.first);
      out = sequence(out, { ...f, nullable: true });
    }
    // ...then the optional ones.
    if (bounded !== Infinity) for (let i = min; i < bounded; i++) out = sequence(out, { ...once(p), nullable: true });
    return out;
  };
  try {
    return { a, first: occurrences(root).first };
  } catch (e) {
    if (e instanceof TooLarge) return undefined;
    throw e;
  }
}

function union(sets: Array<Set<number>>): Set<number> {
  const out = new Set<number>();
  for (const s of sets) for (const v of s) out.add(v);
  return out;
}

/** The names an element particle stands for: itself unless abstract, and its substitutes. */
function names(p: ElementParticle): string[] {
  return p.abstract ? p.substitutes : [p.name, ...p.substitutes];
}

/** The first two of `leaves` that compete for an element. */
function conflict(leaves: Iterable<Leaf>): { x: Leaf; y: Leaf; what: string } | undefined {
  const byName = new Map<string, ElementParticle>();
  const wildcards: AnyParticle[] = [];
  for (const leaf of leaves) {
    if (leaf.kind === 'any') {
      wildcards.push(leaf);
      continue;
    }
    for (const n of names(leaf)) {
      const other = byName.get(n);
      if (other === undefined) byName.set(n, leaf);
      else if (other !== leaf) return { x: other, y: leaf, what: `element ${n}` };
    }
  }
  for (let i = 0; i < wildcards.length; i++) {
    const w = wildcards[i] as AnyParticle;
    for (let j = i + 1; j < wildcards.length; j++) {
      const v = wildcards[j] as AnyParticle;
      if (overlaps(w.namespace, v.namespace)) return { x: w, y: v, what: `an element of ${describeConstraint(intersectionOf(w.namespace, v.namespace))}` };
    }
    for (const [n, e] of byName) if (admits(w.namespace, splitQName(n).namespace)) return { x: e, y: w, what: `element ${n}` };
  }
  return undefined;
}

const describe = (p: Leaf): string => (p.kind === 'element' ? `element ${p.name}` : `the wildcard (${describeConstraint(p.namespace)})`);

/** Reports AMBIGUOUS_CONTENT for each reachable complex type whose content model breaks Unique Particle Attribution. */
export function checkParticleAttribution(ir: IR, diagnostics: Diagnostics): IR {
  // A base's particles are shared by its derived types, a group's by its users: one report each.
  const reported = new Set<string>();
  for (const key of ir.reachable.types) {
    const t = ir.types[key];
    if (t?.kind !== 'complex' || !t.particle) continue;
    // Most content models have no two particles that could ever compete: nothing to follow then.
    const leaves: Leaf[] = [];
    walkParticle(t.particle, (p) => (p.kind === 'element' || p.kind === 'any') && leaves.push(p));
    if (conflict(leaves) === undefined) continue;
    const built = automaton(t.particle);
    if (built === undefined) continue;
    const { a, first } = built;
    // Conflicts of approximated particles may be ones counting resolves: only the others count.
    const leavesOf = (positions: Set<number>): Set<Leaf> => new Set([...positions].map((c) => a.leaves[c] as Leaf).filter((l) => !a.approximate.has(l)));
    let found: ReturnType<typeof conflict>;
    for (const candidates of [first, ...a.follow]) if ((found = conflict(leavesOf(candidates))) !== undefined) break;
    if (found === undefined) continue;
    const pair = `${place(found.x.origin)} ${place(found.y.origin)}`;
    if (reported.has(pair)) continue;
    reported.add(pair);
    diagnostics.error(
      'AMBIGUOUS_CONTENT',
      `The content of ${key} is ambiguous: at one point of a document, ${found.what} could belong to ${describe(found.x)} (at ${place(found.x.origin)}) or to ${describe(found.y)}; XML Schema requires each element to belong to one particle (Unique Particle Attribution).`,
      'Change the content model so that the next element always says which particle it is: rename one of the two, narrow the wildcard\'s namespace, or make the optional part before them required.',
      found.y.origin,
    );
  }
  return ir;
}
