import { ReadError, ValueError, type ReadWarning } from './errors';
import { attributePath, elementPath, type ParseOptions, type XmlAttribute, type XmlElement } from './xml/reader';

export interface ReadOptions {
  /** Turn every warning into a ReadError. */
  strict?: boolean;
  maxDepth?: number;
  maxBytes?: number;
}

/** Carries the strictness setting and collects warnings while generated readers map XML to objects. */
export class ReadContext {
  readonly strict: boolean;
  readonly warnings: ReadWarning[] = [];
  /** The parser limits from the options, ready to pass to parseXml. */
  readonly parseOptions: ParseOptions;

  constructor(options?: ReadOptions) {
    this.strict = options?.strict === true;
    const limits: ParseOptions = {};
    if (options?.maxDepth !== undefined) limits.maxDepth = options.maxDepth;
    if (options?.maxBytes !== undefined) limits.maxBytes = options.maxBytes;
    this.parseOptions = limits;
  }

  /** A deviation the reader can live with: recorded, or thrown in strict mode. */
  warn(code: string, message: string, el: XmlElement, attr?: XmlAttribute): void {
    const at = attr ?? el;
    const path = attr === undefined ? elementPath(el) : attributePath(el, attr);
    if (this.strict) throw new ReadError(code, message, path, at.line, at.col);
    this.warnings.push({ code, message, path, line: at.line, col: at.col });
  }

  fail(code: string, message: string, el: XmlElement, attr?: XmlAttribute): never {
    const at = attr ?? el;
    const path = attr === undefined ? elementPath(el) : attributePath(el, attr);
    throw new ReadError(code, message, path, at.line, at.col);
  }

  /** Runs a scalar parser, reporting a ValueError as 'invalid-value' at the element or attribute. */
  value<T>(parse: (text: string) => T, text: string, el: XmlElement, attr?: XmlAttribute): T {
    try {
      return parse(text);
    } catch (e) {
      if (!(e instanceof ValueError)) throw e;
      const at = attr ?? el;
      const path = attr === undefined ? elementPath(el) : attributePath(el, attr);
      const quoted = JSON.stringify(text.length > 64 ? text.slice(0, 61) + '...' : text);
      const detail = e.message.includes(quoted) ? e.message : `Invalid value ${quoted}: ${e.message}`;
      throw new ReadError('invalid-value', detail, path, at.line, at.col, { cause: e });
    }
  }

  /**
   * An element matched by local name whose namespace differs from the schema's
   * (published examples do this): accepted with a warning, refused in strict mode.
   */
  nsMismatch(el: XmlElement, expected: string): true {
    this.warn('namespace-mismatch', `Element ${el.local} is in namespace "${el.ns}", expected "${expected}"`, el);
    return true;
  }

  /** The one expected element among `elements` (a SOAP Body's children); others are reported. */
  single(elements: readonly XmlElement[], local: string, ns: string, parent: XmlElement): XmlElement {
    let found: XmlElement | undefined;
    for (const el of elements) {
      if (found === undefined && el.local === local && (el.ns === ns || this.nsMismatch(el, ns))) found = el;
      else this.warn('unexpected-element', `Unexpected element ${el.local}`, el);
    }
    if (found === undefined) {
      const got = elements[0];
      return this.fail('wrong-root', `Expected element ${local} (namespace "${ns}")${got ? `, found ${got.local}` : ', found nothing'}`, got ?? parent);
    }
    return found;
  }
}
