import { place, type Diagnostics } from '../diagnostics';
import { DRAFT_XSD_HINT, DRAFT_XSD_NAMESPACES, splitQName, type Origin, type QName } from '../ir';
import type { SchemaModel } from '../parse/model';

const SOAP_ENCODING = new Set(['http://schemas.xmlsoap.org/soap/encoding/', 'http://www.w3.org/2003/05/soap-encoding']);

/**
 * Reports a reference to `key` that nothing defines. When its namespace was imported without a
 * location and never loaded, that is said instead of the usual guess, with the fix that works.
 */
export function unknownReference(model: SchemaModel, diagnostics: Diagnostics, code: string, key: QName, message: string, hint: string, at: Origin | undefined): void {
  const { namespace } = splitQName(key);
  if (SOAP_ENCODING.has(namespace)) {
    // soapenc:Array and its kin serve rpc/encoded bindings, refused on their own (UNSUPPORTED_ENCODED):
    // a schema for them would not help.
    diagnostics.error(
      code,
      `${message.replace(/\.$/, '')}: it belongs to SOAP encoding (${namespace}), which only use="encoded" bindings need, and they are not supported.`,
      'Use a document/literal or rpc/literal version of the service, whose schemas declare plain arrays (maxOccurs="unbounded").',
      at,
    );
    return;
  }
  if (DRAFT_XSD_NAMESPACES.includes(namespace)) {
    diagnostics.error(code, `${message.replace(/\.$/, '')}: its namespace is a draft of XML Schema, replaced by XML Schema 1.0 (http://www.w3.org/2001/XMLSchema).`, DRAFT_XSD_HINT, at);
    return;
  }
  const imported = model.unloadedNamespaces[namespace];
  if (imported === undefined) {
    diagnostics.error(code, message, hint, at);
    return;
  }
  diagnostics.error(
    code,
    `${message.replace(/\.$/, '')}: nothing defines its namespace. ${place(imported)} imports it without a schemaLocation, and no schema in the search path has targetNamespace "${namespace}".`,
    'Add the folder that holds that schema with --schema-path (or "schemaPath" in the config file): an import without a location is looked up there by namespace.',
    at,
  );
}
