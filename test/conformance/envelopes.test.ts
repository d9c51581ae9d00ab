/**
 * The SOAP envelopes printed in the seed documents, as committed test material: extracted from
 * ../shared/seeds at test time and compared byte for byte with test/conformance/envelopes/.
 */
import * as fs from 'fs';
import * as path from 'path';
import { SOAP11_ENV_NS, soapEnvelopeParts, wellFormednessError } from '../support/dom';
import {
  classifyEnvelopes,
  committedText,
  extractEnvelopes,
  listSeeds,
  loadPrintedEnvelopes,
  readBinding,
} from '../support/seeds';
import { ENVELOPES_DIR, readManifest } from './manifest';

const printed = classifyEnvelopes(loadPrintedEnvelopes());
const manifest = readManifest();
const binding = readBinding();

describe('the printed envelopes', () => {
  it('are 18: three in each documentation page, six in the specification', () => {
    expect(printed).toHaveLength(18);
    const perSeed = listSeeds().map((seed) => [seed, printed.filter((envelope) => envelope.seed === seed).length]);
    expect(perSeed).toEqual([
      ['000_35dc5f409222ca62.txt', 3],
      ['001_56643f07c38831a8.txt', 3],
      ['002_f7bda50779f89bb3.txt', 3],
      ['003_03e2172023a554f6.txt', 3],
      ['004_cd7588dbe66443e2.txt', 6],
    ]);
  });

  it('are named by number, operation and kind, in document order', () => {
    expect(printed.map((envelope) => envelope.file)).toEqual([
      '01-AddDistributionGroupToImList-request.xml',
      '02-AddDistributionGroupToImList-response.xml',
      '03-AddDistributionGroupToImList-error-response.xml',
      '04-AddImGroup-request.xml',
      '05-AddImGroup-response.xml',
      '06-AddImGroup-fault.xml',
      '07-AddImContactToGroup-request.xml',
      '08-AddImContactToGroup-response.xml',
      '09-AddImContactToGroup-error-response.xml',
      '10-AddNewImContactToGroup-request.xml',
      '11-AddNewImContactToGroup-response.xml',
      '12-AddNewImContactToGroup-error-response.xml',
      '13-AddImGroup-request.xml',
      '14-AddImGroup-response.xml',
      '15-AddImContactToGroup-request.xml',
      '16-AddImContactToGroup-response.xml',
      '17-RemoveImGroup-request.xml',
      '18-RemoveImGroup-response.xml',
    ]);
  });

  it.each(printed.map((envelope) => [envelope.file, envelope] as const))(
    '%s is committed byte for byte as printed',
    (file, envelope) => {
      const committed = fs.readFileSync(path.join(ENVELOPES_DIR, file), 'utf8');
      expect(committed).toBe(committedText(envelope));
    },
  );

  it('repeat four documentation-page examples word for word in the specification', () => {
    const byText = new Map<string, string[]>();
    for (const envelope of printed) byText.set(envelope.text, [...(byText.get(envelope.text) ?? []), envelope.file.slice(0, 2)]);
    expect([...byText.values()].filter((files) => files.length > 1)).toEqual([
      ['04', '13'],
      ['05', '14'],
      ['07', '15'],
      ['08', '16'],
    ]);
  });

  it('are the only files in envelopes/ besides the manifest', () => {
    const present = fs.readdirSync(ENVELOPES_DIR).sort();
    expect(present).toEqual([...printed.map((envelope) => envelope.file), 'manifest.json'].sort());
  });
});

describe('manifest.json', () => {
  it('describes each envelope as the seeds and the WSDL do', () => {
    const recorded = manifest.map(({ file, seed, seedLine, operation, kind, soapAction }) => ({
      file,
      seed,
      seedLine,
      operation,
      kind,
      soapAction,
    }));
    expect(recorded).toEqual(
      printed.map((envelope) => ({
        file: envelope.file,
        seed: envelope.seed,
        seedLine: envelope.line,
        operation: envelope.operation,
        kind: envelope.kind,
        soapAction: envelope.kind === 'request' ? binding.get(envelope.operation)?.soapAction : undefined,
      })),
    );
  });

  it('names only operations of the WSDL', () => {
    for (const entry of manifest) expect([...binding.keys()]).toContain(entry.operation);
  });

  it.each(manifest.map((entry) => [entry.file, entry] as const))(
    '%s is well-formed exactly when the manifest says so',
    (file, entry) => {
      const problem = wellFormednessError(fs.readFileSync(path.join(ENVELOPES_DIR, file), 'utf8'), file);
      if (entry.wellFormed) expect(problem).toBeUndefined();
      else expect(problem).toEqual(expect.any(String));
    },
  );

  it('lists the Header and Body children of each envelope in its schemaValidation', () => {
    for (const entry of manifest) {
      const { header, body } = soapEnvelopeParts(fs.readFileSync(path.join(ENVELOPES_DIR, entry.file), 'utf8'));
      const parts = [
        ...header.map((part) => `Header {${part.namespaceURI ?? ''}}${part.localName ?? ''}`),
        ...body.map((part) => `Body {${part.namespaceURI ?? ''}}${part.localName ?? ''}`),
      ];
      expect({ file: entry.file, parts: entry.schemaValidation.map((part) => part.part) }).toEqual({ file: entry.file, parts });
    }
  });
});

describe('the printed envelopes against the WSDL binding', () => {
  /** Header children the binding does not declare for the operation's direction. */
  const undeclared = printed.flatMap((envelope) => {
    const bound = binding.get(envelope.operation);
    if (bound === undefined) throw new Error(`${envelope.file}: no binding for ${envelope.operation}`);
    const declared = envelope.kind === 'request' ? bound.inputHeaders : bound.outputHeaders;
    return soapEnvelopeParts(envelope.text)
      .header.map((part) => `{${part.namespaceURI ?? ''}}${part.localName ?? ''}`)
      .filter((name) => !declared.includes(name))
      .map((name) => `${envelope.file} ${name}`);
  });

  it('use only declared SOAP headers, except the AddNewImContactToGroup prints (wrong namespace, TimeZoneContext)', () => {
    const https = 'https://schemas.microsoft.com/exchange/services/2006/types';
    expect(undeclared).toEqual([
      `10-AddNewImContactToGroup-request.xml {${https}}RequestServerVersion`,
      `10-AddNewImContactToGroup-request.xml {${https}}MailboxCulture`,
      `10-AddNewImContactToGroup-request.xml {${https}}TimeZoneContext`,
      `11-AddNewImContactToGroup-response.xml {${https}}ServerVersionInfo`,
      `12-AddNewImContactToGroup-error-response.xml {${https}}ServerVersionInfo`,
    ]);
  });

  it('declares TimeZoneContext for no operation of MS-OXWSCOS', () => {
    for (const bound of binding.values()) {
      expect(bound.inputHeaders.filter((name) => name.endsWith('}TimeZoneContext'))).toEqual([]);
    }
  });

  it('put the operation element, its Response, or a SOAP fault in the Body', () => {
    for (const envelope of printed) {
      const [first, ...rest] = soapEnvelopeParts(envelope.text).body;
      expect(rest).toEqual([]);
      const expected =
        envelope.kind === 'fault'
          ? `{${SOAP11_ENV_NS}}Fault`
          : `${envelope.operation}${envelope.kind === 'request' ? '' : 'Response'}`;
      const actual = envelope.kind === 'fault' ? `{${first?.namespaceURI ?? ''}}${first?.localName ?? ''}` : first?.localName;
      expect({ file: envelope.file, body: actual }).toEqual({ file: envelope.file, body: expected });
    }
  });
});

describe('extractEnvelopes', () => {
  it('cuts every envelope whatever its prefix, with or without an XML declaration, and nothing else', () => {
    const text = [
      'Intro mentioning AddImGroup.',
      '```XML',
      '<?xml version="1.0"?>',
      '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body/></soap:Envelope>',
      '```',
      '<?xml version="1.0"?>',
      '<wsdl:definitions/>',
      'Then <Envelope xmlns="http://schemas.xmlsoap.org/soap/envelope/">',
      '</Envelope> after.',
    ].join('\n');
    const found = extractEnvelopes(text);
    expect(found.map((envelope) => [envelope.line, envelope.text])).toEqual([
      [
        3,
        '<?xml version="1.0"?>\n' +
          '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body/></soap:Envelope>',
      ],
      [8, '<Envelope xmlns="http://schemas.xmlsoap.org/soap/envelope/">\n</Envelope>'],
    ]);
    expect(found[0]?.precedingProse).toBe('Intro mentioning AddImGroup.\n```XML\n');
  });

  it('takes the operation of a fault from the prose before it', () => {
    const fault =
      '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><s:Fault/></s:Body></s:Envelope>';
    const [classified] = classifyEnvelopes(
      [
        {
          seed: 'x.txt',
          line: 1,
          text: fault,
          precedingProse: 'An error response to an AddImGroup or AddImGroupX request, then RemoveImGroup.',
        },
      ],
      ['AddImGroup', 'RemoveImGroup'],
    );
    expect(classified).toMatchObject({ operation: 'RemoveImGroup', kind: 'fault', file: '01-RemoveImGroup-fault.xml' });
  });
});
