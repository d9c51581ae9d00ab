// The XML documents the project reads, for tests that hold a reader against an independent one.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EWS_SCHEMAS, ROOT } from './generate';

const filesIn = (dir: string): string[] => fs.readdirSync(dir).map((f) => path.join(dir, f));

/** Every WSDL and XSD: MS-OXWSCOS, the EWS schemas it includes, and the construct fixtures. */
export function schemaFiles(): string[] {
  const constructs = path.join(ROOT, 'test', 'constructs');
  const folders = filesIn(constructs).filter((d) => fs.statSync(d).isDirectory());
  return [...filesIn(path.join(ROOT, 'wsdl')), ...filesIn(EWS_SCHEMAS), ...folders.flatMap(filesIn)].filter((f) => /\.(xsd|wsdl)$/.test(f));
}

/** The SOAP messages printed in the specification and its documentation pages. */
export function envelopeFiles(): string[] {
  return filesIn(path.join(ROOT, 'test', 'conformance', 'envelopes')).filter((f) => f.endsWith('.xml'));
}

/** A file's text without its byte order mark, with the differences `compare` finds, each prefixed by the file. */
export function differencesIn(files: readonly string[], compare: (text: string) => string[]): string[] {
  return files.flatMap((f) => {
    const raw = fs.readFileSync(f, 'utf8');
    const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
    return compare(text).map((d) => `${path.relative(ROOT, f)}${d}`);
  });
}

/** Small documents with what real files use less often, as [what, text]. */
export const EDGE_CASE_DOCUMENTS: ReadonlyArray<readonly [string, string]> = [
  ['mixed text with references, CDATA, comments and a processing instruction', '<a xmlns="urn:d"><d>One &amp; <b>two</b><!-- c --> <![CDATA[<three>]]><?pi x?> &#x41;&#65;&#x1F600;</d></a>'],
  ['prefixes redeclared, the default namespace undeclared, namespaced attributes', '<p:a xmlns:p="urn:1" xmlns="urn:d"><p:b xmlns:p="urn:2" p:x="1" y="2"><c xmlns=""><p:d/></c></p:b></p:a>'],
  ['attributes over several lines, with references and white space in values', '<a\n  x="1&#10;2&#9;3 4"\n\ty=\'&lt;&quot;&gt;\'\n  z="  a\tb\n"><b/>\n  <c\n/></a>'],
  ['CR LF and CR line ends in text and attributes, a tab before the root', '\t<a x="1\r\n2\r3">\r\n  <b>x\r\ny\rz</b>\r\n  <c/>\r\n</a>'],
  ['xml:lang, xml:space and characters beyond the BMP', '<a xml:lang="en" xml:space="preserve"><b>😀 中文 </b></a>'],
];
