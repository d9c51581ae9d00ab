import type { Diagnostics } from '../diagnostics';
import { isBuiltin, qname, splitQName, type BindingDef, type FaultDef, type HeaderBinding, type MessageBinding, type MessagePart, type OperationDef, type QName } from '../ir';
import type { RawBindingMessage, RawBindingOperation, RawPortTypeOperation, SchemaModel } from '../parse/model';
import { unknownReference } from './unknown';

/**
 * soap:binding transports that are HTTP, compared without a trailing slash (some tools write one,
 * some not): WSDL 1.1's, which SOAP 1.2 bindings use too, and SOAP 1.2's own HTTP binding.
 */
const HTTP_TRANSPORTS = new Set(['http://schemas.xmlsoap.org/soap/http', 'http://www.w3.org/2003/05/soap/bindings/HTTP']);

/** WSDL messages, port types and bindings → IR bindings with their operations (SOAP 1.1/1.2, document/rpc, literal). */
export function buildBindings(model: SchemaModel, diagnostics: Diagnostics): BindingDef[] {
  const out: BindingDef[] = [];
  // Header parts with type= already warned of, by message, part and the element taken for it.
  const typedHeaders = new Set<string>();

  const checkPart = (p: MessagePart): void => {
    if (p.element && !(p.element in model.elements)) {
      unknownReference(model, diagnostics, 'UNKNOWN_ELEMENT', p.element, `Part "${p.name}" refers to unknown element ${p.element}.`, 'Check the element name and prefix, or add the schema that declares it.', p.origin);
    }
    if (p.type && !isBuiltin(p.type) && !(p.type in model.complexTypes) && !(p.type in model.simpleTypes)) {
      unknownReference(model, diagnostics, 'UNKNOWN_TYPE', p.type, `Part "${p.name}" refers to unknown type ${p.type}.`, 'Check the type name and prefix, or add the schema that defines it.', p.origin);
    }
    if (!p.element && !p.type) diagnostics.error('INVALID_PART', `Part "${p.name}" has neither element nor type.`, 'Give the part an element= (document style) or type= (rpc style).', p.origin);
  };
  /** A message's part as the IR holds it, its references checked. */
  const checkedPart = (p: MessagePart): MessagePart => {
    const part: MessagePart = { name: p.name, origin: p.origin };
    if (p.element) part.element = p.element;
    if (p.type) part.type = p.type;
    checkPart(part);
    return part;
  };

  const messageBinding = (messageName: QName | undefined, raw: RawBindingMessage | undefined, style: 'document' | 'rpc', opOrigin: OperationDef['origin']): MessageBinding | undefined => {
    if (!messageName) return undefined;
    const message = model.messages[messageName];
    if (!message) {
      diagnostics.error('UNKNOWN_MESSAGE', `Unknown message ${messageName}.`, 'Define the wsdl:message or fix the reference.', opOrigin);
      return undefined;
    }
    const mb: MessageBinding = { message: messageName, bodyParts: [], headers: [] };
    if (raw?.body) {
      if (raw.body.use === 'encoded') {
        diagnostics.error('UNSUPPORTED_ENCODED', 'SOAP encoding (use="encoded") is not supported; only literal bindings are.', 'Use a document/literal or rpc/literal binding (WS-I Basic Profile).', raw.body.origin);
      }
      if (raw.body.namespace !== undefined) mb.namespace = raw.body.namespace;
    }
    const headerParts = new Set(raw?.headers.filter((h) => h.message === messageName).map((h) => h.part));
    const wanted = raw?.body?.parts;
    for (const name of wanted ?? []) {
      if (!message.parts.some((p) => p.name === name)) {
        diagnostics.error('UNKNOWN_PART', `soap:body names part "${name}", which message ${messageName} does not have.`, `Use one of: ${message.parts.map((p) => p.name).join(', ') || '(none)'}.`, raw?.body?.origin);
      }
    }
    for (const p of message.parts) {
      const isBody = wanted ? wanted.includes(p.name) : !headerParts.has(p.name);
      if (!isBody) continue;
      const part = checkedPart(p);
      if (style === 'document' && !part.element && part.type) {
        diagnostics.error('INVALID_PART', `Document-style part "${p.name}" must refer to an element, not a type.`, 'Use element= on the part, or style="rpc" on the binding.', p.origin);
      }
      mb.bodyParts.push(part);
    }
    for (const h of raw?.headers ?? []) {
      if (h.use === 'encoded') diagnostics.error('UNSUPPORTED_ENCODED', 'SOAP encoding (use="encoded") is not supported.', 'Use literal headers.', h.origin);
      const hm = model.messages[h.message];
      if (!hm) {
        diagnostics.error('UNKNOWN_MESSAGE', `soap:header refers to unknown message ${h.message}.`, 'Define the wsdl:message or fix the reference.', h.origin);
        continue;
      }
      const p = hm.parts.find((x) => x.name === h.part);
      if (!p) {
        diagnostics.error('UNKNOWN_PART', `soap:header names part "${h.part}", which message ${h.message} does not have.`, `Use one of: ${hm.parts.map((x) => x.name).join(', ')}.`, h.origin);
        continue;
      }
      const part = checkedPart(p);
      let element = part.element;
      if (element === undefined) {
        element = qname(h.namespace ?? splitQName(h.message).namespace, part.name);
        // Once, at the first soap:header that takes the part so: an rpc service names the same
        // header in every operation, both ways, and the fix is on the part, for all of them.
        const key = JSON.stringify([h.message, part.name, element]);
        if (!typedHeaders.has(key)) {
          typedHeaders.add(key);
          const unqualified = splitQName(element).namespace === '';
          diagnostics.warn(
            'HEADER_PART_TYPE',
            `soap:header part "${part.name}" of message ${h.message} refers to a type, not an element; the header is written and read as element ${element}${unqualified ? ', unqualified, which SOAP 1.1 does not allow of a header entry (the WSDL has no targetNamespace and soap:header no namespace)' : ''}.`,
            unqualified
              ? 'Give the part element= (WS-I Basic Profile R2205), or soap:header the namespace= of the header the service expects.'
              : 'Give the part element= (WS-I Basic Profile R2205), or confirm with the service that it expects this element name.',
            h.origin,
          );
        }
      }
      const header: HeaderBinding = { part, element, message: h.message, propName: '' };
      mb.headers.push(header);
    }
    return mb;
  };

  // WS-I Basic Profile (R2205): a fault message has one part, and it names an element. Anything else
  // cannot be told apart in the fault's detail: it is reported and left untyped.
  const faultDefs = (abstract: RawPortTypeOperation, op: RawBindingOperation): FaultDef[] => {
    const out: FaultDef[] = [];
    for (const bound of op.faults) {
      if (abstract.faults.some((f) => f.name === bound.name)) continue;
      diagnostics.warn(
        'UNKNOWN_BINDING_FAULT',
        `Binding operation "${op.name}" binds fault "${bound.name}", which its portType operation does not declare; it is left out.`,
        `Declare it in the portType operation, or remove it; the portType's faults are: ${abstract.faults.map((f) => f.name).join(', ') || 'none'}.`,
        bound.origin,
      );
    }
    for (const f of abstract.faults) {
      const bound = op.faults.find((x) => x.name === f.name);
      if (bound?.use === 'encoded') {
        diagnostics.error('UNSUPPORTED_ENCODED', 'SOAP encoding (use="encoded") is not supported; only literal faults are.', 'Use use="literal" on soap:fault.', bound.origin);
        continue;
      }
      const message = model.messages[f.message];
      if (!message) {
        diagnostics.error('UNKNOWN_MESSAGE', `wsdl:fault "${f.name}" refers to unknown message ${f.message}.`, 'Define the wsdl:message or fix the reference.', f.origin);
        continue;
      }
      const [part, ...more] = message.parts;
      if (part?.element === undefined || more.length > 0) {
        diagnostics.warn(
          'FAULT_NOT_TYPED',
          `Fault "${f.name}" of operation "${op.name}" has no single element part (message ${f.message}); its detail stays untyped.`,
          'Give the fault message exactly one part with element= (WS-I Basic Profile R2205).',
          f.origin,
        );
        continue;
      }
      checkPart({ name: part.name, element: part.element, origin: part.origin });
      out.push({ name: f.name, element: part.element, origin: f.origin });
    }
    return out;
  };

  for (const b of Object.values(model.bindings)) {
    if (!b.soapVersion) {
      diagnostics.warn('NON_SOAP_BINDING', `Binding ${b.name} is not a SOAP binding; it is skipped.`, 'Only SOAP 1.1 and 1.2 bindings produce clients.', b.origin);
      continue;
    }
    // The generated client speaks HTTP only. A binding without a transport (WSDL 1.1 requires one)
    // is taken as HTTP, as before, but said: the WSDL does not say how the service is reached.
    if (b.transport === '') {
      diagnostics.warn(
        'MISSING_TRANSPORT',
        `Binding ${b.name} names no transport on its soap:binding; it is taken as HTTP.`,
        'Add transport="http://schemas.xmlsoap.org/soap/http" to the soap:binding (WSDL 1.1 requires the attribute), or, if the service is not reached over HTTP, the transport it uses.',
        b.transportOrigin,
      );
    } else if (!HTTP_TRANSPORTS.has(b.transport.replace(/\/$/, ''))) {
      diagnostics.warn(
        'UNSUPPORTED_TRANSPORT',
        `Binding ${b.name} is bound to transport ${b.transport}, not HTTP; it is skipped.`,
        'Only SOAP over HTTP produces clients: if the service is also offered over HTTP, generate from a WSDL that binds it so (transport="http://schemas.xmlsoap.org/soap/http"); otherwise nothing to do, its types are still generated.',
        b.transportOrigin,
      );
      continue;
    }
    const portType = model.portTypes[b.type];
    if (!portType) {
      diagnostics.error('UNKNOWN_PORT_TYPE', `Binding ${b.name} refers to unknown portType ${b.type}.`, 'Define the wsdl:portType or fix the type= reference.', b.origin);
      continue;
    }
    const binding: BindingDef = {
      name: b.name,
      tsName: '',
      portType: b.type,
      soapVersion: b.soapVersion,
      transport: b.transport,
      operations: [],
      endpoints: [],
      origin: b.origin,
    };
    for (const op of b.operations) {
      const abstract = portType.operations.find((o) => o.name === op.name);
      if (!abstract) {
        diagnostics.error('UNKNOWN_BINDING_OPERATION', `Binding operation "${op.name}" is not in portType ${b.type}.`, `Use one of: ${portType.operations.map((o) => o.name).join(', ')}.`, op.origin);
        continue;
      }
      if (abstract.serviceFirst !== undefined) {
        diagnostics.warn(
          'OPERATION_SKIPPED',
          `Operation "${op.name}" is a ${abstract.serviceFirst} operation (the service sends first), which SOAP over HTTP cannot carry; it is left out.`,
          'Only request-response and one-way operations can be called (WS-I Basic Profile R2303).',
          abstract.origin,
        );
        continue;
      }
      const style = op.style ?? b.style;
      for (const direction of ['input', 'output'] as const) {
        const bound = op[direction];
        const declared = abstract[direction];
        // A wsdl:input or wsdl:output the portType operation does not have binds no message: the
        // portType says one-way, the binding that an answer comes. Which one the service does cannot
        // be told, and a one-way client would drop whatever it answers.
        if (bound !== undefined && abstract[`${direction}Origin`] === undefined) {
          diagnostics.error(
            'UNKNOWN_BINDING_MESSAGE',
            `Binding operation "${op.name}" has a wsdl:${direction}, which its portType operation does not declare.`,
            direction === 'output'
              ? `If the service answers "${op.name}", add <wsdl:output message="..."/> to its portType operation; if it does not (one-way), remove this wsdl:output from the binding.`
              : `If the service is sent a request for "${op.name}", add <wsdl:input message="..."/> to its portType operation; otherwise remove this wsdl:input from the binding.`,
            bound.origin,
          );
        } else if (bound === undefined && declared !== undefined) {
          // One the binding leaves out binds nothing either way; taken as a literal soap:body with every
          // part, which is what document/literal services mean by it.
          diagnostics.warn(
            'MISSING_BINDING_MESSAGE',
            `Binding operation "${op.name}" has no wsdl:${direction}, which its portType operation declares; it is taken as <soap:body use="literal"/>.`,
            `Add <wsdl:${direction}><soap:body use="literal"/></wsdl:${direction}> to the binding operation (WSDL 1.1 binds every message of the operation), or check with the service that it ${direction === 'input' ? 'expects' : 'answers with'} a literal body.`,
            op.origin,
          );
        } else if (bound !== undefined && bound.body === undefined && bound.mime !== true && declared !== undefined) {
          // WSDL 1.1 §3.5: soap:body says which parts are the SOAP Body and how. One left out is
          // taken as a literal body of every part that no soap:header of the message binds, and for rpc,
          // a wrapper in the portType's namespace: what soap:body use="literal" without parts= means.
          const assumed = `<soap:body use="literal"${style === 'rpc' ? ` namespace="${splitQName(b.type).namespace}"` : ''}/>`;
          const headed = bound.headers.some((h) => h.message === declared);
          diagnostics.warn(
            'MISSING_SOAP_BODY',
            `The wsdl:${direction} of binding operation "${op.name}" has no soap:body; it is taken as ${assumed}: every part of message ${declared}${headed ? ' that no soap:header binds' : ''} is in the SOAP Body.`,
            `Add ${assumed} to this wsdl:${direction} (with parts="..." if only some of the message's parts are in the body), or the soap:body the service expects.`,
            bound.origin,
          );
        }
      }
      const def: OperationDef = { name: op.name, propName: '', soapAction: op.soapAction, style, origin: op.origin };
      const input = messageBinding(abstract.input, op.input, style, abstract.inputOrigin ?? abstract.origin);
      const output = messageBinding(abstract.output, op.output, style, abstract.outputOrigin ?? abstract.origin);
      if (input) def.input = input;
      if (output) def.output = output;
      const faults = faultDefs(abstract, op);
      if (faults.length > 0) def.faults = faults;
      if (abstract.doc) def.doc = abstract.doc;
      binding.operations.push(def);
    }
    for (const s of model.services) {
      for (const p of s.ports) if (p.binding === b.name) binding.endpoints.push({ service: s.name, port: p.name, location: p.location });
    }
    // Nothing to call: no client. Without any binding left, the package is the schemas' types and
    // their document codecs, as for a schema given alone.
    if (binding.operations.length === 0) {
      diagnostics.warn(
        'BINDING_WITHOUT_OPERATIONS',
        `Binding ${b.name} has no operation that can be called, so no client is generated for it.`,
        'Nothing to do if the WSDL is meant that way; otherwise add request-response or one-way operations to its portType and binding.',
        b.origin,
      );
      continue;
    }
    out.push(binding);
  }
  for (const s of model.services) {
    for (const p of s.ports) {
      if (!(p.binding in model.bindings)) diagnostics.error('UNKNOWN_BINDING', `Port "${p.name}" refers to unknown binding ${p.binding}.`, 'Fix the binding= reference.', p.origin);
    }
  }
  if (out.length === 0 && Object.keys(model.bindings).length === 0 && Object.keys(model.portTypes).length + Object.keys(model.messages).length > 0) {
    diagnostics.error('NO_BINDING', 'The WSDL has no wsdl:binding, so no operation can be called.', 'Add a SOAP binding for the portType.', model.entryOrigin);
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
