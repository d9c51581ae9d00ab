/**
 * libxml2 (through xmllint-wasm) as an independent judge of single documents: whether a text is
 * namespace-well-formed XML, and whether a schema document compiles.
 */
import { validateXML } from 'xmllint-wasm';

/** What xmllint says, as it says it, of a fatal error: the message of what validateXML throws. */
function failureText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The problems libxml2 reports while parsing `xml` (a redefined attribute, a namespace error),
 * or '' when it reports none: parsed for its canonical form, with no schema.
 */
export async function libxml2ParseReport(xml: string): Promise<string> {
  try {
    const result = await validateXML({ xml: [{ fileName: 'document.xml', contents: xml }], normalization: 'c14n' });
    return result.rawOutput.trim();
  } catch (error) {
    return failureText(error);
  }
}

/**
 * Validates `xml` against the schema document `xsd` and returns what libxml2 says: the schema's
 * own errors when it does not compile, and the document's verdict when it does.
 */
export async function libxml2SchemaReport(xsd: string, xml: string): Promise<{ valid: boolean; output: string }> {
  try {
    const result = await validateXML({ xml: [{ fileName: 'document.xml', contents: xml }], schema: [{ fileName: 'schema.xsd', contents: xsd }] });
    return { valid: result.valid, output: result.rawOutput.trim() };
  } catch (error) {
    return { valid: false, output: failureText(error) };
  }
}
