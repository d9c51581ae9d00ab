// A vector scan for writers: whether a long string of values holds a character that an attribute
// value or character data cannot carry as it is. A regular expression looks at one character at a
// time (~0.6 ns each here); WebAssembly SIMD looks at 16 bytes a step. The string is encoded as
// UTF-8 into the module's memory first, natively. Nothing to escape in it is the common case; any
// doubt is answered "no", and the caller then looks value by value.

/** Characters per encoding step: their UTF-8 (three bytes each at most) fits the memory with room. */
const CHUNK = 65_536;
const MEMORY_PAGES = 4; // 256 KiB

// ---- the module, assembled here: a few hundred bytes, no build step ----

const I32 = 0x7f;
const V128 = 0x7b;
const op = {
  loop: 0x03,
  end: 0x0b,
  brIf: 0x0d,
  localGet: 0x20,
  localSet: 0x21,
  localTee: 0x22,
  i32Const: 0x41,
  i32LtU: 0x49,
  i32Add: 0x6a,
  i32Sub: 0x6b,
} as const;
// SIMD instructions: the 0xfd prefix, then their number (all below 0x80, so one byte).
const simd = {
  load: 0x00,
  const: 0x0c,
  splat: 0x0f,
  eq: 0x23,
  ltU: 0x26,
  gtU: 0x28,
  and: 0x4e,
  andNot: 0x4f,
  or: 0x50,
  anyTrue: 0x53,
} as const;

function leb(n: number): number[] {
  const out: number[] = [];
  do {
    const low = n & 0x7f;
    n >>>= 7;
    out.push(n === 0 ? low : low | 0x80);
  } while (n !== 0);
  return out;
}

const S = (code: number): number[] => [0xfd, code];
const bytes16 = (b: number): number[] => [...S(simd.const), ...Array<number>(16).fill(b)];
const get = (local: number): number[] => [op.localGet, local];
const set = (local: number): number[] => [op.localSet, local];
const section = (id: number, content: number[]): number[] => [id, ...leb(content.length), ...content];

// scan(length, quote, allow1, allow2) -> 1 when some byte of memory[0, length) needs a closer look;
// length is at least 16, and the two bytes after it are zero. Locals: 4 the offset, 5 the flags
// gathered so far, 6-8 the three parameters in every lane, 9 the 16 bytes at hand.
const [LENGTH, QUOTE, ALLOW1, ALLOW2, AT, FLAGS, QUOTES, ALLOWS1, ALLOWS2, V] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
const load = (address: number[], offset: number): number[] => [...address, ...S(simd.load), 0, offset];
const flagBlock = (address: number[]): number[] => [
  ...load(address, 0),
  ...set(V),
  // Control characters, but the two a text may hold as they are (for attributes ALLOW is a space,
  // which is no control character: the andNot then takes nothing away).
  ...get(V), ...bytes16(0x20), ...S(simd.ltU),
  ...get(V), ...get(ALLOWS1), ...S(simd.eq), ...get(V), ...get(ALLOWS2), ...S(simd.eq), ...S(simd.or),
  ...S(simd.andNot),
  // & and <, and the quote (attributes) or > (text).
  ...get(V), ...bytes16(0x26), ...S(simd.eq), ...S(simd.or),
  ...get(V), ...bytes16(0x3c), ...S(simd.eq), ...S(simd.or),
  ...get(V), ...get(QUOTES), ...S(simd.eq), ...S(simd.or),
  // EF BF BD..BF: U+FFFE, U+FFFF, and U+FFFD, which is also what the encoder writes for a lone
  // surrogate. A real U+FFFD only costs the closer look.
  ...get(V), ...bytes16(0xef), ...S(simd.eq), ...load(address, 1), ...bytes16(0xbf), ...S(simd.eq), ...S(simd.and),
  ...load(address, 2), ...bytes16(0xbc), ...S(simd.gtU), ...S(simd.and), ...S(simd.or),
  ...get(FLAGS), ...S(simd.or), ...set(FLAGS),
];
const lastBlock = [...get(LENGTH), op.i32Const, 16, op.i32Sub];
const body = [
  // One i32 local, five v128 locals.
  0x02, 0x01, I32, 0x05, V128,
  ...get(QUOTE), ...S(simd.splat), ...set(QUOTES),
  ...get(ALLOW1), ...S(simd.splat), ...set(ALLOWS1),
  ...get(ALLOW2), ...S(simd.splat), ...set(ALLOWS2),
  // Blocks at 0, 16, ... while they start before length - 16, then the block ending at length
  // (it may overlap the one before: flags are only gathered).
  op.loop, 0x40,
  ...flagBlock(get(AT)),
  ...get(AT), op.i32Const, 16, op.i32Add, op.localTee, AT, ...lastBlock, op.i32LtU, op.brIf, 0,
  op.end,
  ...flagBlock(lastBlock),
  ...get(FLAGS), ...S(simd.anyTrue),
  op.end,
];
const name = (s: string): number[] => [s.length, ...Array.from(s, (c) => c.charCodeAt(0))];
const MODULE = new Uint8Array([
  ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
  ...section(1, [1, 0x60, 4, I32, I32, I32, I32, 1, I32]), // type: (i32 x4) -> i32
  ...section(3, [1, 0]), // one function of that type
  ...section(5, [1, 0x00, MEMORY_PAGES]), // one memory, no maximum
  ...section(7, [2, ...name('memory'), 0x02, 0, ...name('scan'), 0x00, 0]),
  ...section(10, [1, ...leb(body.length), ...body]),
]);

interface Scanner {
  scan: (length: number, quote: number, allow1: number, allow2: number) => number;
  memory: Uint8Array;
}

// The little of the WebAssembly API used here, typed locally: the runtime's callers may compile
// without the DOM library, which declares it.
interface WebAssemblyApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: Record<string, unknown> };
  Memory: abstract new (...args: never[]) => { buffer: ArrayBuffer };
}

let scanner: Scanner | null | undefined;

/** The compiled module, or null where this engine has no WebAssembly SIMD. Compiled on first use. */
function compiled(): Scanner | null {
  if (scanner !== undefined) return scanner;
  scanner = null;
  const wasm = (globalThis as { WebAssembly?: WebAssemblyApi }).WebAssembly;
  if (wasm !== undefined && wasm.validate(MODULE)) {
    const { exports } = new wasm.Instance(new wasm.Module(MODULE));
    const memory = exports['memory'];
    const scan = exports['scan'];
    if (memory instanceof wasm.Memory && typeof scan === 'function') {
      scanner = { scan: scan as Scanner['scan'], memory: new Uint8Array(memory.buffer) };
    }
  }
  return scanner;
}

const encoder = new TextEncoder();

/**
 * Whether `s` certainly holds nothing to escape or refuse: for an attribute value & < " and every
 * control character; for character data & < > and the control characters but TAB and LF. Also no
 * U+FFFE, U+FFFF, unpaired surrogate or U+FFFD. Undefined where the engine cannot scan (no
 * WebAssembly SIMD) or `s` is shorter than 16 characters: ask a regular expression then.
 */
export function scanIsPlain(s: string, attribute: boolean): boolean | undefined {
  const m = s.length < 16 ? null : compiled();
  if (m === null) return undefined;
  const quote = attribute ? 0x22 : 0x3e;
  const allow1 = attribute ? 0x20 : 0x09;
  const allow2 = attribute ? 0x20 : 0x0a;
  for (let from = 0; from < s.length; ) {
    let to = Math.min(s.length, from + CHUNK);
    // The last piece too has 16 characters at least.
    if (to < s.length && s.length - to < 16) to -= 16;
    // A surrogate pair stays in one piece (alone, each half would look unpaired).
    const last = s.charCodeAt(to - 1);
    if (to < s.length && last >= 0xd800 && last <= 0xdbff) to--;
    const { written } = encoder.encodeInto(from === 0 && to === s.length ? s : s.slice(from, to), m.memory);
    m.memory[written] = 0;
    m.memory[written + 1] = 0;
    if (m.scan(written, quote, allow1, allow2) !== 0) return false;
    from = to;
  }
  return true;
}
