import type { IR } from '../ir';
import { clientNames, isIdentifier, splitQName } from '../ir';
import type { BindingView } from './operations';
import type { Shape } from './shapes';
import { commentText } from './ts-types';

export interface ClientView {
  bindingName: string;
  className: string;
  optionsName: string;
  headersName: string;
  operationsConst: string;
  soapVersion: string;
  endpoints: Array<{ service: string; port: string; location: string }>;
  headerProps: Array<{ key: string; type: string }>;
  /** JSON text of the default SOAP headers from the configuration ('' for none). */
  defaultHeaders: string;
  usesStatus: boolean;
  methods: Array<{
    name: string;
    operation: string;
    key: string;
    /** `.Name`, or `['odd-name']` when the name is not an identifier. */
    accessor: string;
    docLines: string[];
    requestBody: string;
    /** `{}` is a request body: the parameter defaults to it. */
    bodyOptional: boolean;
    requestHeaders: string;
    responseBody: string;
    responseHeaders: string;
    idempotent: boolean;
    status: boolean;
    /** No output message: the server answers with no SOAP response (HTTP 202 or an empty 200). */
    oneWay: boolean;
  }>;
}

/**
 * Operations that only read: safe to send again after a failure in which the server may have
 * processed them. The verb is a word of its own (GetItem, getItem, Get_Item; not Getaway, Listen
 * or Checkout), and checking a document in or out changes it (SharePoint's CheckInFile), however
 * the words are separated (check_out, Check-In).
 */
const READ_ONLY = /^(?:[Gg]et|[Ff]ind|[Ll]ist|[Ss]earch|[Qq]uery|[Rr]ead|[Ff]etch|[Rr]esolve|[Cc]heck|[Dd]escribe|[Ee]xpand|[Ss]ync)(?![a-z])/;
const CHECK_IN_OR_OUT = /^[Cc]heck[-_.]?(?:[Ii]n|[Oo]ut)(?![a-z])/;

/** Whether an operation's name says it only reads (the default of `idempotentOperations`). */
export function isReadOnlyName(name: string): boolean {
  return READ_ONLY.test(name) && !CHECK_IN_OR_OUT.test(name);
}

/**
 * One client class per binding. Whether a response body carries an Exchange-style
 * status (ResponseClass attribute + ResponseCode element) is read off its shape.
 */
export function planClients(
  ir: IR,
  bindings: BindingView[],
  shapes: ReadonlyMap<string, Shape>,
  defaultSoapHeaders: Record<string, unknown> | undefined,
  idempotentOperations: readonly string[] | undefined,
): ClientView[] {
  const hasStatus = (opName: string, bindingIndex: number): boolean => {
    const binding = ir.bindings[bindingIndex];
    const op = binding?.operations.find((o) => o.name === opName);
    const part = op?.output?.bodyParts[0];
    if (!op || op.style !== 'document' || op.output?.bodyParts.length !== 1 || !part?.element) return false;
    const type = ir.elements[part.element]?.type;
    const shape = type ? shapes.get(type) : undefined;
    if (!shape || (shape.kind !== 'object' && shape.kind !== 'value')) return false;
    const attr = shape.properties.some((p) => p.kind === 'attribute' && splitQName(p.attribute.name).local === 'ResponseClass' && p.name === 'ResponseClass');
    const code = shape.properties.some((p) => p.kind === 'element' && p.name === 'ResponseCode');
    return attr && code;
  };
  return bindings.map((b, i) => {
    const [className, optionsName, headersName] = clientNames(b.clientName);
    const headerProps = new Map<string, string>();
    for (const op of b.operations) for (const h of op.request.headerProps) if (!headerProps.has(h.key)) headerProps.set(h.key, h.type);
    const methods = b.operations.map((op) => ({
      name: op.propName,
      operation: op.name,
      key: op.key,
      accessor: isIdentifier(op.key) ? `.${op.key}` : `[${op.key}]`,
      docLines: op.docLines,
      requestBody: op.request.bodyType,
      bodyOptional: op.request.bodyOptional,
      requestHeaders: op.request.headersType,
      responseBody: op.response.bodyType,
      responseHeaders: op.response.headersType,
      idempotent: idempotentOperations ? idempotentOperations.includes(op.name) : isReadOnlyName(op.name),
      status: hasStatus(op.name, i),
      oneWay: ir.bindings[i]?.operations.find((o) => o.name === op.name)?.output === undefined,
    }));
    return {
      bindingName: b.name,
      className,
      optionsName,
      headersName,
      operationsConst: i === 0 ? 'operations' : `operations_${b.clientName}`,
      soapVersion: b.soapVersion,
      endpoints: b.endpoints.map((e) => ({ ...e, location: commentText(e.location) })),
      headerProps: [...headerProps].map(([key, type]) => ({ key, type })),
      defaultHeaders: defaultsFor(defaultSoapHeaders, headerProps),
      usesStatus: methods.some((m) => m.status),
      methods,
    };
  });
}

/**
 * The configured default SOAP headers a client sends: those its binding declares. A binding
 * without a header leaves it out rather than fail; a header no binding declares is reported
 * (`checkSoapHeaders`).
 */
function defaultsFor(defaults: Record<string, unknown> | undefined, declared: ReadonlyMap<string, string>): string {
  const own = Object.entries(defaults ?? {}).filter(([key]) => declared.has(key));
  return own.length ? JSON.stringify(Object.fromEntries(own)) : '';
}

/**
 * The configured default SOAP headers that no client declares, and the named headers the clients
 * do declare (for the message; `$extra`, the undeclared ones, is a header property too).
 */
export function checkSoapHeaders(defaults: Record<string, unknown> | undefined, clients: readonly ClientView[]): { declared: string[]; unknown: string[] } {
  const keys = new Set(clients.flatMap((c) => c.headerProps.map((h) => h.key)));
  return { declared: [...keys].filter((k) => !k.startsWith('$')).sort(), unknown: Object.keys(defaults ?? {}).filter((key) => !keys.has(key)) };
}
