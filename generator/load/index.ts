import * as fs from 'node:fs';
import * as path from 'node:path';
import { charsetOf, decodeXml } from '@wsdl-codegen/runtime/names';
import { fileUrlPath, isUrl } from '../config';
import { Diagnostics, GenerationError, positionAt } from '../diagnostics';
import { DRAFT_XSD_HINT, DRAFT_XSD_NAMESPACES, WSDL_NS, XSD_NS, type Origin } from '../ir';
import { MAX_DEPTH, TreeBuilder, parseTree, type XDocument, type XElement } from './tree';
import { WELL_KNOWN_SCHEMAS } from './well-known';

export type { XElement } from './tree';

export interface SourceDocument {
  /** Normalised absolute path, URL, or `bundled:<namespace>` for well-known schemas. */
  location: string;
  /** What diagnostics print: relative to the working directory. */
  display: string;
  kind: 'wsdl' | 'xsd';
  root: XElement;
}

export type EdgeKind = 'include' | 'import' | 'redefine' | 'wsdl-import';

export interface SourceEdge {
  from: string;
  to: string;
  kind: EdgeKind;
  /** The element that made the edge (for the parse stage to pair them up). */
  at: XElement;
}

export interface SourceSet {
  entry: string;
  /** Documents in load order (depth-first, document order from the entry). */
  documents: SourceDocument[];
  edges: SourceEdge[];
  /**
   * Namespaces that an xs:import names without a schemaLocation, that no loaded schema defines and
   * that no schema in the search path declares as its targetNamespace: where each is first imported.
   */
  unloadedNamespaces: Record<string, Origin>;
}

export interface LoadOptions {
  /** Entry WSDL or XSD: a path (relative to cwd) or an http(s) URL. */
  entry: string;
  /** Folders tried, in order, after the including document's own folder. */
  schemaPath: string[];
  cwd: string;
  /** Sent with every HTTP request (authentication). */
  headers?: Record<string, string>;
  /** Where the config file gives the entry, when it does: diagnostics about the entry name that key. */
  entryAt?: Origin;
  /** Where the config file gives the search path, when it does. */
  schemaPathAt?: Origin;
  /** Largest document accepted, in bytes. */
  maxDocumentBytes?: number;
  /** How long fetching one document by URL may take, redirects and body included (default 60 s). */
  fetchTimeoutMs?: number;
}

/**
 * A URL without the user and password it may carry (`https://user:pass@host/...`, as curl takes
 * them), and those as a Basic Authorization value. fetch refuses a URL that carries them.
 */
export function urlCredentials(url: string): { bare: string; authorization?: string } {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return { bare: url };
  }
  if (u.username === '' && u.password === '') return { bare: url };
  const userPass = `${decodeURIComponent(u.username)}:${decodeURIComponent(u.password)}`;
  u.username = '';
  u.password = '';
  return { bare: u.href, authorization: `Basic ${Buffer.from(userPass, 'utf8').toString('base64')}` };
}

/** A URL as messages show it: the user name kept, a password never. */
function shownUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password === '') return url;
    u.password = '';
    return u.href;
  } catch {
    return url;
  }
}

/** How many redirects fetching one document may follow. */
const MAX_REDIRECTS = 10;

/**
 * Failures of a connection before any answer came: a kept-alive connection the server had closed
 * meanwhile (its idle timer fires first when the process was busy, as during a type check). A GET
 * is sent again once on a new connection.
 */
const CONNECTION_LOST = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET']);
const TOO_LARGE_HINT = 'Check that it is the WSDL or XML Schema meant; a genuine larger one needs the programmatic API\'s maxDocumentBytes.';
/** WSDL 2.0's namespace: its documents are told apart from WSDL 1.1's, which alone is read. */
const WSDL20_NS = 'http://www.w3.org/ns/wsdl';

/** Stage 1: read the entry and everything it includes or imports. Cycles and self-includes are harmless. */
export async function load(options: LoadOptions, diagnostics: Diagnostics): Promise<SourceSet> {
  const cwd = options.cwd;
  const display = (loc: string): string => {
    if (isUrl(loc)) return shownUrl(loc);
    if (loc.startsWith('bundled:')) return loc;
    return path.relative(cwd, loc).split(path.sep).join('/') || loc;
  };
  const maxBytes = options.maxDocumentBytes ?? 32 * 1024 * 1024;
  const set: SourceSet = { entry: '', documents: [], edges: [], unloadedNamespaces: {} };
  const locationless: { namespace: string; el: XElement; from: string; origin: Origin }[] = [];
  /** The target namespaces of the schemas loaded so far. */
  const defined = new Set<string>();
  const byLocation = new Map<string, SourceDocument>();

  // What answers a schema's URL without the network, for a document that another one names (`at`).
  const offline = (at: Origin | undefined): string =>
    at === undefined ? '' : ' Or build offline: put a copy of the schema in a folder given with --schema-path, where an xs:import finds it by its targetNamespace.';
  const entryOrigin = isUrl(options.entry) ? new URL(options.entry).origin : undefined;
  const timeoutMs = options.fetchTimeoutMs ?? 60_000;
  /**
   * The text of `loc`. With `relative` (the location as a remote document wrote it, relative to its
   * own URL): undefined when the server has no such document (404, 410) and the search path has a
   * copy (`relative.copy`), which the caller reads instead; without one, the error says where a copy
   * would be found (for a path `below` the search path's folders: not one from the server's root).
   */
  const readText = async (loc: string, at: Origin | undefined, relative?: { ref: string; copy: string | undefined; below: boolean }): Promise<string | undefined> => {
    const decoded = (bytes: Uint8Array, charset?: string): string => {
      const d = decodeXml(bytes, charset);
      if ('text' in d) return d.text;
      return diagnostics.fail('XML_ENCODING', d.problem, d.hint, { file: display(loc), line: d.line, col: d.col });
    };
    if (isUrl(loc)) {
      const failed = (what: string, e: unknown): never => {
        const cause = (e as { cause?: { message?: unknown } } | undefined)?.cause?.message;
        const timedOut = (e as { name?: unknown } | undefined)?.name === 'TimeoutError';
        return diagnostics.fail(
          'SCHEMA_NOT_FOUND',
          timedOut ? `${what} ${display(loc)} took longer than ${timeoutMs / 1000} s.` : `${what} ${display(loc)} failed: ${(e as Error).message}${typeof cause === 'string' ? ` (${cause})` : ''}`,
          `Check the URL and that the server is reachable.${offline(at)}`,
          at ?? options.entryAt,
        );
      };
      // One deadline for the request, its redirects and its body: a server that stops answering
      // must not hold the run for ever.
      const signal = AbortSignal.timeout(timeoutMs);
      let res: Response;
      const { bare, authorization } = urlCredentials(loc);
      let url = bare;
      let resent = false;
      for (let hops = 0; ; hops++) {
        try {
          // The headers (credentials) go only where the entry is: a document may name any server.
          const origin = new URL(url).origin;
          const headers: Record<string, string> = entryOrigin !== undefined && origin === entryOrigin ? { ...options.headers } : {};
          // The URL's own user and password, unless --header gave an Authorization: to its server only.
          const given = Object.keys(headers).some((k) => k.toLowerCase() === 'authorization');
          if (authorization !== undefined && !given && origin === new URL(bare).origin) headers['Authorization'] = authorization;
          res = await fetch(url, { headers, redirect: 'manual', signal });
        } catch (e) {
          const code = (e as { cause?: { code?: unknown } } | undefined)?.cause?.code;
          if (!resent && typeof code === 'string' && CONNECTION_LOST.has(code) && !signal.aborted) {
            resent = true;
            hops--;
            continue;
          }
          return failed('Fetching', e);
        }
        const next = res.status >= 300 && res.status < 400 ? res.headers.get('location') : null;
        if (next === null) break;
        if (hops === MAX_REDIRECTS) return diagnostics.fail('SCHEMA_NOT_FOUND', `Fetching ${display(loc)} was redirected more than ${MAX_REDIRECTS} times.`, 'Check the URL: the server may redirect in a loop.', at ?? options.entryAt);
        url = new URL(next, url).href;
      }
      if (!res.ok) {
        const absent = res.status === 404 || res.status === 410;
        if (absent && relative?.copy !== undefined) return undefined;
        return diagnostics.fail(
          'SCHEMA_NOT_FOUND',
          `Fetching ${display(loc)}${url === bare ? '' : ` (redirected to ${display(url)})`} answered HTTP ${res.status}.`,
          res.status === 401 || res.status === 403
            ? 'Pass credentials with --header "Authorization: ..." (sent only to the entry\'s server), or as https://user:password@host/... in the URL.'
            : res.status >= 500
              ? `The server failed, not the URL: try again later, or ask its administrator.${offline(at)}`
              : `Check the URL.${relative === undefined ? offline(at) : absent && relative.below ? ` Or build offline: put a copy of the schema at ${relative.ref} in a folder given with --schema-path.` : ''}`,
          at ?? options.entryAt,
        );
      }
      // Read as it arrives, and stop at the size limit: a server may send without end.
      const chunks: Uint8Array[] = [];
      let size = 0;
      try {
        const reader = res.body?.getReader();
        for (let r = await reader?.read(); r !== undefined && !r.done; r = await reader?.read()) {
          size += r.value.length;
          if (size > maxBytes) {
            await reader?.cancel();
            return diagnostics.fail('DOCUMENT_TOO_LARGE', `${display(loc)} is larger than ${maxBytes} bytes; reading stopped there.`, TOO_LARGE_HINT, at);
          }
          chunks.push(r.value);
        }
      } catch (e) {
        if (e instanceof GenerationError) throw e;
        return failed('Reading', e);
      }
      const bytes = Buffer.concat(chunks);
      // A charset the server names outranks the document's own declaration (RFC 7303).
      return decoded(bytes, charsetOf(res.headers.get('content-type')));
    }
    // A path through a file (ENOTDIR), a loop of links, a file not allowed to be read: each the
    // user's to fix, named with the system's reason, and no crash.
    const unreadable = (e: unknown): never =>
      diagnostics.fail('SCHEMA_NOT_FOUND', `${display(loc)} cannot be read: ${(e as Error).message}.`, 'Check the path and that this user may read the file.', at ?? options.entryAt);
    let stat: fs.Stats | undefined;
    try {
      stat = fs.statSync(loc, { throwIfNoEntry: false });
    } catch (e) {
      return unreadable(e);
    }
    if (!stat || !stat.isFile()) {
      const what = stat?.isDirectory() ? `${display(loc)} is a folder, not a file` : `File not found: ${display(loc)}`;
      // The entry has no place that names it unless the config file gives it; an included document
      // does, and --schema-path helps there.
      const hint = at !== undefined
        ? 'Check the path, or add the folder that holds it with --schema-path.'
        : options.entryAt !== undefined
          ? `Check "wsdl" in ${options.entryAt.file}: a relative path there starts at the folder of that file.`
          : 'Check the --wsdl path (or "wsdl" in the config file): a relative path starts at the working directory.';
      return diagnostics.fail('SCHEMA_NOT_FOUND', what, hint, at ?? options.entryAt);
    }
    if (stat.size > maxBytes) diagnostics.fail('DOCUMENT_TOO_LARGE', `${display(loc)} is larger than ${maxBytes} bytes.`, TOO_LARGE_HINT, at ?? options.entryAt);
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(loc);
    } catch (e) {
      return unreadable(e);
    }
    return decoded(bytes);
  };

  // A document that is not what was asked for: the error is at the reference that loads it, which is
  // what to change; for the entry, in the document itself (`inside`), with `entryHint`.
  const refuseDocument = (loc: string, at: Origin | undefined, what: string, entryHint: string, inside: Origin): never => {
    if (at !== undefined) {
      return diagnostics.fail(
        'NOT_WSDL_OR_XSD',
        `${display(loc)}, which this reference loads, ${what}.`,
        'Point the location at the schema or WSDL document itself. A URL that answers with a web page (a login or error page) does not serve it: save the document and name the copy (for an xs:import, its folder can be given with --schema-path).',
        at,
      );
    }
    return diagnostics.fail('NOT_WSDL_OR_XSD', `${display(loc)} ${what}.`, entryHint, inside);
  };

  const parseText = (text: string, loc: string, at: Origin | undefined): { root: XElement; doctype: { line: number; col: number } | undefined } => {
    const file = display(loc);
    type Located = { locator?: { lineNumber?: number; columnNumber?: number } | undefined };
    let first: { message: string; line: number; col: number } | undefined;
    const remember = (message: string, located: Located | undefined): void => {
      first ??= { message: message.trim().split('\n')[0] ?? '', line: Math.max(1, located?.locator?.lineNumber ?? 1), col: located?.locator?.columnNumber ?? 1 };
    };
    let doc: XDocument | undefined;
    // Errors are collected, not thrown from the handler: xmldom wraps what a handler throws.
    const builder = new TreeBuilder({
      onError: (level, message, context) => {
        if (level !== 'warning') remember(message, context);
      },
    });
    try {
      doc = parseTree(text, builder);
    } catch (e) {
      remember((e as Error).message, e as Located);
    }
    if (builder.tooDeep) {
      diagnostics.fail('XML_TOO_DEEP', `Elements nest more than ${MAX_DEPTH} deep.`, 'A schema never needs this; check that the file is the intended one.', { file, ...builder.tooDeep });
    }
    const entity = first && /^entity not found:\s*(&\S*;)/.exec(first.message)?.[1];
    if (first && entity) {
      return diagnostics.fail(
        'XML_MALFORMED',
        `Malformed XML: the entity reference ${entity} (in this element) is not one of XML's five predefined entities, and entities a DOCTYPE declares are never expanded.`,
        'Write the text the entity stands for in its place, or a character reference such as &#38;.',
        { file, line: first.line, col: first.col },
      );
    }
    if (first || !doc) {
      // A web page (a login, error or help page) is no XML, and no reason to read it as if it were
      // and say "fix the XML" inside it: said as what it is, at the reference that loaded it.
      const page = HTML_PAGE.exec(text);
      if (page !== null) {
        return refuseDocument(loc, at, HTML_PAGE_WHAT, HTML_PAGE_HINT, { file, ...positionAt(text, page.index + (page[1] ?? '').length) });
      }
      // Nothing at all (a failed download, a file saved empty): no XML to fix either.
      if (/^\uFEFF?\s*$/.test(text)) {
        return refuseDocument(loc, at, 'is empty', 'Point --wsdl at the WSDL or XSD file itself; if this is it, it lost its content: save it again.', { file, line: 1, col: 1 });
      }
      const f = first ?? { message: 'unreadable document', line: 1, col: 1 };
      return diagnostics.fail('XML_MALFORMED', `Malformed XML: ${f.message}`, 'Fix the XML so that it is well-formed.', { file, line: f.line, col: f.col });
    }
    const root = doc.documentElement;
    if (!root) return diagnostics.fail('XML_MALFORMED', 'The document has no root element.', 'Fix the XML so that it is well-formed.', { file, line: 1, col: 1 });
    return { root, doctype: doc.doctype };
  };

  const originOf = (el: XElement, loc: string): Origin => ({ file: display(loc), line: el.lineNumber, col: el.columnNumber });

  // The search path's folders that are there. One that is not is most often a typo: said now, as
  // otherwise the only sign is SCHEMA_NOT_FOUND for a schema it was meant to supply, or nothing.
  const folders: string[] = [];
  for (const dir of options.schemaPath) {
    const folder = path.resolve(cwd, dir);
    if (fs.statSync(folder, { throwIfNoEntry: false })?.isDirectory()) {
      folders.push(folder);
      continue;
    }
    diagnostics.warn(
      'SCHEMA_PATH_MISSING',
      `The schema search path names ${dir}, which is not a folder${path.isAbsolute(dir) ? '' : ' (from the working directory)'}.`,
      options.schemaPathAt !== undefined
        ? `Check "schemaPath" in ${options.schemaPathAt.file}: a relative path there starts at the folder of that file.`
        : 'Check --schema-path (or "schemaPath" in the config file, where a relative path starts at the config file\'s folder).',
      options.schemaPathAt,
    );
  }

  // The .xsd files of the search path by targetNamespace, read once and only when an import needs
  // them. Folders in order, files by name: the same answer on every machine.
  let byNamespace: Map<string, string[]> | undefined;
  const searchPathSchemas = (namespace: string): string[] => {
    if (byNamespace === undefined) {
      byNamespace = new Map();
      // What cannot be listed or read (a dangling link, a folder this user may not open) answers
      // no namespace: the import then fails, or finds its schema elsewhere.
      const listed = (folder: string): string[] => {
        try {
          return fs.readdirSync(folder).sort();
        } catch {
          return [];
        }
      };
      for (const folder of folders) {
        for (const name of listed(folder)) {
          const file = path.join(folder, name);
          const stat = /\.xsd$/i.test(name) ? fs.statSync(file, { throwIfNoEntry: false }) : undefined;
          if (!stat?.isFile() || stat.size > maxBytes) continue;
          const tns = targetNamespaceOf(file);
          if (tns !== undefined) byNamespace.set(tns, [...(byNamespace.get(tns) ?? []), path.normalize(file)]);
        }
      }
    }
    return byNamespace.get(namespace) ?? [];
  };

  // An import by absolute URL is read from the search path when it holds that namespace: offline
  // builds and CI need no network then, and W3C's servers are not asked again. A file named as the
  // URL ends comes first; a generic name ("types.xsd") counts only with the imported namespace.
  const importFromSearchPath = (url: string, namespace: string): string[] => {
    let name = '';
    try {
      name = decodeURIComponent(path.posix.basename(new URL(url).pathname));
    } catch {
      // A malformed escape: no file is named after it.
    }
    const all = searchPathSchemas(namespace);
    const named = all.find((f) => path.basename(f) === name);
    return named === undefined ? all : [named];
  };

  // A location is a URI reference: "My%20Types.xsd" names the file "My Types.xsd", as tools that
  // save a WSDL with its schemas write it. A file named as written comes first (a % that is no
  // escape, as in "50%off.xsd", leaves only that).
  const fileNames = (ref: string): string[] => {
    try {
      const decoded = decodeURIComponent(ref);
      return decoded !== ref && !decoded.includes('\0') ? [ref, decoded] : [ref];
    } catch {
      return [ref];
    }
  };

  /** The paths location `ref` may name in each of `places`, in order. */
  const filesIn = (places: readonly string[], ref: string): string[] => places.flatMap((place) => fileNames(ref).map((name) => path.resolve(place, name)));

  const resolveLocation = (ref: string, base: string, at: Origin): string => {
    if (isUrl(ref)) return ref;
    if (isUrl(base)) return new URL(ref, base).toString();
    // Tools that save a WSDL with its schemas often write their locations as file: URLs.
    const local = fileUrlPath(ref);
    if (local === undefined) return diagnostics.fail('SCHEMA_NOT_FOUND', `"${ref}" is a file URL that names no file of this machine.`, 'Make the location a relative path, or give the folder that holds the file with --schema-path.', at);
    if (local !== ref) ref = local;
    for (const c of filesIn([path.dirname(base), ...folders], ref)) if (fs.existsSync(c)) return path.normalize(c);
    return diagnostics.fail(
      'SCHEMA_NOT_FOUND',
      `Cannot find "${ref}" (looked next to ${display(base)}${options.schemaPath.length ? ` and in ${options.schemaPath.join(', ')}` : ''}).`,
      'Add the folder that holds it with --schema-path (or "schemaPath" in the config file).',
      at,
    );
  };

  // A relative location in a remote document names a document on its server, and the search path is
  // looked in after it, as after a local document's folder: where the server has none (a published
  // WSDL whose schemas were not all put beside it), the search path's file at that relative path.
  // The server's answer is kept for visit, so that it is fetched once.
  const fetched = new Map<string, string>();
  const fromServerOrCopy = new Map<string, string>();
  const remoteOrCopy = async (url: string, ref: string, at: Origin): Promise<string> => {
    const known = fromServerOrCopy.get(url);
    if (known !== undefined) return known;
    if (byLocation.has(url)) return url;
    // Only a path below the folders (no query, fragment or path from the server's root) has a copy there.
    const below = !/^[/\\]|[?#]/.test(ref);
    const copy = below ? filesIn(folders, ref).find((f) => fs.statSync(f, { throwIfNoEntry: false })?.isFile()) : undefined;
    const text = await readText(url, at, { ref, copy, below });
    const target = text === undefined && copy !== undefined ? path.normalize(copy) : url;
    if (text !== undefined) fetched.set(url, text);
    fromServerOrCopy.set(url, target);
    return target;
  };

  const visit = async (loc: string, at: Origin | undefined): Promise<void> => {
    if (byLocation.has(loc)) return;
    const prefetched = fetched.get(loc);
    fetched.delete(loc);
    // readText gives undefined only when asked to, by remoteOrCopy: never here.
    const { root, doctype } = loc.startsWith('bundled:') ? parseText(WELL_KNOWN_SCHEMAS[loc.slice(8)] ?? '', loc, at) : parseText(prefetched ?? (await readText(loc, at)) ?? '', loc, at);
    const kind = root.namespaceURI === WSDL_NS && root.localName === 'definitions' ? 'wsdl' : root.namespaceURI === XSD_NS && root.localName === 'schema' ? 'xsd' : undefined;
    if (!kind) {
      // A web page that happens to be well-formed (XHTML, a small error page) is one too.
      if (root.localName === 'html' && (root.namespaceURI === null || root.namespaceURI === '' || root.namespaceURI === XHTML_NS)) {
        return refuseDocument(loc, at, HTML_PAGE_WHAT, HTML_PAGE_HINT, originOf(root, loc));
      }
      const wsdl20 = root.namespaceURI === WSDL20_NS;
      const what = wsdl20
        ? `is a WSDL 2.0 document (its root is {${WSDL20_NS}}${root.localName}), which is not read: only WSDL 1.1 and XML Schema are`
        : `is neither a WSDL 1.1 document (wsdl:definitions) nor an XML Schema (xs:schema); its root is {${root.namespaceURI ?? ''}}${root.localName}`;
      if (root.localName === 'schema' && DRAFT_XSD_NAMESPACES.includes(root.namespaceURI ?? '')) {
        diagnostics.fail('NOT_WSDL_OR_XSD', `${display(loc)} ${what}, a draft of XML Schema that XML Schema 1.0 (${XSD_NS}) replaced.`, DRAFT_XSD_HINT, originOf(root, loc));
      }
      // A document another one names: the error is at the reference, which is what to change (a
      // location that answers with a web page, such as a login or error page, is a common cause).
      const hint = wsdl20
        ? "Point --wsdl at the service's WSDL 1.1 description: most servers give it at ?wsdl (Axis2 gives WSDL 2.0 at ?wsdl2)."
        : 'Point --wsdl at a WSDL 1.1 or XSD file.';
      return refuseDocument(loc, at, what, hint, originOf(root, loc));
    }
    // W3C publishes XML Signature's and XML Encryption's schemas with a DOCTYPE, and every SAML or
    // WS-Security schema imports them. It is passed over, never read: no entity is declared (a
    // reference to one fails as malformed), nothing is fetched, no attribute default applies. Said
    // only of a document that is read: a web page's DOCTYPE is no news beside its refusal.
    if (doctype) {
      diagnostics.warn(
        'DOCTYPE_IGNORED',
        'The document declares a DOCTYPE, which is not read: its entities and attribute defaults do not apply.',
        'Nothing to do when the document reads the same without it (as W3C\'s XML Signature and XML Encryption schemas do).',
        { file: display(loc), ...doctype },
      );
    }
    const doc: SourceDocument = { location: loc, display: display(loc), kind, root };
    byLocation.set(loc, doc);
    set.documents.push(doc);
    for (const ns of schemaNamespaces(doc)) defined.add(ns);
    // Document order, depth-first: deterministic whatever the directory listing says.
    for (const { el, kind: edgeKind, ref, namespace } of references(root)) {
      const origin = originOf(el, loc);
      let targets: string[];
      if (namespace !== undefined && WELL_KNOWN_SCHEMAS[namespace] !== undefined) {
        // Wherever the import says they are. W3C asks tools not to fetch xml.xsd on every run (and
        // no one may add to that namespace); its schema for schemas describes the whole XSD
        // language with entities its DOCTYPE declares, which are not read here.
        targets = [`bundled:${namespace}`];
      } else if (ref === undefined) {
        // An import without a location: it must be loaded by another edge, or is looked up in the
        // search path at the end.
        if (edgeKind === 'import' && namespace !== undefined) locationless.push({ namespace, el, from: loc, origin });
        continue;
      } else {
        const local = isUrl(ref) && edgeKind === 'import' && namespace !== undefined ? importFromSearchPath(ref, namespace) : [];
        const target = local.length ? undefined : resolveLocation(ref, loc, origin);
        targets = target === undefined ? local : [isUrl(target) && !isUrl(ref) && isUrl(loc) ? await remoteOrCopy(target, ref, origin) : target];
      }
      for (const target of targets) {
        set.edges.push({ from: loc, to: target, kind: edgeKind, at: el });
        await visit(target, origin);
      }
    }
  };

  const entry = isUrl(options.entry) ? options.entry : path.resolve(cwd, options.entry);
  set.entry = entry;
  await visit(entry, undefined);

  // An import without a location names only a namespace. When no document loaded so far defines it,
  // the search path's schemas are tried by their targetNamespace (the list grows as they are read).
  for (let i = 0; i < locationless.length; i++) {
    const imp = locationless[i];
    if (imp === undefined || defined.has(imp.namespace)) continue;
    for (const file of searchPathSchemas(imp.namespace)) {
      set.edges.push({ from: imp.from, to: file, kind: 'import', at: imp.el });
      await visit(file, imp.origin);
    }
  }
  for (const imp of locationless) if (!defined.has(imp.namespace)) set.unloadedNamespaces[imp.namespace] ??= imp.origin;
  return set;
}

/** The targetNamespace of every xs:schema in `doc` ('' for one without). */
function schemaNamespaces(doc: SourceDocument): string[] {
  const schemas = doc.kind === 'xsd' ? [doc.root] : doc.root.children.filter((c) => c.namespaceURI === WSDL_NS && c.localName === 'types').flatMap((t) => t.children);
  return schemas.filter((s) => s.namespaceURI === XSD_NS && s.localName === 'schema').map((s) => s.attribute('targetNamespace') ?? '');
}

/** The targetNamespace of the schema in `file` ('' for none), or undefined when it is no schema that can be read. */
function targetNamespaceOf(file: string): string | undefined {
  // A file that cannot be read or decoded is not the schema asked for; it is no reason to stop.
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch {
    return undefined;
  }
  const decoded = decodeXml(bytes);
  const attrs = 'text' in decoded ? SCHEMA_START.exec(decoded.text)?.[1] : undefined;
  if (attrs === undefined) return undefined;
  const m = TARGET_NAMESPACE.exec(attrs);
  return m?.[1] ?? m?.[2] ?? '';
}

const XHTML_NS = 'http://www.w3.org/1999/xhtml';
const HTML_PAGE_WHAT = 'is an HTML page, not a WSDL 1.1 document or an XML Schema';
const HTML_PAGE_HINT =
  "Point --wsdl at the WSDL itself: a service's address in a browser often shows a help page, and most servers give the WSDL at ?wsdl. A URL that answers with a login or error page needs credentials (--header) or the document saved.";

// The start of an HTML page: its DOCTYPE or html start tag, after a byte order mark, white space, an
// XML declaration and comments (group 1, so that the position is the tag's). Each character before
// the tag is matched one way only (a space alone, a comment to its first -->): `(?:\s+)*`, or a
// comment that may run on past its end, would try every split of the text before failing.
const HTML_PAGE = /^(\uFEFF?(?:\s|<\?xml(?:(?!\?>)[\s\S])*\?>|<!--(?:(?!-->)[\s\S])*-->)*)(?:<!DOCTYPE\s+html\b|<html[\s>])/i;

// The root start tag of a schema, after any declaration, comments, processing instructions and
// DOCTYPE (W3C's own schemas have one). Each ends at its first terminator, as HTML_PAGE's do: one
// that could run on to a later one would try every way of joining them before failing.
const SCHEMA_START = /^\s*(?:(?:<\?(?:(?!\?>)[\s\S])*\?>|<!--(?:(?!-->)[\s\S])*-->|<!DOCTYPE[^[>]*(?:\[[^\]]*\])?\s*>)\s*)*<(?:[A-Za-z_][\w.-]*:)?schema\b([^>]*)>/;
const TARGET_NAMESPACE = /\btargetNamespace\s*=\s*(?:"([^"]*)"|'([^']*)')/;

interface Reference {
  el: XElement;
  kind: EdgeKind;
  ref: string | undefined;
  namespace: string | undefined;
}

/** include/import/redefine of every xs:schema in the document, and wsdl:import, in document order. */
function references(root: XElement): Reference[] {
  const out: Reference[] = [];
  // An empty location is a reference to the document itself (RFC 3986 5.2), which is loaded
  // already: as if there were none (an import's namespace is then found among the documents).
  const location = (el: XElement, name: string): string | undefined => {
    const value = el.attribute(name);
    return value === undefined || value.trim() === '' ? undefined : value;
  };
  const schemaRefs = (schema: XElement): void => {
    for (const el of schema.children) {
      if (el.namespaceURI !== XSD_NS) continue;
      if (el.localName === 'include' || el.localName === 'redefine') {
        out.push({ el, kind: el.localName, ref: location(el, 'schemaLocation'), namespace: undefined });
      } else if (el.localName === 'import') {
        out.push({ el, kind: 'import', ref: location(el, 'schemaLocation'), namespace: el.attribute('namespace') ?? '' });
      }
    }
  };
  if (root.namespaceURI === XSD_NS) {
    schemaRefs(root);
    return out;
  }
  for (const el of root.children) {
    if (el.namespaceURI !== WSDL_NS) continue;
    if (el.localName === 'import') {
      out.push({ el, kind: 'wsdl-import', ref: location(el, 'location'), namespace: el.attribute('namespace') });
    } else if (el.localName === 'types') {
      for (const schema of el.children) if (schema.namespaceURI === XSD_NS && schema.localName === 'schema') schemaRefs(schema);
    }
  }
  return out;
}
