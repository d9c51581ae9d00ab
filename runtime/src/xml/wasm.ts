// Just enough of a WebAssembly assembler for the runtime's few hand-written SIMD loops (scan.ts,
// latin1.ts): opcodes by name, LEB128 numbers, sections, and instantiation where the engine can.

export const I32 = 0x7f;
export const V128 = 0x7b;
/** Block type of a block, loop or if that leaves nothing on the stack. */
export const VOID = 0x40;

export const op = {
  unreachable: 0x00,
  block: 0x02,
  loop: 0x03,
  if: 0x04,
  else: 0x05,
  end: 0x0b,
  br: 0x0c,
  brIf: 0x0d,
  return: 0x0f,
  localGet: 0x20,
  localSet: 0x21,
  localTee: 0x22,
  // Loads and stores take a memarg next: alignment, offset (both 0 here).
  load8: 0x2d,
  store8: 0x3a,
  i32Const: 0x41,
  i32Eqz: 0x45,
  i32Ne: 0x47,
  i32LtU: 0x49,
  i32LeU: 0x4d,
  i32GeU: 0x4f,
  i32Add: 0x6a,
  i32Sub: 0x6b,
  i32And: 0x71,
  i32Or: 0x72,
  i32Shl: 0x74,
  i32ShrU: 0x76,
} as const;

// SIMD instructions: the 0xfd prefix, then their number (all below 0x80, so one byte).
export const simd = {
  load: 0x00,
  store: 0x0b,
  splat: 0x0f,
  eq: 0x23,
  ltS: 0x25,
  ltU: 0x26,
  andNot: 0x4f,
  or: 0x50,
  anyTrue: 0x53,
} as const;

/** Unsigned LEB128, as sizes, counts and indices are written. */
function leb(n: number): number[] {
  const out: number[] = [];
  do {
    const low = n & 0x7f;
    n >>>= 7;
    out.push(n === 0 ? low : low | 0x80);
  } while (n !== 0);
  return out;
}

/** i32.const n: its operand is a signed LEB128 (128 takes two bytes, -1 one). */
export function i32(n: number): number[] {
  const out: number[] = [op.i32Const];
  for (;;) {
    const low = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (low & 0x40) === 0) || (n === -1 && (low & 0x40) !== 0)) {
      out.push(low);
      return out;
    }
    out.push(low | 0x80);
  }
}

export const S = (code: number): number[] => [0xfd, code];
export const get = (local: number): number[] => [op.localGet, local];
export const set = (local: number): number[] => [op.localSet, local];
/** local += n */
export const add = (local: number, n: number): number[] => [...get(local), ...i32(n), op.i32Add, ...set(local)];
/** local = the byte in every lane */
export const splat = (local: number, byte: number): number[] => [...i32(byte), ...S(simd.splat), ...set(local)];
export const MEMARG = [0, 0];
const section = (id: number, content: number[]): number[] => [id, ...leb(content.length), ...content];
const name = (s: string): number[] => [s.length, ...Array.from(s, (c) => c.charCodeAt(0))];
/** A function body: its locals as [count, type] runs, then the code. */
export function body(locals: [number, number][], code: number[]): number[] {
  const all = [...leb(locals.length), ...locals.flatMap(([n, type]) => [...leb(n), type]), ...code, op.end];
  return [...leb(all.length), ...all];
}

/** A module of functions of type (i32) -> i32 and one memory, exported under their names. */
export function moduleOf(memoryPages: number, functions: Record<string, number[]>): Uint8Array {
  const names = Object.keys(functions);
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, [1, 0x60, 1, I32, 1, I32]), // type 0: (i32) -> i32
    ...section(3, [...leb(names.length), ...names.map(() => 0)]),
    ...section(5, [1, 0x00, ...leb(memoryPages)]), // one memory, no maximum
    ...section(7, [...leb(names.length + 1), ...name('memory'), 0x02, 0, ...names.flatMap((n, i) => [...name(n), 0x00, ...leb(i)])]),
    ...section(10, [...leb(names.length), ...names.flatMap((n) => functions[n] ?? [])]),
  ]);
}

export interface WasmMemory {
  buffer: ArrayBuffer;
  grow(pages: number): number;
}

// The little of the WebAssembly API used here, typed locally: the runtime's callers may compile
// without the DOM library, which declares it.
interface WebAssemblyApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: Record<string, unknown> };
  Memory: abstract new (...args: never[]) => WasmMemory;
}

type Instance<N extends string> = { memory: WasmMemory } & Record<N, (length: number) => number>;

/**
 * The module's memory and the functions `names` it exports, or null where this engine has no
 * WebAssembly or no SIMD (validate refuses the module then).
 */
function instantiate<N extends string>(bytes: Uint8Array, names: readonly N[]): Instance<N> | null {
  const wasm = (globalThis as { WebAssembly?: WebAssemblyApi }).WebAssembly;
  if (wasm === undefined || !wasm.validate(bytes)) return null;
  const { exports } = new wasm.Instance(new wasm.Module(bytes));
  const memory = exports['memory'];
  if (!(memory instanceof wasm.Memory) || names.some((n) => typeof exports[n] !== 'function')) return null;
  return { memory, ...(Object.fromEntries(names.map((n) => [n, exports[n]])) as Record<N, (length: number) => number>) };
}

/**
 * A getter of the module, instantiated on its first call and then kept: what `wrap` makes of its
 * memory and the functions `names`, or null where the engine cannot run it.
 */
export function compiledOnFirstUse<N extends string, T>(bytes: Uint8Array, names: readonly N[], wrap: (m: Instance<N>) => T): () => T | null {
  let kept: T | null | undefined;
  return () => {
    if (kept === undefined) {
      const m = instantiate(bytes, names);
      kept = m === null ? null : wrap(m);
    }
    return kept;
  };
}
