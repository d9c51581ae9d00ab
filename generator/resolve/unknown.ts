import { place, type Diagnostics } from '../diagnostics';
import { BUILTIN_TYPES, DRAFT_XSD_HINT, DRAFT_XSD_NAMESPACES, XML_NS, XSD_NS, isBuiltin, splitQName, type Origin, type QName } from '../ir';
import type { SchemaModel } from '../parse/model';

const SOAP_ENCODING = new Set(['http://schemas.xmlsoap.org/soap/encoding/', 'http://www.w3.org/2003/05/soap-encoding']);
/** The attributes of the XML namespace's own schema, which the generator has built in. */
const XML_ATTRIBUTES = ['lang', 'space', 'base', 'id'];

/**
 * Reports a reference to `key` that nothing defines. When its namespace was imported without a
 * location and never loaded, that is said instead of the usual guess, with the fix that works.
 */
export function unknownReference(model: SchemaModel, diagnostics: Diagnostics, code: string, key: QName, message: string, hint: string, at: Origin | undefined): void {
  const { namespace, local } = splitQName(key);
  // The message without its full stop, for the explanations that follow it.
  const said = message.replace(/\.$/, '');
  if (SOAP_ENCODING.has(namespace)) {
    // soapenc:Array and its kin serve rpc/encoded bindings, refused on their own (UNSUPPORTED_ENCODED):
    // a schema for them would not help. A literal binding's schema may still name one.
    diagnostics.error(
      code,
      `${said}: it belongs to SOAP encoding (${namespace}), whose types describe use="encoded" messages; the generator reads and writes literal ones only.`,
      isBuiltin(`{${XSD_NS}}${local}`)
        ? `Write xs:${local} (XML Schema's own, namespace ${XSD_NS}) instead: SOAP encoding's ${local} is that type plus the id/href attributes of encoded references, which literal messages do not use.`
        : // Said to literal bindings too (services declare soapenc:Array under use="literal"): the fix is in the schema.
          'Declare the array as literal schemas do, a sequence of its item element with maxOccurs="unbounded" (WS-I Basic Profile R2110), or use a document/literal version of the service if it has one.',
      at,
    );
    return;
  }
  if (namespace === XSD_NS && code === 'UNKNOWN_TYPE') {
    // No schema can add to XML Schema's namespace: the name is misspelt, most often in its case
    // (xs:String, xs:DateTime), or is XML Schema 1.1's anyAtomicType.
    const spelt = [...BUILTIN_TYPES].find((b) => b.toLowerCase() === local.toLowerCase());
    diagnostics.error(
      code,
      `${said}: XML Schema has no built-in type of that name.`,
      spelt !== undefined
        ? `Write xs:${spelt}: the names of XML Schema's types are case-sensitive.`
        : local === 'anyAtomicType'
          ? "XML Schema 1.1's anyAtomicType is not read: write xs:anySimpleType."
          : 'Check the spelling against XML Schema\'s built-in types (xs:string, xs:int, xs:dateTime, ...).',
      at,
    );
    return;
  }
  if (DRAFT_XSD_NAMESPACES.includes(namespace)) {
    diagnostics.error(code, `${said}: its namespace is a draft of XML Schema, replaced by XML Schema 1.0 (${XSD_NS}).`, DRAFT_XSD_HINT, at);
    return;
  }
  if (namespace === XML_NS && code === 'UNKNOWN_ATTRIBUTE' && XML_ATTRIBUTES.includes(local)) {
    // Built in, so only the import is missing (loaded, the reference would have resolved).
    diagnostics.error(
      code,
      `${said}: no schema imports the XML namespace.`,
      `Add <xs:import namespace="${XML_NS}"/> to the schema that uses it: its schema (xml:lang, xml:space, xml:base, xml:id) is built into the generator, no schemaLocation needed.`,
      at,
    );
    return;
  }
  const imported = model.unloadedNamespaces[namespace];
  if (imported === undefined) {
    diagnostics.error(code, message, hint, at);
    return;
  }
  diagnostics.error(
    code,
    `${said}: nothing defines its namespace. ${place(imported)} imports it without a schemaLocation, and no schema in the search path has targetNamespace "${namespace}".`,
    'Add the folder that holds that schema with --schema-path (or "schemaPath" in the config file): an import without a location is looked up there by namespace.',
    at,
  );
}
