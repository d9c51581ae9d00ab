import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { ReadError, SOAP11_ENV, SOAP12_ENV, SoapFaultError, ValueError, parseXml, writeFault, type XmlElement } from '@wsdl-codegen/runtime';
import { generate } from '../../generator';
import * as faults from '../constructs/faults/golden/src';
import * as soap12 from '../constructs/soap12/golden/src';
import { tempFolders } from '../support/tmp';

// Faults an operation declares (wsdl:fault) come back typed: the client rejects with
// SoapFaultError as for any fault, and operations.<Op>.parseFault reads the detail element.

const FAULTS_NS = 'urn:example:constructs:faults';
const Withdraw = faults.operations.Withdraw;

/** The SoapFaultError parseResponse throws for a fault envelope. */
function thrownBy(parse: () => unknown): unknown {
  try {
    parse();
  } catch (e) {
    return e;
  }
  throw new Error('parseResponse did not throw');
}

describe('declared faults: written by a server, read by the generated client over HTTP', () => {
  let server: http.Server;
  let url = '';
  /** What the server answers next, with HTTP 500 as SOAP 1.1 prescribes for faults. */
  let answer = '';
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(500, { 'Content-Type': 'text/xml; charset=utf-8' }).end(answer));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/bank`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const call = async (): Promise<unknown> => {
    const client = new faults.FaultsClient({ url, retry: { maxAttempts: 1 } });
    try {
      await client.withdraw({ account: 'A-1', amount: '100' });
    } catch (e) {
      return e;
    } finally {
      await client.close();
    }
    throw new Error('the call did not fail');
  };
  const code = { namespace: SOAP11_ENV, localName: 'Client' };

  it('a complex detail: the client rejects with SoapFaultError, and parseFault types its detail', async () => {
    answer = Withdraw.serializeFault({ name: 'InsufficientFunds', detail: { available: '12.50' } }, { code, faultString: 'Not enough money' });
    const error = await call();
    expect(error).toBeInstanceOf(SoapFaultError);
    expect((error as SoapFaultError).faultString).toBe('Not enough money');
    const fault = Withdraw.parseFault(error);
    if (fault?.name !== 'InsufficientFunds') throw new Error(`expected InsufficientFunds, got ${JSON.stringify(fault)}`);
    // The discriminant narrows the detail's type: `available` is a property of InsufficientFunds only.
    expect(fault.detail.available).toBe('12.50');
    expect(fault.warnings).toEqual([]);
  });

  it('a simple detail keeps its characters, markup included', async () => {
    answer = Withdraw.serializeFault({ name: 'AccountLocked', detail: 'locked <since> 2024 & "frozen"' }, { code, faultString: 'Locked' });
    expect(Withdraw.parseFault(await call())).toEqual({ name: 'AccountLocked', detail: 'locked <since> 2024 & "frozen"', warnings: [] });
  });

  it('a fault whose detail holds none of the declared elements, and any other error, give undefined', async () => {
    answer = writeFault('1.1', { code, faultString: 'Other', detailXml: `<x:Audit xmlns:x="urn:x">7</x:Audit><f:Unknown xmlns:f="${FAULTS_NS}"/>` });
    const error = await call();
    expect(error).toBeInstanceOf(SoapFaultError);
    expect(Withdraw.parseFault(error)).toBeUndefined();
    // The raw detail is still there for the caller.
    expect((error as SoapFaultError).detailText('Audit', 'urn:x')).toBe('7');
    expect(Withdraw.parseFault(new Error('not a fault'))).toBeUndefined();
    expect(Withdraw.parseFault(undefined)).toBeUndefined();
  });
});

describe('declared faults: reading and writing', () => {
  const code = { namespace: SOAP11_ENV, localName: 'Server' };

  it('finds the declared element among other detail entries, and declares the namespaces it uses', () => {
    const envelope = writeFault('1.1', {
      code,
      faultString: 'x',
      detailXml: `<x:Trace xmlns:x="urn:x">t</x:Trace><b:AccountLocked xmlns:b="${FAULTS_NS}">since Monday</b:AccountLocked>`,
    });
    expect(Withdraw.parseFault(thrownBy(() => Withdraw.parseResponse(envelope)))).toEqual({ name: 'AccountLocked', detail: 'since Monday', warnings: [] });
    const written = Withdraw.serializeFault({ name: 'InsufficientFunds', detail: { available: '1' } }, { code, faultString: 'x' });
    expect(written).toMatch(new RegExp(`<detail><(\\w+):InsufficientFunds [^>]*xmlns:\\1="${FAULTS_NS}"><\\1:available>1</\\1:available></\\1:InsufficientFunds></detail>`));
  });

  it('reads a detail that breaks the schema leniently with warnings, and refuses it in strict mode, at its place in the message', () => {
    const envelope = writeFault('1.1', { code, faultString: 'x', detailXml: `<f:InsufficientFunds xmlns:f="${FAULTS_NS}">\n  <f:balance>3</f:balance></f:InsufficientFunds>` });
    const error = thrownBy(() => Withdraw.parseResponse(envelope));
    const lenient = Withdraw.parseFault(error);
    expect(lenient?.name).toBe('InsufficientFunds');
    expect(lenient?.warnings.map((w) => [w.code, w.path, w.line]).sort()).toEqual([
      ['missing-element', '/Envelope/Body/Fault/detail/InsufficientFunds', 1],
      ['unexpected-element', '/Envelope/Body/Fault/detail/InsufficientFunds/balance', 2],
    ]);
    expect(() => Withdraw.parseFault(error, { strict: true })).toThrow(ReadError);
    expect(() => Withdraw.parseFault(error, { strict: true })).toThrow('Unexpected element balance at /Envelope/Body/Fault/detail/InsufficientFunds/balance (line 2:3)');
  });

  it('reads the detail of a SoapFaultError made by hand, parsed or built as a tree', () => {
    const parsed = parseXml(`<detail><f:AccountLocked xmlns:f="${FAULTS_NS}">since Monday</f:AccountLocked></detail>`);
    const expected = { name: 'AccountLocked', detail: 'since Monday', warnings: [] };
    expect(Withdraw.parseFault(new SoapFaultError({ version: '1.1', code, faultString: 'x', detail: parsed }))).toEqual(expected);
    // No source text to read in place: the entry's serialized copy is read instead.
    const scope = { lookup: (prefix: string) => (prefix === 'f' ? FAULTS_NS : undefined), declarations: (): Array<[string, string]> => [['f', FAULTS_NS]] };
    const at = { attrs: [], line: 1, col: 1, start: 0, end: 0, scope };
    const built: XmlElement = { ...at, ns: '', local: 'detail', prefix: '', children: [], text: '', parent: null };
    built.children.push({ ...at, ns: FAULTS_NS, local: 'AccountLocked', prefix: 'f', children: [], text: 'since Monday', parent: built });
    expect(Withdraw.parseFault(new SoapFaultError({ version: '1.1', code, faultString: 'x', detail: built }))).toEqual(expected);
  });

  it('refuses to write a fault the operation does not declare', () => {
    const undeclared = { name: 'Overdrawn', detail: 'x' } as unknown as faults.WithdrawFault;
    expect(() => Withdraw.serializeFault(undeclared, { code, faultString: 'x' })).toThrow(ValueError);
    expect(() => Withdraw.serializeFault(undeclared, { code, faultString: 'x' })).toThrow(/declares no fault named "Overdrawn"; it declares "InsufficientFunds", "AccountLocked"/);
  });

  it('SOAP 1.2: the detail travels in soap:Detail and comes back typed', () => {
    const Translate = soap12.operations.Translate;
    const envelope = Translate.serializeFault({ name: 'UnsupportedLanguage', detail: { language: 'tlh' } }, { code: { namespace: SOAP12_ENV, localName: 'Sender' }, faultString: 'No Klingon' });
    expect(envelope).toContain(`xmlns:soap="${SOAP12_ENV}"`);
    expect(envelope).toMatch(/<soap:Detail><\w+:UnsupportedLanguage /);
    const error = thrownBy(() => Translate.parseResponse(envelope));
    expect(error).toBeInstanceOf(SoapFaultError);
    expect(Translate.parseFault(error)).toEqual({ name: 'UnsupportedLanguage', detail: { language: 'tlh' }, warnings: [] });
  });
});

describe('declared faults: what the generator accepts', () => {
  const folder = tempFolders('codegen-faults-');
  const wsdl = (faultMessage: string, soapFault: string): string => `<?xml version="1.0"?>
<wsdl:definitions targetNamespace="urn:f" xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:tns="urn:f">
  <wsdl:types>
    <xs:schema targetNamespace="urn:f" elementFormDefault="qualified">
      <xs:element name="Ping" type="xs:string"/>
      <xs:element name="Problem" type="xs:string"/>
    </xs:schema>
  </wsdl:types>
  <wsdl:message name="In"><wsdl:part name="p" element="tns:Ping"/></wsdl:message>
  ${faultMessage}
  <wsdl:portType name="PT">
    <wsdl:operation name="Ping">
      <wsdl:input message="tns:In"/>
      <wsdl:output message="tns:In"/>
      <wsdl:fault name="Problem" message="tns:ProblemFault"/>
    </wsdl:operation>
  </wsdl:portType>
  <wsdl:binding name="B" type="tns:PT">
    <soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>
    <wsdl:operation name="Ping">
      <soap:operation soapAction="urn:f/Ping"/>
      <wsdl:input><soap:body use="literal"/></wsdl:input>
      <wsdl:output><soap:body use="literal"/></wsdl:output>
      <wsdl:fault name="Problem">${soapFault}</wsdl:fault>
    </wsdl:operation>
  </wsdl:binding>
</wsdl:definitions>
`;
  const run = async (faultMessage: string, soapFault = '<soap:fault name="Problem" use="literal"/>', verify = false) => {
    const dir = folder();
    fs.writeFileSync(path.join(dir, 'service.wsdl'), wsdl(faultMessage, soapFault));
    const result = await generate({ cwd: dir, wsdl: 'service.wsdl', mode: 'none', verify });
    return { result, codes: result.diagnostics.map((d) => `${d.severity} ${d.code} ${d.line}`) };
  };

  it('types a fault whose message has one element part, in code that type-checks', async () => {
    const { result, codes } = await run('<wsdl:message name="ProblemFault"><wsdl:part name="d" element="tns:Problem"/></wsdl:message>', undefined, true);
    expect(codes).toEqual([]);
    expect(result.files.find((f) => f.path === 'src/types.ts')?.contents).toContain("export type PingFault = { name: 'Problem'; detail: string };");
  });

  it('warns about a fault message with a type part or several parts, at the wsdl:fault, and leaves it untyped', async () => {
    for (const parts of ['<wsdl:part name="d" type="xs:string"/>', '<wsdl:part name="d" element="tns:Problem"/><wsdl:part name="e" element="tns:Ping"/>']) {
      const { result, codes } = await run(`<wsdl:message name="ProblemFault">${parts}</wsdl:message>`);
      expect(codes).toEqual(['warning FAULT_NOT_TYPED 15']);
      expect(result.diagnostics[0]?.hint).toMatch(/exactly one part with element=/);
      expect(result.files.find((f) => f.path === 'src/types.ts')?.contents).not.toContain('PingFault');
    }
  });

  it('refuses SOAP-encoded faults and unknown fault messages', async () => {
    const part = '<wsdl:message name="ProblemFault"><wsdl:part name="d" element="tns:Problem"/></wsdl:message>';
    expect((await run(part, '<soap:fault name="Problem" use="encoded"/>')).codes).toEqual(['error UNSUPPORTED_ENCODED 24']);
    expect((await run('')).codes).toEqual(['error UNKNOWN_MESSAGE 15']);
  });
});
