// UTF-8 to and from one-byte strings, 16 bytes a step in WebAssembly SIMD.
//
// Node 20 decodes UTF-8 at about 250 MB/s once a body holds one non-ASCII byte, and V8 writes a
// one-byte string as UTF-8 eleven times slower once it holds one character beyond ASCII (2 MB:
// 1.3 ms against 0.12 ms). Most Western text (names like "Ünal") is within Latin-1, where both
// directions are simple: ASCII stays, U+0080-U+00FF is two bytes led by C2 or C3. Latin-1 bytes
// to and from JS strings are native copies; the modules below do the rest.

import { vouchNoForbiddenChar } from './chars';
import { I32, MEMARG, S, V128, VOID, add, body, compiledOnFirstUse, get, i32, moduleOf, op, set, simd, splat, type WasmMemory } from './wasm';

const PAGE = 65_536;
/** Characters per expand step; its output (two bytes each at most) follows its input. */
const CHUNK = 65_536;
/** Bodies up to this size are compacted in the module's memory, which keeps its size for the next. */
const COMPACT_LIMIT = 8 * 1024 * 1024;

const load8 = (address: number[]): number[] => [...address, op.load8, ...MEMARG];
const store8 = (address: number[], value: number[]): number[] => [...address, ...value, op.store8, ...MEMARG];

// Locals of both functions: the parameter, then i32s, then v128s.
const [LENGTH, AT, N, END, B, C, V] = [0, 1, 2, 3, 4, 5, 6];
const LOCALS: [number, number][] = [[5, I32], [5, V128]];

/**
 * The loop both functions share. While 16 bytes are left at AT, a block that `plain` accepts (code
 * over V leaving an i32, nonzero for yes) is stored at N as it is; any other block, and the last
 * bytes, go through `step` one byte at a time (it moves AT and N on, and may pass the block's end
 * by one). Once everything is read, the function returns `result`. Inside `step`, label 0 is the
 * byte loop, 1 the block loop, 2 whatever encloses this.
 */
const blocks = (plain: number[], step: number[], result: number[]): number[] => [
  op.loop, VOID,
  ...get(AT), ...i32(16), op.i32Add, ...get(LENGTH), op.i32LeU,
  op.if, VOID,
  ...get(AT), ...S(simd.load), ...MEMARG, ...set(V),
  ...plain,
  op.if, VOID,
  ...get(N), ...get(V), ...S(simd.store), ...MEMARG, ...add(N, 16), ...add(AT, 16),
  op.br, 2, // the block loop
  op.end,
  ...get(AT), ...i32(16), op.i32Add, ...set(END),
  op.else,
  ...get(AT), ...get(LENGTH), op.i32GeU,
  op.if, VOID, ...result, op.return, op.end,
  ...get(LENGTH), ...set(END),
  op.end,
  op.loop, VOID,
  ...step,
  ...get(AT), ...get(END), op.i32LtU, op.brIf, 0,
  op.end,
  op.br, 0,
  op.end,
];

/**
 * compact(length): memory[0, length) holds UTF-8; writes its characters as Latin-1 bytes from 0
 * and returns their count, or -1 when the text has a character beyond U+00FF, a malformed
 * sequence, or a C0 control other than TAB, LF and CR (which XML 1.0 refuses: the slow path then
 * finds it and says where). Writing never passes reading, so it works in place. A block of 16
 * bytes of printable ASCII, TAB, LF and CR moves as a whole.
 */
const COMPACT = ((): number[] => {
  const [SPACE, TAB, LF, CR] = [7, 8, 9, 10];
  const eqAny = (...consts: number[]): number[] => consts.flatMap((k, i) => [...get(V), ...get(k), ...S(simd.eq), ...(i === 0 ? [] : S(simd.or))]);
  // Labels inside the step: 0 the byte loop, then the block loop, then $fail.
  const step = [
    ...load8(get(AT)), op.localTee, B, ...i32(0x80), op.i32LtU,
    op.if, VOID,
    ...get(B), ...i32(0x20), op.i32LtU,
    op.if, VOID,
    ...get(B), ...i32(0x09), op.i32Ne, ...get(B), ...i32(0x0a), op.i32Ne, op.i32And, ...get(B), ...i32(0x0d), op.i32Ne, op.i32And,
    op.brIf, 4, // $fail
    op.end,
    ...store8(get(N), get(B)),
    op.else,
    // C2 xx is U+0080-U+00BF, C3 xx U+00C0-U+00FF: the lead's low two bits, then six of xx.
    ...get(B), ...i32(0xfe), op.i32And, ...i32(0xc2), op.i32Ne, op.brIf, 3,
    ...get(AT), ...i32(1), op.i32Add, ...get(LENGTH), op.i32GeU, op.brIf, 3,
    ...load8([...get(AT), ...i32(1), op.i32Add]), ...set(C),
    ...get(C), ...i32(0xc0), op.i32And, ...i32(0x80), op.i32Ne, op.brIf, 3,
    ...store8(get(N), [...get(B), ...i32(3), op.i32And, ...i32(6), op.i32Shl, ...get(C), ...i32(0x3f), op.i32And, op.i32Or]),
    ...add(AT, 1),
    op.end,
    ...add(N, 1), ...add(AT, 1),
  ];
  return body(LOCALS, [
    ...splat(SPACE, 0x20), ...splat(TAB, 0x09), ...splat(LF, 0x0a), ...splat(CR, 0x0d),
    op.block, VOID, // $fail
    // Signed, bytes of 0x80 and more are below 0x20 too: one compare flags them and the controls.
    ...blocks([...get(V), ...get(SPACE), ...S(simd.ltS), ...eqAny(TAB, LF, CR), ...S(simd.andNot), ...S(simd.anyTrue), op.i32Eqz], step, get(N)),
    op.end,
    ...i32(-1),
  ]);
})();

/**
 * expand(length): memory[0, length) holds Latin-1 bytes; writes their UTF-8 from CHUNK on and
 * returns its length. Blocks of 16 ASCII bytes move as a whole.
 */
const EXPAND = ((): number[] => {
  const ZERO = 7; // a v128 local starts as zero
  const step = [
    ...load8(get(AT)), op.localTee, B, ...i32(0x80), op.i32LtU,
    op.if, VOID,
    ...store8(get(N), get(B)), ...add(N, 1),
    op.else,
    ...store8(get(N), [...get(B), ...i32(6), op.i32ShrU, ...i32(0xc0), op.i32Or]),
    ...store8([...get(N), ...i32(1), op.i32Add], [...get(B), ...i32(0x3f), op.i32And, ...i32(0x80), op.i32Or]),
    ...add(N, 2),
    op.end,
    ...add(AT, 1),
  ];
  return body(LOCALS, [
    ...i32(CHUNK), ...set(N),
    ...blocks([...get(V), ...get(ZERO), ...S(simd.ltS), ...S(simd.anyTrue), op.i32Eqz], step, [...get(N), ...i32(CHUNK), op.i32Sub]),
    op.unreachable,
  ]);
})();

const MODULE = moduleOf((3 * CHUNK) / PAGE, { compact: COMPACT, expand: EXPAND });

interface Latin1Module {
  memory: WasmMemory;
  compact: (length: number) => number;
  expand: (length: number) => number;
  /** Over memory.buffer, made anew when the memory grows. */
  bytes: Buffer;
}

const compiled = compiledOnFirstUse(MODULE, ['compact', 'expand'], (m): Latin1Module => ({ ...m, bytes: Buffer.from(m.memory.buffer) }));

/**
 * The text of UTF-8 `parts` (after their first `skip` bytes, `length` bytes in all) as a one-byte
 * string, when every character is within Latin-1 and none is a control XML 1.0 refuses; else
 * undefined (also without WebAssembly SIMD, or beyond COMPACT_LIMIT). `parts` are left as they were.
 * The text returned is vouched for (chars.ts): compact has checked its characters on the way.
 */
export function latin1FromUtf8(parts: readonly Uint8Array[], skip: number, length: number): string | undefined {
  const m = compiled();
  if (m === null || length > COMPACT_LIMIT) return undefined;
  if (m.bytes.length < length) {
    try {
      m.memory.grow(Math.ceil((length - m.bytes.length) / PAGE));
    } catch {
      return undefined; // the engine has no memory to give it: the caller decodes the slower way
    }
    m.bytes = Buffer.from(m.memory.buffer);
  }
  let at = 0;
  let from = skip;
  for (const p of parts) {
    if (from >= p.length) {
      from -= p.length;
      continue;
    }
    m.bytes.set(from === 0 ? p : p.subarray(from), at);
    at += p.length - from;
    from = 0;
  }
  const n = m.compact(length);
  if (n < 0) return undefined;
  const text = m.bytes.toString('latin1', 0, n);
  vouchNoForbiddenChar(text);
  return text;
}

/** Holds a character beyond Latin-1 (V8 answers at once for a one-byte string). */
const BEYOND_LATIN1 = /[^\x00-\xff]/;

/**
 * Writes `text` as UTF-8 into `target` from `offset` and returns the bytes written, as
 * `target.write(text, offset, 'utf8')` does; `target` must have room for all of it (three bytes a
 * character is always enough).
 */
export function writeUtf8(target: Buffer, offset: number, text: string): number {
  // A short text is not worth the two copies through the module's memory.
  const m = text.length < 64 || BEYOND_LATIN1.test(text) ? null : compiled();
  if (m === null) return target.write(text, offset, 'utf8');
  let at = offset;
  for (let from = 0; from < text.length; from += CHUNK) {
    const piece = text.slice(from, from + CHUNK);
    m.bytes.write(piece, 0, 'latin1');
    const n = m.expand(piece.length);
    if (at + n > target.length) throw new RangeError(`writeUtf8: ${at + n - target.length} bytes beyond the end of the target`);
    m.bytes.copy(target, at, CHUNK, CHUNK + n);
    at += n;
  }
  return at - offset;
}
