import type { BindingDef, IR, MessageBinding, MessagePart, OperationDef, QName } from '../ir';
import { qname, splitQName } from '../ir';
import { takesOffset, withOffsets, type CodecPlanner } from './codec';
import { alternative, elementAlternatives } from './shapes';
import { docComment, literal, ownName, propertyKey, uniqueNames, type TsTypes } from './ts-types';

/** One direction of one operation: how its body and headers are typed, read and written. */
export interface MessageView {
  /** Type alias names exported for users. */
  bodyType: string;
  headersType: string;
  bodyTypeExpr: string;
  /** `{}` is a body: a client method's body parameter defaults to it. */
  bodyOptional: boolean;
  headerProps: Array<{ key: string; type: string }>;
  /** The schema type of each named header property, for checking configured defaults (not rendered). */
  headerValues: HeaderValue[];
  writeBodyFn: string;
  readBodyFn: string;
  writeHeadersFn: string;
  readHeadersFn: string;
  writeBody: string[];
  readBody: string[];
  writeHeaders: string[];
  readHeaders: string[];
}

/** A header property's value as the schema declares it: its type, and whether it may be nil or of a derived type. */
export interface HeaderValue {
  key: string;
  type: QName;
  nillable: boolean;
  /** Its element's block rules out derived types: the property holds its type alone. */
  exact: boolean;
}

/** One declared fault: how its detail element is typed, read and written. */
export interface FaultView {
  nameLiteral: string;
  localLiteral: string;
  nsExpr: string;
  detailType: string;
  readBody: string[];
  writeStmt: string;
}

/** The faults an operation declares: their union type and the details constant in xml.ts. */
export interface FaultsView {
  typeName: string;
  /** The union, as declared in types.ts. */
  typeExpr: string;
  detailsName: string;
  operation: string;
  members: FaultView[];
}

export interface OperationView {
  name: string;
  key: string;
  propName: string;
  soapAction: string;
  soapVersion: string;
  style: string;
  docLines: string[];
  request: MessageView;
  response: MessageView;
  oneWay: boolean;
  faults?: FaultsView;
}

export interface BindingView {
  name: string;
  clientName: string;
  soapVersion: string;
  endpoints: Array<{ service: string; port: string; location: string }>;
  operations: OperationView[];
}

const upper = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

export function planOperations(ir: IR, ts: TsTypes, codec: CodecPlanner, typeNames: Set<string>): BindingView[] {
  const name = uniqueNames(typeNames);
  return ir.bindings.map((b, index) => ({
    name: splitQName(b.name).local,
    clientName: b.tsName,
    soapVersion: b.soapVersion,
    endpoints: b.endpoints,
    operations: b.operations.map((op) => {
      // The first binding's message types are named after the operation alone, as its operations
      // are `operations`; another binding's carry its client's name, as its `operations_<Client>`.
      const prefix = upper(op.propName) + (index > 0 ? `_${b.tsName}` : '');
      const view: OperationView = {
        name: op.name,
        key: propertyKey(ownName(op.name)),
        propName: op.propName,
        soapAction: op.soapAction,
        soapVersion: b.soapVersion,
        style: op.style,
        docLines: op.doc ? docComment(op.doc) : [],
        oneWay: !op.output,
        request: message(ir, ts, codec, b, op, op.input, 'request', `${prefix}Request`, name),
        response: message(ir, ts, codec, b, op, op.output, 'response', `${prefix}Response`, name),
      };
      const declared = faults(ir, codec, op, prefix, name);
      if (declared) view.faults = declared;
      return view;
    }),
  }));
}

function faults(ir: IR, codec: CodecPlanner, op: OperationDef, prefix: string, name: (base: string) => string): FaultsView | undefined {
  const members = (op.faults ?? []).flatMap((f): FaultView[] => {
    const el = ir.elements[f.element];
    if (el === undefined) return [];
    const { namespace, local } = splitQName(f.element);
    const { valueType, readBody, writeStmt } = codec.wholeElement(el, 'detail');
    return [{ nameLiteral: literal(f.name), localLiteral: literal(local), nsExpr: codec.nsExpr(namespace), detailType: valueType, readBody, writeStmt }];
  });
  if (members.length === 0) return undefined;
  return {
    typeName: name(`${prefix}Fault`),
    typeExpr: members.map((m) => `{ name: ${m.nameLiteral}; detail: ${m.detailType} }`).join(' | '),
    detailsName: `faults_${prefix}`,
    operation: op.name,
    members,
  };
}

function message(
  ir: IR,
  ts: TsTypes,
  codec: CodecPlanner,
  binding: BindingDef,
  op: OperationDef,
  m: MessageBinding | undefined,
  direction: 'request' | 'response',
  base: string,
  name: (base: string) => string,
): MessageView {
  // Codecs are named after their types, whose names no schema type has: a schema type named
  // PingRequestBody has its own writePingRequestBody.
  const bodyType = name(`${base}Body`);
  const headersType = name(`${base}Headers`);
  const view: MessageView = {
    bodyType,
    headersType,
    bodyTypeExpr: 'Record<string, never>',
    bodyOptional: false,
    headerProps: [],
    headerValues: [],
    writeBodyFn: `write${bodyType}`,
    readBodyFn: `read${bodyType}`,
    writeHeadersFn: `write${headersType}`,
    readHeadersFn: `read${headersType}`,
    writeBody: [],
    readBody: [],
    writeHeaders: [],
    readHeaders: [],
  };
  const parts = m?.bodyParts ?? [];
  view.bodyOptional = parts.length === 0;
  const partType = (p: MessagePart): QName => (p.element ? (ir.elements[p.element]?.type ?? '') : (p.type ?? ''));
  const partNillable = (p: MessagePart): boolean => (p.element ? (ir.elements[p.element]?.nillable ?? false) : false);
  const partExact = (p: MessagePart): boolean => p.element !== undefined && ir.elements[p.element]?.xsiTypeBlocked === true;
  // A part's element is written as its type alone, or with the derived types its block leaves.
  const partWriting = (p: MessagePart): { exact: boolean; block: 'extension' | 'restriction' | undefined } => ({ exact: partExact(p), block: p.element === undefined ? undefined : ir.elements[p.element]?.xsiTypeBlock });
  // A part's property in the body object, as a literal for generated code.
  const partKey = (p: MessagePart): string => literal(ownName(p.name));
  const partRead = (p: MessagePart): string => {
    const decl = p.element === undefined ? undefined : ir.elements[p.element];
    return codec.readElementExpr(partType(p), partNillable(p), decl && alternative(decl));
  };

  // A single document part whose element heads a substitution group that has members.
  const head = op.style === 'rpc' || parts.length !== 1 || parts[0]?.element === undefined ? undefined : ir.elements[parts[0].element];
  const headAlts = head !== undefined && head.substitutes.length > 0 ? elementAlternatives(ir, head) : undefined;

  if (op.style === 'rpc') {
    // rpc/literal: a wrapper named after the operation (response: + "Response") in soap:body's namespace; parts are unqualified children.
    const ns = m?.namespace ?? splitQName(binding.portType).namespace;
    const wrapper = qname(ns, direction === 'request' ? op.name : `${op.name}Response`);
    const partElement = (p: MessagePart): QName => p.element ?? p.name;
    view.bodyTypeExpr = parts.length ? `{ ${parts.map((p) => `${propertyKey(ownName(p.name))}: ${ts.ref(partType(p), partExact(p))}`).join('; ')} }` : 'Record<string, never>';
    const tag = codec.tag(wrapper);
    // Every part is required: a JS caller's value without one is refused by name, as a missing element is.
    const body: string[] = [`let s = '<${tag}>';`];
    for (const p of parts) {
      body.push(`at = ${literal(p.name)};`);
      body.push(`if (body[${partKey(p)}] === undefined) throw new ${codec.runtime('SerializeError')}(${literal(`Missing part ${p.name}`)});`);
      // A complex part's writer names its element itself.
      if (codec.hasElementContent(partType(p))) body.push("at = '';");
      body.push(codec.writeElementStmt(`body[${partKey(p)}]`, partElement(p), partType(p), partNillable(p), partWriting(p)));
    }
    body.push(`return s + '</${tag}>';`);
    if (parts.length === 0) view.writeBody.push(...body);
    else {
      const indented = body.flatMap((stmt) => stmt.split('\n')).map((line) => `  ${line}`);
      view.writeBody.push("let at = '';", 'try {', ...indented, '} catch (e) {', `  return ${codec.runtime('withPath')}(e, ${literal(splitQName(wrapper).local)}, at);`, '}');
    }
    view.readBody.push('const o: Record<string, unknown> = {};');
    // The wrapper's offset is kept only to report parts missing from it.
    view.readBody.push(`${parts.length ? 'const w = ' : ''}ctx.single(r, at, ${literal(splitQName(wrapper).local)}, ${codec.nsExpr(ns)}, (w) => {`);
    view.readBody.push('  while (r.child()) {');
    view.readBody.push('    const c = r.start;');
    view.readBody.push('    switch (r.local) {');
    for (const p of parts) {
      view.readBody.push(`      case ${literal(splitQName(partElement(p)).local)}: o[${partKey(p)}] = ${partRead(p)}; continue;`);
    }
    view.readBody.push('    }');
    view.readBody.push("    ctx.skip(r, 'unexpected-element', `Unexpected part ${r.local}`);");
    view.readBody.push('  }');
    view.readBody.push('  return w;');
    view.readBody.push('});');
    for (const p of parts) view.readBody.push(`if (o[${partKey(p)}] === undefined) ctx.warn('missing-element', 'Missing part ${p.name}', w);`);
    view.readBody.push(`return o as T.${view.bodyType};`);
  } else if (headAlts?.length) {
    // The part's element heads a substitution group: the body is one of its members (or the head
    // itself, unless abstract), as an element-keyed union like a particle's.
    view.bodyTypeExpr = headAlts.map((a) => ts.alternative(a)).join(' | ');
    view.writeBody.push("let s = '';");
    view.writeBody.push(...codec.alternativesWrite(headAlts, 'body', false));
    view.writeBody.push('return s;');
    const reads = headAlts.map((a) => codec.readElementExpr(a.type, a.nillable, a));
    const names = headAlts.map((a) => `[${literal(splitQName(a.element).local)}, ${codec.nsExpr(splitQName(a.element).namespace)}]`);
    view.readBody.push(`return ctx.singleOf(r, at, [${names.join(', ')}], (k${reads.some((x) => takesOffset(x, 'c')) ? ', c' : ''}) => {`);
    view.readBody.push('  switch (k) {');
    headAlts.forEach((a, i) => view.readBody.push(`    ${i === headAlts.length - 1 ? 'default' : `case ${i}`}: return { ${propertyKey(a.key)}: ${reads[i]} };`));
    view.readBody.push('  }');
    view.readBody.push('});');
  } else if (parts.length === 1 && parts[0]?.element) {
    const p = parts[0];
    const el = p.element as QName;
    const { namespace, local } = splitQName(el);
    view.bodyTypeExpr = `${ts.ref(partType(p), partExact(p))}${ts.nilSuffix(partType(p), partNillable(p))}`;
    view.bodyOptional = codec.admitsEmptyObject(partType(p));
    view.writeBody.push('let s = \'\';');
    view.writeBody.push(codec.namedElementStmt('body', el, partType(p), partNillable(p), partWriting(p)));
    view.writeBody.push('return s;');
    const read = partRead(p);
    view.readBody.push(`return ctx.single(r, at, ${literal(local)}, ${codec.nsExpr(namespace)}, (${takesOffset(read, 'c') ? 'c' : ''}) => ${read});`);
  } else {
    // Document style with several (or no) body parts: an object keyed by part name, elements in part order.
    view.bodyTypeExpr = parts.length ? `{ ${parts.map((p) => `${propertyKey(ownName(p.name))}: ${ts.ref(partType(p), partExact(p))}${ts.nilSuffix(partType(p), partNillable(p))}`).join('; ')} }` : 'Record<string, never>';
    view.writeBody.push("let s = '';");
    for (const p of parts) view.writeBody.push(codec.namedElementStmt(`body[${partKey(p)}]`, p.element as QName, partType(p), partNillable(p), partWriting(p)));
    view.writeBody.push('return s;');
    view.readBody.push('const o: Record<string, unknown> = {};');
    view.readBody.push('while (r.child()) {');
    view.readBody.push('  const c = r.start;');
    view.readBody.push('  switch (r.local) {');
    for (const p of parts) {
      const { namespace, local } = splitQName(p.element as QName);
      view.readBody.push(`    case ${literal(local)}: if (r.ns === ${codec.nsExpr(namespace)} || ctx.nsMismatch(r, ${codec.nsExpr(namespace)})) { o[${partKey(p)}] = ${partRead(p)}; continue; } break;`);
    }
    view.readBody.push('  }');
    view.readBody.push("  ctx.skip(r, 'unexpected-element', `Unexpected body element ${r.local}`);");
    view.readBody.push('}');
    for (const p of parts) view.readBody.push(`if (o[${partKey(p)}] === undefined) ctx.warn('missing-element', 'Missing body part ${p.name}', at);`);
    view.readBody.push(`return o as T.${view.bodyType};`);
  }

  // Headers: every header is optional; unknown ones are kept in $extra.
  const headers = m?.headers ?? [];
  view.writeHeaders.push("let s = '';");
  view.readHeaders.push(`const o: T.${view.headersType} = {};`);
  view.readHeaders.push('if (r !== null) while (r.child()) {');
  view.readHeaders.push('  const c = r.start;');
  view.readHeaders.push('  switch (r.local) {');
  for (const h of headers) {
    const el = h.element;
    const type = partType(h.part);
    const nillable = partNillable(h.part);
    view.headerProps.push({ key: propertyKey(h.propName), type: `${ts.ref(type, partExact(h.part))}${ts.nilSuffix(type, nillable)}` });
    view.headerValues.push({ key: propertyKey(h.propName), type, nillable, exact: partExact(h.part) });
    const x = `headers[${literal(h.propName)}]`;
    view.writeHeaders.push(`if (${x} !== undefined) ${codec.namedElementStmt(x, el, type, nillable, partWriting(h.part))}`);
    const { namespace, local } = splitQName(el);
    const key = literal(h.propName);
    view.readHeaders.push(
      `    case ${literal(local)}: if (r.ns === ${codec.nsExpr(namespace)} || ctx.nsMismatch(r, ${codec.nsExpr(namespace)})) { if (o[${key}] !== undefined) ctx.skip(r, 'unexpected-element', ${literal(`Header ${local} appears more than once; the first is kept`)}); else o[${key}] = ${partRead(h.part)}; continue; } break;`,
    );
  }
  view.readHeaders.push('  }');
  // Headers the WSDL does not declare are kept as XML; one marked mustUnderstand cannot be honoured.
  view.readHeaders.push(`  if (${codec.runtime('mustUnderstand')}(r)) ctx.warn('must-understand', \`Header \${r.local} must be understood but the operation does not declare it\`, c);`);
  view.readHeaders.push(`  (o.$extra ??= []).push(${codec.runtime('toAnyElement')}(r));`);
  view.readHeaders.push('}');
  view.readHeaders.push('return o;');
  view.readBody = withOffsets(view.readBody);
  view.readHeaders = withOffsets(view.readHeaders);
  view.headerProps.push({ key: '$extra', type: `${ts.builtin('anyType')}[]` });
  // Checked as any XmlAnyElement is: one well-formed element, of the name it gives.
  view.writeHeaders.push(`for (const x of headers.$extra ?? []) s += ${codec.runtime('anyXml')}(x);`);
  view.writeHeaders.push('return s;');
  return view;
}
