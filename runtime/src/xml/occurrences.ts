/** One alternative of a repeated choice kept as a list of its own (see choiceOccurrences). */
export interface ListedAlternative {
  /** The list's property name. */
  name: string;
  /** A wildcard's list (its items are elements of the wildcard, not of one name). */
  wildcard?: boolean;
  /** How many items one occurrence of the choice holds when it takes this alternative; max undefined: unbounded. */
  min: number;
  max?: number;
}

/**
 * A repeated xs:choice whose alternatives are each one element or wildcard, kept as one list per
 * alternative: whether lists of lengths `counts` make a number of occurrences of the choice from
 * `min` to `max` (undefined: unbounded). Undefined when they do; otherwise what is wrong, and
 * whether the content lacks elements (`few`) or holds ones it cannot (b{2}: a third b).
 */
export function choiceOccurrences(counts: readonly number[], alternatives: readonly ListedAlternative[], min: number, max?: number): { few: boolean; message: string } | undefined {
  // The fewest and the most occurrences the lists make: n items of an alternative fill from
  // ceil(n / max) to floor(n / min) occurrences; one that may be empty fills any number.
  let fewest = 0;
  let most = 0;
  for (let i = 0; i < alternatives.length; i++) {
    const a = alternatives[i]!;
    const n = counts[i] ?? 0;
    const low = n === 0 ? 0 : a.max === undefined ? 1 : Math.ceil(n / a.max);
    const high = a.min === 0 ? Infinity : Math.floor(n / a.min);
    if (low > high) {
      const what = a.wildcard ? `Wildcard ${a.name} holds ${n} element${n === 1 ? '' : 's'}` : `Element ${a.name} occurs ${n} time${n === 1 ? '' : 's'}`;
      const each = a.max === a.min ? `exactly ${a.min} of them: a multiple of ${a.min} is needed` : a.max === undefined ? `at least ${a.min} of them` : `${a.min} to ${a.max} of them`;
      return { few: n < a.min, message: `${what}, but each occurrence of its choice holds ${each}` };
    }
    fewest += low;
    most += high;
  }
  const names = alternatives.map((a) => a.name).join(', ');
  if (most < min) return { few: true, message: min === 1 ? `Missing the required choice: one of ${names}` : `The choice of ${names} must occur at least ${min} times, and its elements make at most ${most} occurrences` };
  if (max !== undefined && fewest > max) return { few: false, message: `The choice of ${names} may occur at most ${max} times, and its elements make at least ${fewest} occurrences` };
  return undefined;
}

/**
 * One particle of a repeated sequence whose occurrences are kept as items (see splitOccurrences):
 * the item's property that holds it, whether that property is a list (a repeated element, a
 * repeated choice of one element per item, a wildcard) whose items are one element each, and how
 * many elements one occurrence holds (max undefined: unbounded).
 */
export interface OccurrencePart {
  key: string;
  list: boolean;
  min: number;
  max?: number;
}

/** At most this many states times elements are searched for a split; beyond, the items stay as read. */
const SPLIT_BUDGET = 1 << 22;

/**
 * The occurrences of a repeated sequence, from `min` to `max` of them (undefined: unbounded), into
 * which the elements of `items` split, in document order, when the items as read do not fit.
 *
 * Readers fill each occurrence as far as its lists go before they begin the next, which may leave
 * a later occurrence short where another split fits: (card{2,3}){0,2} with four cards is two and
 * two, not three and one; (toss?, (serve | volley){1,2}){2,3} with two serves is two occurrences.
 * Items that fit are returned as they are (the common case, one pass over them). Otherwise the
 * split that fits and keeps each element in the current occurrence wherever a fitting split of the
 * rest allows (so that items read, written and read again are the same), or, where none fits or
 * the search would be too large, the items as they are, whose checks then report them.
 */
export function splitOccurrences<T extends object>(items: T[], parts: readonly OccurrencePart[], min: number, max?: number): T[] {
  if (fits(items, parts, min, max)) return items;
  const m = parts.length;
  // The elements in document order: the part each belongs to, and its value.
  const partOf: number[] = [];
  const values: unknown[] = [];
  for (const item of items) {
    let keys = 0;
    for (let j = 0; j < m; j++) {
      const p = parts[j]!;
      if (!Object.prototype.hasOwnProperty.call(item, p.key)) continue;
      keys++;
      const v = (item as Record<string, unknown>)[p.key];
      if (!p.list) {
        partOf.push(j);
        values.push(v);
      } else if (Array.isArray(v)) {
        for (const x of v as unknown[]) {
          partOf.push(j);
          values.push(x);
        }
      } else return items;
    }
    // Something the parts do not describe: left as read.
    if (keys !== Object.keys(item).length) return items;
  }
  const n = partOf.length;
  // `req[i]`: the parts before i that an occurrence requires.
  const req: number[] = [0];
  for (let j = 0; j < m; j++) req.push(req[j]! + (parts[j]!.min > 0 ? 1 : 0));
  // A state: the part reached in the current occurrence, the elements of it there (counted up to
  // its max, or its min when unbounded, past which counts do not differ), and the occurrences so
  // far (up to max, or min when unbounded). `start`: before the first element.
  const caps = parts.map((p) => (p.max !== undefined ? Math.max(p.max, 1) : Math.max(p.min, 1)));
  const offsets: number[] = [];
  let places = 0;
  for (const c of caps) {
    offsets.push(places);
    places += c;
  }
  const kCap = max !== undefined ? Math.max(max, 1) : Math.max(min, 1);
  const states = places * kCap + 1;
  const start = states - 1;
  if (states * (n + 1) > SPLIT_BUDGET) return items;
  const stateJ = new Int32Array(states);
  const stateC = new Int32Array(states);
  const stateK = new Int32Array(states);
  for (let j = 0; j < m; j++) {
    for (let c = 1; c <= caps[j]!; c++) {
      for (let k = 1; k <= kCap; k++) {
        const s = (offsets[j]! + c - 1) * kCap + k - 1;
        stateJ[s] = j;
        stateC[s] = c;
        stateK[s] = k;
      }
    }
  }
  const id = (j: number, c: number, k: number): number => (offsets[j]! + c - 1) * kCap + k - 1;
  // Whether the current occurrence may end at state s: its part holds enough, later parts need none.
  const complete = (s: number): boolean => stateC[s]! >= parts[stateJ[s]!]!.min && req[m] === req[stateJ[s]! + 1];
  // The next state on an element of part p: in the current occurrence (`stay`), or beginning the next; -1: none.
  const next = (s: number, p: number, stay: boolean): number => {
    if (s === start) return stay || req[p] !== 0 ? -1 : id(p, 1, 1);
    const j = stateJ[s]!;
    const c = stateC[s]!;
    const k = stateK[s]!;
    const part = parts[j]!;
    if (stay) {
      if (p === j) return part.max !== undefined && c >= part.max ? -1 : id(j, Math.min(c + 1, caps[j]!), k);
      return p > j && c >= part.min && req[p] === req[j + 1] ? id(p, 1, k) : -1;
    }
    if (!complete(s) || req[p] !== 0 || (max !== undefined && k >= max)) return -1;
    return id(p, 1, Math.min(k + 1, kCap));
  };
  // ends[t * states + s]: from state s after t elements, the rest can be read into fitting occurrences.
  const ends = new Uint8Array((n + 1) * states);
  for (let s = 0; s < start; s++) ends[n * states + s] = complete(s) && stateK[s]! >= min ? 1 : 0;
  for (let t = n - 1; t >= 0; t--) {
    const p = partOf[t]!;
    const here = t * states;
    const after = here + states;
    for (let s = 0; s < states; s++) {
      const a = next(s, p, true);
      const b = next(s, p, false);
      ends[here + s] = (a >= 0 && ends[after + a] === 1) || (b >= 0 && ends[after + b] === 1) ? 1 : 0;
    }
  }
  if (n === 0 || ends[start] !== 1) return items;
  const out: Array<Record<string, unknown>> = [];
  let current: Record<string, unknown> = {};
  let s = start;
  for (let t = 0; t < n; t++) {
    const p = partOf[t]!;
    const after = (t + 1) * states;
    const a = next(s, p, true);
    if (a >= 0 && ends[after + a] === 1) {
      s = a;
    } else {
      s = next(s, p, false);
      current = {};
      out.push(current);
    }
    const part = parts[p]!;
    if (part.list) ((current[part.key] ??= []) as unknown[]).push(values[t]);
    else current[part.key] = values[t];
  }
  return out as T[];
}

/** Whether items as read are min to max occurrences, each holding what its parts require and allow. */
function fits(items: readonly object[], parts: readonly OccurrencePart[], min: number, max?: number): boolean {
  if (items.length < min || (max !== undefined && items.length > max)) return false;
  for (const item of items) {
    for (const p of parts) {
      const v = (item as Record<string, unknown>)[p.key];
      const count = v === undefined ? 0 : p.list ? (Array.isArray(v) ? v.length : -1) : 1;
      if (count < p.min || (p.max !== undefined && count > p.max)) return false;
    }
  }
  return true;
}
