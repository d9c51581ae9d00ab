import { ReadError, type ReadWarning } from '../errors';
import type { ReadonlyInput } from '../input';
import { ReadContext, type ReadOptions } from '../read-context';
import { XML_EOF, XmlCursor, lineColAt } from './cursor';
import { XML_DECLARATION, namespaceDeclarations } from './writer';

/** A document read whole: the typed value of its root element, and what lenient reading let pass. */
export interface ParsedDocument<T> {
  value: T;
  warnings: ReadWarning[];
}

/** Reads and writes documents whose root is one global element of a schema. */
export interface DocumentCodec<T> {
  parse(xml: string, options?: ReadOptions): ParsedDocument<T>;
  /** The document of `value`; readonly arrays in it (`as const`) are taken as they are. */
  serialize(value: ReadonlyInput<T>): string;
}

/**
 * Reads a document whose root must be `{ns}local`, with `read` for the root element (the cursor on
 * its start tag). Throws XmlError for unacceptable XML and ReadError for another root or content
 * that breaks the schema beyond what lenient reading accepts.
 */
export function readDocument<T>(xml: string, options: ReadOptions | undefined, local: string, ns: string, read: (r: XmlCursor, ctx: ReadContext) => T): ParsedDocument<T> {
  const ctx = new ReadContext(options, xml);
  const r = ctx.watch(new XmlCursor(xml, ctx.parseOptions));
  r.next();
  if (r.local !== local || r.ns !== ns) {
    const [line, col] = lineColAt(xml, r.start);
    // Checking the rest of the document first keeps XmlError ahead of ReadError, as everywhere.
    ctx.document();
    throw new ReadError('wrong-root', `Expected the document element {${ns}}${local} but it is {${r.ns}}${r.local}`, `/${r.local}`, line, col);
  }
  const value = read(r, ctx);
  // Whatever follows the document element must still be checked.
  while (r.next() !== XML_EOF) {
    /* nothing but comments, processing instructions and whitespace: next() throws otherwise */
  }
  return { value, warnings: ctx.warnings };
}

/**
 * A document of the element `element` (as a generated writer returns it, starting with `<` and its
 * tag), with an XML declaration and `namespaces` declared on the root, after its tag.
 */
export function writeDocument(element: string, namespaces: ReadonlyArray<readonly [prefix: string, uri: string]>): string {
  return `${XML_DECLARATION}\n${declareOnRoot(element, namespaces)}`;
}

/**
 * `element` (as a generated writer returns it) with `namespaces` declared on its start tag, but for
 * the prefixes it declares itself: the element of an xs:anyType root is its own XML, which may
 * already bind them (read from a document this wrote), and its bindings are the ones it means.
 */
export function declareOnRoot(element: string, namespaces: ReadonlyArray<readonly [prefix: string, uri: string]>): string {
  const tagEnd = element.search(/[\s/>]/);
  const own = ownPrefixes(element, tagEnd);
  const added = own.size === 0 ? namespaces : namespaces.filter(([prefix]) => !own.has(prefix));
  return `${element.slice(0, tagEnd)}${namespaceDeclarations(added)}${element.slice(tagEnd)}`;
}

/** The prefixes ('' for the default namespace) that the start tag of `element` declares; its name ends at `from`. */
function ownPrefixes(element: string, from: number): Set<string> {
  const out = new Set<string>();
  // Attributes up to the end of the start tag; values are quoted and hold no quote of their kind.
  const attribute = /\s*([^\s=/>]+)\s*=\s*(?:"[^"]*"|'[^']*')/y;
  attribute.lastIndex = from;
  for (let m = attribute.exec(element); m !== null; m = attribute.exec(element)) {
    const name = m[1]!;
    if (name === 'xmlns') out.add('');
    else if (name.startsWith('xmlns:')) out.add(name.slice(6));
  }
  return out;
}
