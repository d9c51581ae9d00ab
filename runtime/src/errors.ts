/** Failures of the XML layer itself: the input is not acceptable XML, or it breaks a safety limit. */
export type XmlErrorCode =
  | 'not-well-formed'
  | 'doctype-forbidden'
  | 'too-deep'
  | 'too-large'
  | 'too-many-attributes';

const XML_REMEDIES: Readonly<Record<XmlErrorCode, string>> = {
  'not-well-formed': 'The document is not well-formed XML; check the software that produced it.',
  'doctype-forbidden':
    'Document type declarations are refused to rule out entity-expansion and external-entity attacks; send the document without a DOCTYPE.',
  'too-deep': 'Raise the maxDepth option if documents this deeply nested are legitimate.',
  'too-large': 'Raise the maxBytes option if documents this large are legitimate.',
  'too-many-attributes': 'Raise the maxAttributes option if elements with this many attributes are legitimate.',
};

function where(path: string, line: number, col: number): string {
  return `at ${path === '' ? '/' : path} (line ${line}:${col})`;
}

export class XmlError extends Error {
  override readonly name = 'XmlError';
  readonly code: XmlErrorCode;
  readonly path: string;
  readonly line: number;
  readonly col: number;
  /** The problem alone, without location or remedy. */
  readonly detail: string;

  constructor(code: XmlErrorCode, detail: string, path: string, line: number, col: number, remedy?: string) {
    super(`${detail} ${where(path, line, col)}. ${remedy ?? XML_REMEDIES[code]}`);
    this.code = code;
    this.detail = detail;
    this.path = path;
    this.line = line;
    this.col = col;
  }
}

/**
 * The deviations a lenient reader accepts and reports as a ReadWarning (README, "Readers are
 * lenient by default and say so"); strict reading throws each as a ReadError of the same code.
 * `response-warning` is a client's: a response whose status says Warning.
 */
export type ReadWarningCode =
  | 'missing-element'
  | 'missing-attribute'
  | 'namespace-mismatch'
  | 'unexpected-element'
  | 'unexpected-attribute'
  | 'unexpected-text'
  | 'out-of-order'
  | 'choice-conflict'
  | 'must-understand'
  | 'fixed-value'
  | 'nil-attributes'
  | 'nil-content'
  | 'not-nillable'
  | 'duplicate-id'
  | 'invalid-value'
  | 'unknown-type'
  | 'unknown-enumeration'
  | 'response-warning';

/** What a ReadError reports: a deviation strict reading refuses, or one no reader accepts. */
export type ReadErrorCode = ReadWarningCode | 'wrong-root' | 'wrong-soap-version';

/** A value or structure problem found while mapping XML to typed objects. */
export class ReadError extends Error {
  override readonly name = 'ReadError';
  readonly code: ReadErrorCode;
  readonly path: string;
  readonly line: number;
  readonly col: number;
  readonly detail: string;
  /**
   * True when the value is refused only because an enumeration does not list it: reading with
   * `unknownEnumerations: 'keep'` (not strict) would accept it, as one a newer server added.
   */
  readonly unknownEnumeration: boolean;

  constructor(code: ReadErrorCode, detail: string, path: string, line: number, col: number, options?: { cause?: unknown; unknownEnumeration?: boolean }) {
    super(`${detail} ${where(path, line, col)} [${code}]`, options?.cause === undefined ? undefined : { cause: options.cause });
    this.unknownEnumeration = options?.unknownEnumeration === true;
    this.code = code;
    this.detail = detail;
    this.path = path;
    this.line = line;
    this.col = col;
  }
}

export interface ReadWarning {
  code: ReadWarningCode;
  message: string;
  path: string;
  line: number;
  col: number;
}

/** Thrown by scalar parsers and formatters; carries no location, the caller adds it. */
export class ValueError extends Error {
  override readonly name = 'ValueError';
}

/**
 * A string that an enumeration does not list, thrown by the generated parser `parser` of that
 * enumeration (through unknownEnumeration). A reader told to keep such values
 * (ReadOptions.unknownEnumerations) reads the value again with keepingUnknown(), where the parser
 * returns the string instead: alone, as an item of a list or as a member of a union.
 */
export class UnknownEnumerationError extends ValueError {
  constructor(
    message: string,
    readonly value: string,
    readonly parser: (text: string) => unknown,
  ) {
    super(message);
  }
}

/** The messages of the values kept so far within keepingUnknown(); undefined outside it. */
let kept: string[] | undefined;

/** Whether a value an enumeration does not list is kept here (within keepingUnknown()); notes `message` if so. */
export function keepsUnknown(message: string): boolean {
  kept?.push(message);
  return kept !== undefined;
}

/**
 * A generated enumeration parser's answer to `text`, which its enumeration does not list: throws
 * UnknownEnumerationError, or, within keepingUnknown(), returns `text`.
 */
export function unknownEnumeration(message: string, text: string, parser: (text: string) => unknown): string {
  if (!keepsUnknown(message)) throw new UnknownEnumerationError(message, text, parser);
  return text;
}

/**
 * `parse()` with every enumeration keeping the values it does not list: the value, and the messages
 * of the values kept (none when the value parses anyway); undefined when it fails all the same.
 */
export function keepingUnknown<T>(parse: () => T): { value: T; kept: string[] } | undefined {
  const outer = kept;
  const here: string[] = [];
  kept = here;
  try {
    return { value: parse(), kept: here };
  } catch {
    return undefined;
  } finally {
    kept = outer;
  }
}

/** A value that cannot be written; `path` names the property chain from the message root. */
export class SerializeError extends Error {
  override readonly name = 'SerializeError';
  readonly path: string[];
  readonly detail: string;

  constructor(detail: string, path: string[] = [], options?: { cause?: unknown }) {
    super(SerializeError.compose(detail, path), options);
    this.detail = detail;
    this.path = path;
  }

  /** Recomputes the message after the path changed. */
  refresh(): void {
    this.message = SerializeError.compose(this.detail, this.path);
  }

  private static compose(detail: string, path: readonly string[]): string {
    return path.length === 0 ? detail : `${path.join('.')}: ${detail}`;
  }
}

/**
 * Rethrows `e` with `segment` prepended to its serialization path. Generated writers wrap each
 * property in try/catch and call this, so the error names the full property chain.
 */
export function withPath(e: unknown, segment: string, inner?: string, index = -1): never {
  // `inner`: the property being written when a scalar failed (the writer's own segment goes before it).
  if (inner) {
    try {
      withPath(e, inner);
    } catch (x) {
      e = x;
    }
  }
  // `index`: the item of a list being written, counted from 0. It marks the item's element, or,
  // when the item has no segment of its own (a choice's alternatives, an inline scalar), the list.
  if (index >= 0) {
    if (e instanceof SerializeError && e.path.length > 0) {
      e.path[0] += `[${index}]`;
      e.refresh();
    } else segment += `[${index}]`;
  }
  if (e instanceof SerializeError) {
    e.path.unshift(segment);
    e.refresh();
    throw e;
  }
  if (e instanceof ValueError) {
    throw new SerializeError(e.message, [segment], { cause: e });
  }
  // Generated writers are type-checked: a TypeError there comes from a value its TypeScript type
  // does not allow, which a JS caller can pass (null for an element that is not nillable).
  if (e instanceof TypeError) {
    // V8 says "v is not iterable" for an object where a repeated element's array is due.
    const why = / is not iterable/.test(e.message) ? `${e.message}, where an array is expected` : e.message;
    throw new SerializeError(`Not a value of its type (${why}): give what the TypeScript type allows; null only where the element is nillable`, [segment], { cause: e });
  }
  throw e;
}

/**
 * The listed values of an enumeration whose values have several spellings, by `key`, their
 * canonical form. A listed spelling `key` cannot read is left out: no value can match it.
 */
export function enumerationKeys(values: ReadonlySet<string>, key: (s: string) => string): ReadonlyMap<string, string> {
  const out = new Map<string, string>();
  for (const s of values) {
    try {
      out.set(key(s), s);
    } catch {
      // not a value of the type
    }
  }
  return out;
}
