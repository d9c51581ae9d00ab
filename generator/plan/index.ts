import type { IR, Origin, QName } from '../ir';
import { CLIENT_MODULE_IMPORTS, splitQName } from '../ir';
import { describeConstraint } from '../wildcards';
import { checkSoapHeaders, planClients } from './client';
import { planDocuments } from './documents';
import { CodecPlanner } from './codec';
import { planOperations, type MessageView } from './operations';
import { polymorphicTypes, shapeOf, unkeptOrders, type Shape } from './shapes';
import { TsTypes, docComment, propertyKey } from './ts-types';

export interface PlanOptions {
  /** SOAP headers the generated clients send by default (JSON, checked against the header types by verify). */
  defaultSoapHeaders?: Record<string, unknown>;
  /** Operations the clients may re-send after an ambiguous failure; default: names starting Get/Find/List/… */
  idempotentOperations?: readonly string[];
  packageName: string;
  packageVersion: string;
  runtimePackage: string;
  runtimeVersion: string;
  /**
   * The entry as each file's header names it: relative to the output folder, so that the package
   * is the same whatever folder the generator runs from (default: as the diagnostics show it).
   */
  source?: string;
}

/** One output file: the template that renders it and the data it needs (plain JSON). */
export interface PlannedFile {
  path: string;
  template: string;
  view: unknown;
}

export interface OutputPlan {
  files: PlannedFile[];
  /** The named SOAP headers the clients can send, and the configured defaults none declares (a configuration error). */
  soapHeaders: { declared: string[]; unknown: string[] };
  /** Where an order of the document is not kept (shapes' unkeptOrders), for warnings. */
  unkeptOrders: Array<{ tsName: string; origin: Origin; kind: 'repeated' | 'crossed' | 'text' }>;
}

export interface DeclarationView {
  name: string;
  docLines: string[];
  /** Non-empty: a type alias; empty: an interface with `properties`. */
  alias: string;
  properties: Array<{ key: string; optional: boolean; type: string; docLines: string[] }>;
}

/** Names the generated package declares besides schema types: schema types never take them. */
export const SUPPORT_NAMES: readonly string[] = ['operations', 'Operations', 'documents', 'xml', 'XmlAnyElement', 'XmlAnyAttribute', 'XmlNil', 'XmlQName', 'ReadOptions', 'SoapFaultError', 'NAMESPACES'];

/** Stage 4: IR → output plan (files, symbols, imports, deterministic order). */
export function plan(ir: IR, options: PlanOptions): OutputPlan {
  const emitted = new Set<QName>(ir.reachable.types);
  const { bases: polymorphic, members: withXsiType } = polymorphicTypes(ir, emitted);
  const ts = new TsTypes(ir, polymorphic, emitted);
  const shapes: Shape[] = ir.reachable.types.map((k) => ir.types[k]).filter((t) => t !== undefined).map((t) => shapeOf(ir, t, withXsiType));

  const declarations: DeclarationView[] = [];
  for (const shape of shapes) {
    const t = ir.types[shape.type];
    if (!t) continue;
    const docLines = docComment(t.doc, `XML Schema ${t.kind} type \`${splitQName(t.name).local}\`${t.anonymous ? ' (anonymous)' : ''} in namespace ${splitQName(t.name).namespace || '(none)'}.`);
    if (shape.kind === 'simple') {
      declarations.push({ name: t.tsName, docLines, alias: ts.simple(t.name), properties: [] });
    } else if (shape.kind === 'array') {
      declarations.push({ name: t.tsName, docLines, alias: `Array<${ts.item(shape.item)}>`, properties: [] });
    } else {
      // Text kept as items of an ordered choice has no property of its own.
      const properties = shape.properties.filter((p) => !(p.kind === 'text' && p.into !== undefined)).map((p) => {
        const type = p.kind === 'text' && shape.kind === 'value' ? ts.simpleRef(shape.valueType) : ts.property(p);
        const optional = p.kind === 'element' || p.kind === 'choice' || p.kind === 'group' || p.kind === 'attribute' || p.kind === 'any' ? p.optional : p.kind !== 'text' || shape.kind !== 'value';
        let doc: string | undefined;
        let note: string | undefined;
        if (p.kind === 'element') {
          doc = p.particle.doc;
          if (p.alternatives) note = `One of the elements ${p.alternatives.map((a) => `\`${a.key}\``).join(', ')} (substitution group).`;
          else if (p.place !== undefined) note = `Element \`${splitQName(p.particle.name).local}\` at place ${p.place} of that name in the sequence.`;
          else if (p.particle.default !== undefined) note = `Default \`${p.particle.default}\`: what an empty element holds.`;
          else if (p.particle.fixed !== undefined) note = `Fixed \`${p.particle.fixed}\`: what an empty element holds, and the only value readers take without a warning.`;
        } else if (p.kind === 'attribute') {
          doc = p.attribute.doc;
          note = `XML attribute \`${splitQName(p.attribute.name).local}\`${p.attribute.default !== undefined ? `; default \`${p.attribute.default}\`` : ''}${p.attribute.fixed !== undefined ? `; fixed \`${p.attribute.fixed}\`` : ''}.`;
        } else if (p.kind === 'xsiType') {
          note = 'The actual type when it differs from the declared one (xsi:type).';
        } else if (p.kind === 'any') {
          note = `Elements from other schemas (xs:any), kept as XML; ${describeConstraint(p.namespace)}.`;
        } else if (p.kind === 'anyAttribute') {
          note = `Attributes from other schemas (xs:anyAttribute); ${describeConstraint(p.namespace)}.`;
        } else if (p.kind === 'choice') {
          note = 'A repeated choice, in document order: each item holds one of the alternatives.';
        } else if (p.kind === 'group') {
          note = 'A repeated sequence, in document order: each item holds one occurrence of the sequence.';
        } else if (p.kind === 'text') {
          note = shape.kind === 'value' ? 'The element\'s text content.' : 'Character data of mixed content.';
        }
        return { key: propertyKey(p.name), optional, type, docLines: docComment(doc, note) };
      });
      declarations.push({ name: t.tsName, docLines, alias: '', properties });
    }
  }

  // Readers and writers, then the operations that use them (they may ask for more scalars).
  const shapeMap = new Map(shapes.map((sh) => [sh.type, sh]));
  const codec = new CodecPlanner(ir, ts, shapeMap, polymorphic, emitted, preferredPrefixes(ir));
  const readers = shapes.map((sh) => codec.reader(sh)).filter((r) => r !== undefined);
  const writers = shapes.map((sh) => codec.writer(sh)).filter((w) => w !== undefined);
  const poly = codec.polymorphicViews();
  const bindings = planOperations(ir, ts, codec, new Set(declarations.map((d) => d.name)));
  // A schema given without a WSDL has no operations: its package is the types and their XML codecs,
  // with readers and writers of whole documents for its global elements.
  const hasOperations = bindings.length > 0;
  const documents = hasOperations ? [] : planDocuments(ir, codec, declarations);
  codec.finishScalars();
  const namespaces = [...codec.namespaces.values()];
  const messages = bindings.flatMap((b) => b.operations.flatMap((o) => [o.request, o.response]));
  const faults = bindings.flatMap((b) => b.operations.flatMap((o) => (o.faults ? [o.faults] : [])));
  // Operations usually share their header set (MS-OXWSCOS: the same three in, one out): one
  // reader/writer pair per distinct set, named after its first user, instead of one per message.
  // The header interfaces stay per operation; they are structurally identical, so the shared
  // functions type-check for every user.
  const headerCode = new Map<string, MessageView>();
  const emitHeaders = new Set<MessageView>();
  for (const m of messages) {
    const own = `T.${m.headersType}`;
    const key = JSON.stringify([m.headerProps, m.writeHeaders, m.readHeaders.map((l) => l.split(own).join('T.$'))]);
    const first = headerCode.get(key);
    if (first) {
      m.writeHeadersFn = first.writeHeadersFn;
      m.readHeadersFn = first.readHeadersFn;
    } else {
      headerCode.set(key, m);
      emitHeaders.add(m);
    }
  }
  // Imports are what the planned code actually names (a codec may plan a parser it never calls).
  const xmlCode = [
    ...codec.scalars.values(),
  ].flatMap((x) => [...x.parseBody, ...x.formatBody]).concat(
    [...readers, ...poly.readers, ...writers, ...poly.writers].flatMap((x) => x.body),
    [...readers, ...poly.readers].map((x) => x.extra ?? ''),
    messages.flatMap((m) => [...m.readBody, ...m.writeBody, ...m.readHeaders, ...m.writeHeaders]),
    documents.flatMap((d) => [...d.readBody, d.writeStmt]),
    faults.flatMap((f) => f.members.flatMap((m) => [...m.readBody, m.writeStmt])),
    // What the template writes for ENUM_X_KEYS (enumerationKeys and the key's parse and format).
    codec.enumSets.map((e) => (e.key === '' ? '' : `enumerationKeys(${e.key})`)),
  ).join('\n');
  const refers = referencesIn(xmlCode);
  const xmlRuntime = [...codec.runtimeValues].filter(refers);
  // The reader signatures name them; a document reader's callback types its parameters itself.
  if (readers.length || poly.readers.length || messages.length) xmlRuntime.push('ReadContext', 'XmlCursor');
  if (writers.length) xmlRuntime.push('withPath');
  if (documents.length) xmlRuntime.push('readDocument', 'writeDocument', 'ReadOptions', 'ParsedDocument', 'DocumentCodec');
  if (faults.length) xmlRuntime.push('FaultDetails');
  // QName values: PREFIXES for the runtime's QName writers, prefixFor() for those in lists and unions.
  const usesPrefixFor = refers('prefixFor');
  const usesQNameWriting = usesPrefixFor || refers('PREFIXES');
  if (usesPrefixFor) xmlRuntime.push('ValueError');

  const opsRuntime = new Set<string>(['readMessage', 'writeEnvelope', 'BodyReader', 'HeadersReader', 'ReadOptions', 'OperationCodec', 'DeclaredFault', 'FaultDetails', 'readDeclaredFault', 'writeDeclaredFault']);
  for (const m of messages) {
    declarations.push({ name: m.bodyType, docLines: [], alias: m.bodyTypeExpr, properties: [] });
    declarations.push({ name: m.headersType, docLines: [], alias: '', properties: m.headerProps.map((h) => ({ key: h.key, optional: true, type: h.type, docLines: [] })) });
  }
  for (const f of faults) {
    declarations.push({
      name: f.typeName,
      docLines: [`The faults operation ${f.operation} declares (wsdl:fault): each by name, with its detail element's value.`],
      alias: f.typeExpr,
      properties: [],
    });
  }
  const clients = planClients(ir, bindings, shapeMap, options.defaultSoapHeaders, options.idempotentOperations);
  for (const c of clients) {
    declarations.push({
      name: c.headersName,
      docLines: [`SOAP headers a ${c.className} can send: client-wide defaults, overridden per call.`],
      alias: '',
      properties: c.headerProps.map((h) => ({ key: h.key, optional: true, type: h.type, docLines: [] })),
    });
  }
  const runtimeTypes = [...ts.runtimeTypes].sort();
  const files: PlannedFile[] = [
    {
      path: 'package.json',
      template: 'package.json',
      view: { name: options.packageName, version: options.packageVersion, runtimePackage: options.runtimePackage, runtimeVersion: options.runtimeVersion },
    },
    { path: 'tsconfig.json', template: 'tsconfig.json', view: {} },
    {
      path: 'src/types.ts',
      template: 'types.ts',
      view: { runtimePackage: options.runtimePackage, runtimeTypes, declarations, entry: options.source ?? ir.entry },
    },
    {
      path: 'src/xml.ts',
      template: 'xml.ts',
      view: {
        entry: options.source ?? ir.entry,
        runtimePackage: options.runtimePackage,
        runtimeImports: [...new Set(xmlRuntime)].sort(),
        namespaces,
        declaredNamespaces: namespaces.filter((n) => n.prefix !== 'xml'),
        usesQNameWriting,
        usesPrefixFor,
        // Every reader, writer, document and message names its value's type; a scalar codec may not.
        usesTypes:
          readers.length + poly.readers.length + writers.length + poly.writers.length + documents.length + messages.length + faults.length > 0 ||
          [...codec.scalars.values()].some((s) => /\bT\./.test(s.type)),
        documents: documents.map((d) => ({ ...d, readParams: params(d.readBody, ['r', 'ctx']) })),
        faults: faults.map((f) => ({ ...f, members: f.members.map((m) => ({ ...m, readParams: params(m.readBody, ['r', 'ctx']) })) })),
        enumSets: codec.enumSets,
        qnameSets: codec.qnameSets,
        patternSets: codec.patternSets,
        scalars: [...codec.scalars.values()],
        readers: [...readers, ...poly.readers].map((r) => ({ ...r, params: params(r.body, ['r', 'ctx']) })),
        writers: writers.map((w) => ({ ...w, params: params(w.body, ['v', 'tag', 'xsiType']) })),
        polyWriters: poly.writers,
        messages: messages.map((m) => ({
          ...m,
          writeBodyParams: params(m.writeBody, ['body']),
          readBodyParams: params(m.readBody, ['r', 'ctx', 'at']),
          writeHeadersParams: params(m.writeHeaders, ['headers']),
          readHeadersParams: params(m.readHeaders, ['r', 'ctx']),
          emitHeaders: emitHeaders.has(m),
        })),
      },
    },
  ];
  if (hasOperations) files.push(
    {
      path: 'src/operations.ts',
      template: 'operations.ts',
      view: { entry: options.source ?? ir.entry, runtimePackage: options.runtimePackage, runtimeImports: [...opsRuntime].sort(), bindings },
    },
    {
      path: 'src/client.ts',
      template: 'client.ts',
      view: {
        entry: options.source ?? ir.entry,
        runtimePackage: options.runtimePackage,
        runtimeImports: CLIENT_MODULE_IMPORTS.filter((n) => clients.some((c) => c.usesStatus) || (n !== 'ResponseStatus' && n !== 'XmlAnyElement')).sort(),
        operationsConsts: clients.map((c) => c.operationsConst),
        usesStatus: clients.some((c) => c.usesStatus),
        clients,
      },
    },
  );
  const modules = hasOperations ? ['./types', './operations', './client'] : ['./types'];
  const namedExports = documents.length ? [{ names: ['documents'], path: './xml' }] : [];
  files.push({ path: 'src/index.ts', template: 'index.ts', view: { modules, namespaceModules: [{ name: 'xml', path: './xml' }], namedExports } });
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const unordered = shapes.flatMap((shape) => {
    const t = ir.types[shape.type];
    return t === undefined ? [] : unkeptOrders(t, shape).map(({ origin, kind }) => ({ tsName: t.tsName, origin, kind }));
  });
  return { files, soapHeaders: checkSoapHeaders(options.defaultSoapHeaders, clients), unkeptOrders: unordered };
}

/**
 * Prefixes used when writing: the first letter of the namespace URI's last word
 * (".../messages" → m, ".../types" → t), `ns<N>` when that is taken.
 */
function preferredPrefixes(ir: IR): Map<string, string> {
  const out = new Map<string, string>();
  const namespaces = new Set<string>();
  for (const k of ir.reachable.types) namespaces.add(splitQName(k).namespace);
  for (const k of ir.reachable.elements) namespaces.add(splitQName(k).namespace);
  for (const ns of [...namespaces].filter(Boolean).sort()) {
    const word = ns.split(/[^A-Za-z]+/).filter(Boolean).pop() ?? '';
    const p = word.charAt(0).toLowerCase();
    if (p && ![...out.values()].includes(p) && !['x'].includes(p)) out.set(ns, p);
  }
  return out;
}

/** Parameter names as the function body uses them: an unused one gets `_` (noUnusedParameters). */
function params(body: string[], names: string[]): Record<string, string> {
  const refers = referencesIn(body.join('\n'));
  return Object.fromEntries(names.map((n) => [n, refers(n) ? n : `_${n}`]));
}

/**
 * Whether generated `code` refers to a name. A name inside a string literal is the schema's (an
 * element named PREFIXES), and a member (T.PREFIXES, a schema type of that name) is another one.
 */
function referencesIn(code: string): (name: string) => boolean {
  const names = withoutStrings(code);
  return (name) => new RegExp(`(?<![\\w$.])${name}(?![\\w$])`).test(names);
}

/**
 * Generated statements (no comments, whose apostrophes would open strings) with the text of their
 * string literals blanked ('…', "…", and the literal parts of `…${x}…`, whose expressions stay),
 * for telling which declarations the code refers to. Scanned by
 * regular expressions a stretch at a time: a loop adding a character at a time took 40 ms of a
 * cold run over the UCS package's code, this 8 ms.
 */
export function withoutStrings(code: string): string {
  const out: string[] = [];
  // Open template literals, innermost last, each with the depth of braces in its current ${ (0: in its text).
  const templates: number[] = [];
  let i = 0;
  while (i < code.length) {
    const depth = templates[templates.length - 1];
    if (depth === 0) {
      // Template text, up to its end or to the next ${.
      TEMPLATE_TEXT.lastIndex = i;
      const m = TEMPLATE_TEXT.exec(code);
      if (m === null) break;
      i = TEMPLATE_TEXT.lastIndex;
      if (m[1] === '`') templates.pop();
      else {
        templates[templates.length - 1] = 1;
        out.push(' ');
      }
      continue;
    }
    CODE_TOKEN.lastIndex = i;
    const m = CODE_TOKEN.exec(code);
    if (m === null) {
      out.push(code.slice(i));
      break;
    }
    out.push(code.slice(i, m.index));
    i = CODE_TOKEN.lastIndex;
    const token = m[0];
    if (token === '`') {
      templates.push(0);
      out.push('`');
    } else if (token === '{' || token === '}') {
      if (depth !== undefined) templates[templates.length - 1] = depth + (token === '{' ? 1 : -1);
      out.push(token);
    } else out.push("''");
  }
  return out.join('');
}

// A quoted string whole, or a character that opens or closes a template literal or a brace.
const CODE_TOKEN = /'(?:[^'\\]|\\[\s\S])*'|"(?:[^"\\]|\\[\s\S])*"|[`{}]/g;
// A template literal's text, and what ends it: its closing backquote, or the ${ of an expression.
const TEMPLATE_TEXT = /(?:[^`\\$]|\\[\s\S]|\$(?!\{))*(`|\$\{)/y;
