import { canonicalize, canonicalizeBody, describeDifference, expectSameXml } from './canonical';

const M = 'http://schemas.microsoft.com/exchange/services/2006/messages';
const T = 'http://schemas.microsoft.com/exchange/services/2006/types';

function differs(actual: string, expected: string): string {
  try {
    expectSameXml(actual, expected);
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  throw new Error('expectSameXml accepted documents that should differ');
}

describe('canonicalize', () => {
  it('names elements and attributes by namespace and local name, not by prefix', () => {
    const prefixed = `<m:A xmlns:m="${M}" xmlns:t="${T}"><t:B t:k="1">x</t:B></m:A>`;
    const defaulted = `<A xmlns="${M}"><B xmlns="${T}" xmlns:q="${T}" q:k="1">x</B></A>`;
    expect(canonicalize(prefixed)).toBe(canonicalize(defaulted));
    expect(canonicalize(prefixed)).toBe(`<{${M}}A>\n  <{${T}}B {${T}}k="1">"x"</{${T}}B>\n</{${M}}A>\n`);
    expect(() => expectSameXml(prefixed, defaulted)).not.toThrow();
  });

  it('tells different namespaces apart even when the prefixes are the same', () => {
    const message = differs(`<m:A xmlns:m="${M}"/>`, `<m:A xmlns:m="${T}"/>`);
    expect(message).toContain(`expected: <{${T}}A/>`);
    expect(message).toContain(`actual:   <{${M}}A/>`);
  });

  it('tells an unqualified attribute from a qualified one', () => {
    expect(canonicalize(`<A xmlns:t="${T}" t:k="1"/>`)).not.toBe(canonicalize('<A k="1"/>'));
  });

  it('ignores attribute order and namespace declarations', () => {
    expect(canonicalize(`<A b="2" xmlns:x="urn:x" a="1"/>`)).toBe(canonicalize(`<A a="1" b="2"/>`));
  });

  it('detects a text difference and points at its line', () => {
    const message = differs('<A>\n  <B>one</B>\n  <C>two</C>\n</A>', '<A><B>one</B><C>too</C></A>');
    expect(message).toContain('First difference at canonical line 3');
    expect(message).toContain('expected:   <C>"too"</C>');
    expect(message).toContain('actual:     <C>"two"</C>');
  });

  it('detects attribute values, missing elements and extra elements', () => {
    expect(() => expectSameXml('<A k="1"/>', '<A k="2"/>')).toThrow('First difference at canonical line 1');
    const missing = differs('<A><B/></A>', '<A><B/><C/></A>');
    expect(missing).toContain('expected:   <C/>');
    expect(missing).toContain('actual:   </A>');
    expect(differs('<A><B/><C/></A>', '<A><B/></A>')).toContain('expected: </A>');
  });

  it('drops whitespace beside elements, comments and processing instructions, keeps other text exactly', () => {
    expect(canonicalize('<A>\n  <!-- note -->\n  <B>x</B>\n  <?pi data?>\n</A>')).toBe(canonicalize('<A><B>x</B></A>'));
    expect(canonicalize('<A> x </A>')).not.toBe(canonicalize('<A>x</A>'));
    expect(canonicalize('<A> </A>')).not.toBe(canonicalize('<A/>'));
    expect(canonicalize('<A>a<!-- c -->b<![CDATA[<c>]]></A>')).toBe(canonicalize('<A>ab&lt;c&gt;</A>'));
    expect(canonicalize('<A>x <B/> y</A>')).toBe('<A>\n  "x "\n  <B/>\n  " y"\n</A>\n');
  });

  it('resolves the QName in xsi:type, whatever its prefix', () => {
    const xsi = 'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"';
    const a = `<A ${xsi} xmlns:p="${T}" xsi:type="p:ItemType"/>`;
    const b = `<A ${xsi} xmlns:q="${T}" xsi:type="q:ItemType"/>`;
    const c = `<A ${xsi} xmlns:p="${M}" xsi:type="p:ItemType"/>`;
    expect(canonicalize(a)).toBe(canonicalize(b));
    expect(canonicalize(a)).not.toBe(canonicalize(c));
  });

  it('rejects text that is not well-formed', () => {
    expect(() => canonicalize('<A><B></A>')).toThrow();
    expect(() => canonicalize('<p:A/>')).toThrow();
  });
});

describe('canonicalizeBody', () => {
  const envelope = (prefix: string): string =>
    `<?xml version="1.0"?>\n<${prefix}:Envelope xmlns:${prefix}="http://schemas.xmlsoap.org/soap/envelope/" xmlns:t="${T}">\n` +
    `  <${prefix}:Header><t:MailboxCulture>en-US</t:MailboxCulture></${prefix}:Header>\n` +
    `  <${prefix}:Body>\n    <AddImGroup xmlns="${M}"><DisplayName>G</DisplayName></AddImGroup>\n  </${prefix}:Body>\n` +
    `</${prefix}:Envelope>`;

  it('gives the Header children and Body children, each on its own', () => {
    expect(canonicalizeBody(envelope('soap'))).toEqual({
      header: [`<{${T}}MailboxCulture>"en-US"</{${T}}MailboxCulture>\n`],
      body: [`<{${M}}AddImGroup>\n  <{${M}}DisplayName>"G"</{${M}}DisplayName>\n</{${M}}AddImGroup>\n`],
    });
    expect(canonicalizeBody(envelope('s'))).toEqual(canonicalizeBody(envelope('soap')));
  });

  it('rejects a document that is not a SOAP 1.1 envelope', () => {
    expect(() => canonicalizeBody(`<Envelope xmlns="http://www.w3.org/2003/05/soap-envelope"/>`)).toThrow(
      'not a SOAP 1.1 envelope',
    );
  });
});

describe('describeDifference', () => {
  it('is undefined for equal forms and reports the end of a shorter form', () => {
    expect(describeDifference('<A/>\n', '<A/>\n')).toBeUndefined();
    const shorter = describeDifference('<A>\n', '<A>\n  <B/>\n');
    expect(shorter).toContain('expected:   <B/>');
    expect(shorter).toContain('actual:   (end of document)');
  });
});
