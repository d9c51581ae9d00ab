import fc from 'fast-check';
import { choiceOccurrences, splitOccurrences, type ListedAlternative, type OccurrencePart } from '../../../runtime/src';

// (a | b{2,3} | c*)-like choices: each alternative's list must split into occurrences of its
// count, and the occurrences, all lists together, must number what the choice allows.
describe('choiceOccurrences', () => {
  const a: ListedAlternative = { name: 'a', min: 1, max: 1 };
  const b: ListedAlternative = { name: 'b', min: 2, max: 3 };

  it('splits a list into occurrences of its alternative where some number of them fits', () => {
    const fits = (n: number): boolean => choiceOccurrences([0, n], [a, b], 0) === undefined;
    // 2, 3; 4 = 2 + 2, 5 = 2 + 3 or 3 + 2, 6, 7 = 2 + 2 + 3 …: every count from 2 on.
    expect([0, 1, 2, 3, 4, 5, 6, 7].map(fits)).toEqual([true, false, true, true, true, true, true, true]);
    const pairs = (n: number): boolean => choiceOccurrences([n], [{ name: 'p', min: 2, max: 2 }], 0) === undefined;
    expect([1, 2, 3, 4, 5].map(pairs)).toEqual([false, true, false, true, false]);
    expect(choiceOccurrences([1], [{ name: 'p', min: 2 }], 0)?.message).toBe('Element p occurs 1 time, but each occurrence of its choice holds at least 2 of them');
  });

  it('counts occurrences against the choice\'s own bounds', () => {
    // Two a's are two occurrences, two b's one: three.
    expect(choiceOccurrences([2, 2], [a, b], 1, 3)).toBeUndefined();
    expect(choiceOccurrences([2, 2], [a, b], 4)).toEqual({ few: true, message: 'The choice of a, b must occur at least 4 times, and its elements make at most 3 occurrences' });
    // Six b's make two occurrences at least.
    expect(choiceOccurrences([1, 6], [a, b], 1, 2)).toEqual({ few: false, message: 'The choice of a, b may occur at most 2 times, and its elements make at least 3 occurrences' });
    expect(choiceOccurrences([0, 0], [a, b], 1)).toEqual({ few: true, message: 'Missing the required choice: one of a, b' });
  });

  it('lets an alternative that may be empty make any number of occurrences', () => {
    const c: ListedAlternative = { name: 'c', min: 0 };
    expect(choiceOccurrences([0, 0, 0], [a, b, c], 2)).toBeUndefined();
    // But not fewer than its items need: five c's with at most 2 per occurrence are three.
    expect(choiceOccurrences([0, 0, 5], [a, b, { name: 'c', min: 0, max: 2 }], 0, 2)?.few).toBe(false);
  });

  it('names a wildcard\'s list as the wildcard\'s elements', () => {
    expect(choiceOccurrences([3], [{ name: '$any', wildcard: true, min: 2, max: 2 }], 0)?.message).toBe(
      'Wildcard $any holds 3 elements, but each occurrence of its choice holds exactly 2 of them: a multiple of 2 is needed',
    );
  });

  it('agrees with splitting the lists one occurrence at a time', () => {
    // The occurrence counts n items of an alternative can make, by trying each first occurrence.
    const splits = (n: number, min: number, max: number | undefined, cap: number): Set<number> => {
      const out = new Set<number>();
      const go = (left: number, k: number): void => {
        if (k > cap) return;
        if (left === 0) out.add(k);
        for (let take = Math.max(min, 1); take <= Math.min(left, max ?? left); take++) go(left - take, k + 1);
        if (min === 0 && left === 0) go(0, k + 1); // empty occurrences
      };
      go(n, 0);
      return out;
    };
    const alternative = fc.record({ min: fc.integer({ min: 0, max: 3 }), extra: fc.option(fc.integer({ min: 0, max: 2 }), { nil: undefined }) });
    fc.assert(
      fc.property(fc.array(fc.tuple(alternative, fc.integer({ min: 0, max: 7 })), { minLength: 1, maxLength: 3 }), fc.integer({ min: 0, max: 3 }), fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }), (alts, min, extra) => {
        const max = extra === undefined ? undefined : Math.max(1, min + extra);
        const listed = alts.map(([a], i): ListedAlternative => ({ name: `e${i}`, min: a.min, ...(a.extra !== undefined ? { max: Math.max(1, a.min + a.extra) } : {}) }));
        const counts = alts.map(([, n]) => n);
        // Sums of one possible count per alternative, up to more than any bound here.
        let totals = new Set([0]);
        listed.forEach((a, i) => {
          const ks = splits(counts[i] ?? 0, a.min, a.max, 12);
          totals = new Set([...totals].flatMap((t) => [...ks].map((k) => t + k)));
        });
        const possible = [...totals].some((t) => t >= min && (max === undefined || t <= max));
        expect(choiceOccurrences(counts, listed, min, max) === undefined).toBe(possible);
      }),
    );
  });
});

// A repeated sequence's occurrences, read greedily, split again where they do not fit.
describe('splitOccurrences', () => {
  type Item = Record<string, unknown>;
  // The items a greedy reader makes of elements `names` (one letter each, the part's key's first):
  // an element of an earlier part, or of the same part when full, or of a once-only part again, begins the next.
  const greedy = (parts: readonly OccurrencePart[], names: string): Item[] => {
    const out: Item[] = [];
    let cur: Item | undefined;
    let at = -1;
    for (const ch of names) {
      const j = parts.findIndex((p) => p.key[0] === ch);
      const p = parts[j]!;
      const held = cur === undefined ? 0 : p.list ? ((cur[p.key] as unknown[] | undefined)?.length ?? 0) : cur[p.key] === undefined ? 0 : 1;
      if (cur === undefined || j < at || (j === at && (!p.list || (p.max !== undefined && held >= p.max)))) out.push((cur = {}));
      at = j;
      if (p.list) ((cur[p.key] ??= []) as unknown[]).push(ch);
      else cur[p.key] = ch;
    }
    return out;
  };
  const fitsAll = (items: Item[], parts: readonly OccurrencePart[], min: number, max?: number): boolean =>
    items.length >= min &&
    (max === undefined || items.length <= max) &&
    items.every((it) =>
      parts.every((p) => {
        const v = it[p.key];
        const c = v === undefined ? 0 : p.list ? (v as unknown[]).length : 1;
        return c >= p.min && (p.max === undefined || c <= p.max);
      }),
    );
  const flat = (items: Item[], parts: readonly OccurrencePart[]): string =>
    items.map((it) => parts.map((p) => (it[p.key] === undefined ? '' : p.list ? (it[p.key] as string[]).join('') : (it[p.key] as string))).join('')).join('');
  // Whether some split of `names` into occurrences fits, by trying every set of cut points.
  const splits = (parts: readonly OccurrencePart[], names: string, min: number, max?: number): boolean => {
    const n = names.length;
    if (n === 0) return min === 0;
    for (let mask = 0; mask < 1 << (n - 1); mask++) {
      const pieces: string[] = [];
      let from = 0;
      for (let i = 1; i < n; i++) if (mask & (1 << (i - 1))) (pieces.push(names.slice(from, i)), (from = i));
      pieces.push(names.slice(from));
      const items = pieces.map((piece) => greedy(parts, piece));
      if (items.every((x) => x.length === 1) && fitsAll(items.map((x) => x[0]!), parts, min, max)) return true;
    }
    return false;
  };
  const words = (letters: string, upTo: number): string[] => {
    let level = [''];
    const all = [''];
    for (let i = 0; i < upTo; i++) all.push(...(level = level.flatMap((w) => [...letters].map((c) => w + c))));
    return all;
  };
  const shapes: Array<[string, OccurrencePart[], number, number | undefined]> = [
    ['(a{2,3}){0,2}', [{ key: 'a', list: true, min: 2, max: 3 }], 0, 2],
    ['(l{2,3}, n?){0,}', [{ key: 'l', list: true, min: 2, max: 3 }, { key: 'n', list: false, min: 0, max: 1 }], 0, undefined],
    ['(x?, c{1,2}){2,3}', [{ key: 'x', list: false, min: 0, max: 1 }, { key: 'c', list: true, min: 1, max: 2 }], 2, 3],
    ['(a, b{2,3}, c?){1,3}', [{ key: 'a', list: false, min: 1, max: 1 }, { key: 'b', list: true, min: 2, max: 3 }, { key: 'c', list: false, min: 0, max: 1 }], 1, 3],
    ['(a*, b{2,}){2,}', [{ key: 'a', list: true, min: 0 }, { key: 'b', list: true, min: 2 }], 2, undefined],
  ];

  it.each(shapes)('%s: every word up to seven elements that some split fits is split so, in document order; others stay as read', (_, parts, min, max) => {
    const letters = parts.map((p) => p.key[0]).join('');
    for (const w of words(letters, 7)) {
      const read = greedy(parts, w);
      const out = splitOccurrences(read, parts, min, max);
      expect(flat(out, parts)).toBe(w);
      expect([w, fitsAll(out, parts, min, max)]).toEqual([w, w === '' ? min === 0 : splits(parts, w, min, max)]);
      if (fitsAll(read, parts, min, max)) expect(out).toBe(read);
      // Split again, the result is what it is: read, written and read again alike.
      expect(splitOccurrences(greedy(parts, flat(out, parts)), parts, min, max)).toEqual(out);
    }
  });

  it('keeps each element in the current occurrence where a fitting split of the rest allows', () => {
    const card: OccurrencePart[] = [{ key: 'card', list: true, min: 2, max: 3 }];
    expect(splitOccurrences([{ card: [1, 2, 3] }, { card: [4] }], card, 0, 2)).toEqual([{ card: [1, 2] }, { card: [3, 4] }]);
    expect(splitOccurrences([{ card: [1, 2, 3] }, { card: [4, 5, 6] }, { card: [7] }], card, 0)).toEqual([{ card: [1, 2, 3] }, { card: [4, 5] }, { card: [6, 7] }]);
    // Nothing fits: as read.
    const seven = [{ card: [1, 2, 3] }, { card: [4, 5, 6] }, { card: [7] }];
    expect(splitOccurrences(seven, card, 0, 2)).toBe(seven);
  });
});
