// A vector scan for writers: whether a long string of values holds a character that an attribute
// value or character data cannot carry as it is. A regular expression looks at one character at a
// time (~0.6 ns each here); WebAssembly SIMD looks at 16 bytes a step. The string is encoded as
// UTF-8 into the module's memory first, natively. Nothing to escape in it is the common case; where
// the scan finds something, the caller looks value by value.

import { I32, MEMARG, S, V128, VOID, body, compiledOnFirstUse, get, i32, moduleOf, op, set, simd, splat } from './wasm';

/** Characters per encoding step: their UTF-8 (three bytes each at most) fits the memory with room. */
const CHUNK = 65_536;
const MEMORY_PAGES = 4; // 256 KiB

// ---- the module, assembled here: a few hundred bytes, no build step ----

// Two functions of (length) -> i32: 1 when some byte of memory[0, length) needs a closer look, for
// attribute values (& < " and every control character) and for text (& < > and the control
// characters but TAB and LF). length is at least 16. Locals: 0 length, 1 the offset, 2 the flags
// gathered so far, 3 the 16 bytes at hand, 4-9 constants in every lane.
const [LENGTH, AT, FLAGS, V, SPACES, AMPS, LTS, OTHERS, TABS, LFS] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
const orEq = (constants: number): number[] => [...get(V), ...get(constants), ...S(simd.eq), ...S(simd.or)];
const flagBlock = (address: number[], text: boolean): number[] => [
  ...address, ...S(simd.load), ...MEMARG, ...set(V),
  ...get(V), ...get(SPACES), ...S(simd.ltU),
  // In text, TAB and LF stay as they are.
  ...(text ? [...get(V), ...get(TABS), ...S(simd.eq), ...get(V), ...get(LFS), ...S(simd.eq), ...S(simd.or), ...S(simd.andNot)] : []),
  ...orEq(AMPS), ...orEq(LTS), ...orEq(OTHERS),
  ...get(FLAGS), ...S(simd.or), ...set(FLAGS),
];
const lastBlock = [...get(LENGTH), ...i32(16), op.i32Sub];
const scanBody = (text: boolean): number[] =>
  body(
    [[1, I32], [8, V128]],
    [
      ...splat(SPACES, 0x20), ...splat(AMPS, 0x26), ...splat(LTS, 0x3c), ...splat(OTHERS, text ? 0x3e : 0x22),
      ...(text ? [...splat(TABS, 0x09), ...splat(LFS, 0x0a)] : []),
      // Blocks at 0, 16, ... while they start before length - 16, then the block ending at length
      // (it may overlap the one before: flags are only gathered).
      op.loop, VOID,
      ...flagBlock(get(AT), text),
      ...get(AT), ...i32(16), op.i32Add, op.localTee, AT, ...lastBlock, op.i32LtU, op.brIf, 0,
      op.end,
      ...flagBlock(lastBlock, text),
      ...get(FLAGS), ...S(simd.anyTrue),
    ],
  );
const MODULE = moduleOf(MEMORY_PAGES, { attribute: scanBody(false), text: scanBody(true) });

interface Scanner {
  attribute: (length: number) => number;
  text: (length: number) => number;
  memory: Uint8Array;
}

/** The compiled module, or null where this engine has no WebAssembly SIMD. Compiled on first use. */
const compiled = compiledOnFirstUse(MODULE, ['attribute', 'text'], (m): Scanner => ({ attribute: m.attribute, text: m.text, memory: new Uint8Array(m.memory.buffer) }));

const encoder = new TextEncoder();
// Node 20 has it (ES2024), natively and at no cost for a string of Latin-1 characters only.
const isWellFormed = (String.prototype as { isWellFormed?: (this: string) => boolean }).isWellFormed;

/**
 * Whether `s` holds nothing to escape or refuse: for an attribute value & < " and every control
 * character; for character data & < > and the control characters but TAB and LF; in both U+FFFE,
 * U+FFFF and unpaired surrogates. Undefined where the engine cannot scan (no WebAssembly SIMD, or
 * no String.prototype.isWellFormed) or `s` is shorter than 16 characters: ask a regular expression
 * then.
 */
export function scanIsPlain(s: string, attribute: boolean): boolean | undefined {
  if (s.length < 16 || isWellFormed === undefined) return undefined;
  const m = compiled();
  if (m === null) return undefined;
  // What UTF-8 does not show: the encoder writes an unpaired surrogate as U+FFFD.
  if (!isWellFormed.call(s) || s.indexOf('\uFFFE') !== -1 || s.indexOf('\uFFFF') !== -1) return false;
  const scan = attribute ? m.attribute : m.text;
  for (let from = 0; from < s.length; ) {
    let to = Math.min(s.length, from + CHUNK);
    // The last piece too has 16 characters at least.
    if (to < s.length && s.length - to < 16) to -= 16;
    const { written } = encoder.encodeInto(from === 0 && to === s.length ? s : s.slice(from, to), m.memory);
    if (scan(written) !== 0) return false;
    from = to;
  }
  return true;
}
