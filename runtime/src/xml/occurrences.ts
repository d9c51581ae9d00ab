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
