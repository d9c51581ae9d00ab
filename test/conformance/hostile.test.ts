/**
 * Bad and hostile responses for the generated GetImItemList reader: a realistic response written
 * by serializeResponse, then corrupted one way at a time. Each corruption must end in a typed
 * error (XmlError for the XML layer, ReadError for the mapping to typed objects) that names the
 * code, the XML path, the line and the column, and never in an object returned as a success.
 */
import * as os from 'os';
import * as path from 'path';
// The module objects themselves (not `import * as` copies), so that spies see every caller.
import fs = require('fs');
import http = require('http');
import https = require('https');
import net = require('net');
import type { AddressInfo } from 'net';
import { ReadError, SerializeError, XmlError } from '@wsdl-codegen/runtime';
import { operations } from '../../generated/src';
import type * as T from '../../generated/src/types';
import {
  breakLines,
  expectReadError,
  expectXmlError,
  imItemListResponse,
  positionAt,
  positionOf,
  replaceNth,
  thrownBy,
} from '../support/ucs-fixtures';

const op = operations.GetImItemList;
const RESPONSE = '/Envelope/Body/GetImItemListResponse';
const PERSONAS = `${RESPONSE}/ImItemList/Personas`;

/** The intact response, one element start per line. */
function intact(): string {
  const { body, headers } = imItemListResponse();
  return breakLines(op.serializeResponse(body, headers));
}

const XML = intact();

describe('the intact GetImItemList response (the baseline every corruption starts from)', () => {
  it('is spread over many lines and reads back without warnings, equal to what was written', () => {
    expect(XML.split('\n').length).toBeGreaterThan(40);
    const parsed = op.parseResponse(XML, { strict: true });
    const { body, headers } = imItemListResponse();
    expect(parsed.warnings).toEqual([]);
    expect(parsed.body).toEqual(body);
    expect(parsed.headers).toEqual(headers);
    expect(parsed.body.ImItemList?.Personas?.map((p) => p.DisplayName)).toEqual(['Ana Trujillo', 'Thomas Hardy', 'Product Team']);
  });
});

describe('XML that is not acceptable', () => {
  it('not well-formed: an end tag that does not match is an XmlError at the end tag', () => {
    // Drop the end tag of Persona[2]/DisplayName, so </t:Persona> closes the wrong element.
    const broken = replaceNth(XML, '</t:DisplayName>', '', 4); // groups 1-2, personas 1-2
    const at = positionOf(broken, '</t:Persona>', 2);
    const error = expectXmlError(() => op.parseResponse(broken), {
      code: 'not-well-formed',
      path: `${PERSONAS}/Persona[2]/DisplayName`,
      ...at,
    });
    expect(error.message).toContain('</t:Persona>');
  });

  it('not well-formed: a truncated document is an XmlError at its end', () => {
    const truncated = XML.slice(0, XML.indexOf('<t:RelevanceScore>'));
    const error = expectXmlError(() => op.parseResponse(truncated), {
      code: 'not-well-formed',
      path: `${PERSONAS}/Persona`,
      ...positionAt(truncated, truncated.length),
    });
    expect(error.message).toMatch(/never closed/);
  });

  it('a document element that is not a SOAP Envelope is a ReadError wrong-root', () => {
    const notSoap = XML.replace('xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"', 'xmlns:soap="urn:example:not-soap"');
    expectReadError(() => op.parseResponse(notSoap), {
      code: 'wrong-root',
      path: '/Envelope',
      ...positionOf(notSoap, '<soap:Envelope'),
    });
    const bare = '<?xml version="1.0"?>\n<m:GetImItemListResponse xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages" ResponseClass="Success"/>';
    expectReadError(() => op.parseResponse(bare), { code: 'wrong-root', path: '/GetImItemListResponse', line: 2, col: 1 });
  });

  it('a Body holding another operation’s response is a ReadError wrong-root naming that element', () => {
    const wrongBody = XML.split('GetImItemListResponse').join('GetImItemsResponse');
    expectReadError(() => op.parseResponse(wrongBody), {
      code: 'wrong-root',
      path: '/Envelope/Body/GetImItemsResponse',
      ...positionOf(wrongBody, '<m:GetImItemsResponse'),
    });
  });
});

describe('DOCTYPE: refused before anything is expanded or fetched', () => {
  const MARKER = 'UCS-SECRET-MARKER-7f3a9c';
  let folder = '';
  let secretFile = '';
  let server: http.Server;
  let port = 0;
  const hits: string[] = [];

  beforeAll(async () => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'ucs-hostile-'));
    secretFile = path.join(folder, 'secret.txt');
    fs.writeFileSync(secretFile, `${MARKER}\n`);
    server = http.createServer((request, response) => {
      hits.push(request.url ?? '');
      response.end(`<!ENTITY leak "${MARKER}">`);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    fs.rmSync(folder, { recursive: true, force: true });
  });

  afterEach(() => {
    jest.restoreAllMocks();
  });

  /** Puts `doctype` on line 2, right after the XML declaration, and `reference` into Persona[1]'s DisplayName. */
  function withDoctype(doctype: string, reference: string): string {
    const declarationEnd = XML.indexOf('?>') + 2;
    const withDecl = `${XML.slice(0, declarationEnd)}\n${doctype}\n${XML.slice(declarationEnd)}`;
    return replaceNth(withDecl, '>Ana Trujillo<', `>${reference}<`);
  }

  /** Watches every way the parser could reach a file or the network. */
  function watchIo(): jest.SpyInstance[] {
    return [
      jest.spyOn(fs, 'readFileSync'),
      jest.spyOn(fs, 'readFile'),
      jest.spyOn(fs, 'openSync'),
      jest.spyOn(fs, 'open'),
      jest.spyOn(fs, 'createReadStream'),
      jest.spyOn(http, 'request'),
      jest.spyOn(http, 'get'),
      jest.spyOn(https, 'request'),
      jest.spyOn(https, 'get'),
      jest.spyOn(net, 'connect'),
      jest.spyOn(net, 'createConnection'),
    ];
  }

  it('billion laughs: XmlError doctype-forbidden at the DOCTYPE, nothing expanded', () => {
    const entities = ['<!ENTITY lol "lol">'];
    for (let i = 1; i <= 9; i++) entities.push(`<!ENTITY lol${i} "${`&lol${i === 1 ? '' : i - 1};`.repeat(10)}">`);
    const bomb = withDoctype(`<!DOCTYPE soap:Envelope [\n${entities.join('\n')}\n]>`, '&lol9;');
    const error = expectXmlError(() => op.parseResponse(bomb), { code: 'doctype-forbidden', path: '/', line: 2, col: 1 });
    expect(error.message).not.toContain('lollol');
    // The limits that would otherwise apply are not what stopped it.
    expectXmlError(() => op.parseResponse(bomb, { maxBytes: 10_000_000, maxDepth: 1000 }), {
      code: 'doctype-forbidden',
      path: '/',
      line: 2,
      col: 1,
    });
  });

  it('external entities (a local file, an HTTP URL, an external DTD): refused without reading or fetching', async () => {
    const fileUrl = `file://${secretFile.split(path.sep).join('/')}`;
    const documents = [
      withDoctype(`<!DOCTYPE soap:Envelope [\n<!ENTITY xxe SYSTEM "${fileUrl}">\n]>`, '&xxe;'),
      withDoctype(`<!DOCTYPE soap:Envelope [\n<!ENTITY xxe SYSTEM "${secretFile}">\n]>`, '&xxe;'),
      withDoctype(`<!DOCTYPE soap:Envelope [\n<!ENTITY xxe SYSTEM "http://127.0.0.1:${port}/entity">\n]>`, '&xxe;'),
      withDoctype(`<!DOCTYPE soap:Envelope SYSTEM "http://127.0.0.1:${port}/evil.dtd">`, '&leak;'),
      withDoctype(`<!DOCTYPE soap:Envelope [\n<!ENTITY % remote SYSTEM "http://127.0.0.1:${port}/param.dtd">\n%remote;\n]>`, '&leak;'),
    ];
    const spies = watchIo();
    const outcomes = documents.map((document) => {
      const error = thrownBy(() => op.parseResponse(document));
      const strictError = thrownBy(() => op.parseResponse(document, { strict: true }));
      return { error, strictError };
    });
    for (const spy of spies) expect(spy).not.toHaveBeenCalled();
    jest.restoreAllMocks();
    // Give a request that might have been started a chance to arrive.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(hits).toEqual([]);
    for (const { error, strictError } of outcomes) {
      for (const e of [error, strictError]) {
        expect(e).toBeInstanceOf(XmlError);
        if (!(e instanceof XmlError)) throw e;
        expect({ code: e.code, path: e.path, line: e.line, col: e.col }).toEqual({ code: 'doctype-forbidden', path: '/', line: 2, col: 1 });
        const everything = `${e.message}\n${e.detail}\n${JSON.stringify(e)}\n${String(e.stack)}`;
        expect(everything).not.toContain(MARKER);
      }
    }
  });
});

describe('limits', () => {
  it('nesting deeper than maxDepth is an XmlError too-deep at the first element too deep', () => {
    // Personas 2 and 3 go deeper than 8 levels. The first element at depth 9 is
    // Envelope/Body/GetImItemListResponse/ImItemList/Personas/Persona[2]/EmailAddresses/Address/Name;
    // the deepest, at 10, is Persona[3]/DisplayNames/StringAttributedValue/Attributions/Attribution.
    expect(op.parseResponse(XML, { maxDepth: 10 }).warnings).toEqual([]);
    expectXmlError(() => op.parseResponse(XML, { maxDepth: 9 }), {
      code: 'too-deep',
      path: `${PERSONAS}/Persona[3]/DisplayNames/StringAttributedValue/Attributions/Attribution`,
      ...positionOf(XML, '<t:Attribution>0<'),
    });
    const error = expectXmlError(() => op.parseResponse(XML, { maxDepth: 8 }), {
      code: 'too-deep',
      path: `${PERSONAS}/Persona[2]/EmailAddresses/Address/Name`,
      ...positionOf(XML, '<t:Name>', 3), // Persona[1]/EmailAddress/Name, Persona[2]/EmailAddress/Name, then this one
    });
    expect(error.message).toContain('8');
  });

  it('a deeply nested bomb stops at the default limit (256) with an XmlError, not a stack overflow', () => {
    const depth = 100_000;
    const bomb = replaceNth(XML, '>Thomas Hardy<', `>${'<t:x>'.repeat(depth)}${'</t:x>'.repeat(depth)}<`);
    const error = thrownBy(() => op.parseResponse(bomb));
    expect(error).toBeInstanceOf(XmlError);
    if (!(error instanceof XmlError)) throw error;
    expect(error.code).toBe('too-deep');
    // 7 levels down to DisplayName, then x elements until the 257th level.
    const segments = error.path.split('/').slice(1);
    expect(segments.slice(0, 7)).toEqual(['Envelope', 'Body', 'GetImItemListResponse', 'ImItemList', 'Personas', 'Persona[2]', 'DisplayName']);
    expect(segments).toHaveLength(257);
    expect(segments.slice(7).every((segment) => segment === 'x')).toBe(true);
    // The 257th level is the 250th x element.
    const tooDeep = bomb.indexOf('<t:x>') + 249 * '<t:x>'.length;
    expect({ line: error.line, col: error.col }).toEqual(positionAt(bomb, tooDeep));
  });

  it('a document bigger than maxBytes is an XmlError too-large before parsing; at the limit it is read', () => {
    expectXmlError(() => op.parseResponse(XML, { maxBytes: XML.length - 1 }), { code: 'too-large', path: '/', line: 1, col: 1 });
    expect(op.parseResponse(XML, { maxBytes: XML.length }).body.ImItemList?.Personas).toHaveLength(3);
  });
});

describe('values the schema does not allow', () => {
  it('an enumeration value that does not exist (ResponseClass attribute): ReadError invalid-value on the attribute', () => {
    const bad = XML.replace('ResponseClass="Success"', 'ResponseClass="Sometimes"');
    const error = expectReadError(() => op.parseResponse(bad), {
      code: 'invalid-value',
      path: `${RESPONSE}/@ResponseClass`,
      ...positionOf(bad, 'ResponseClass="Sometimes"'),
    });
    expect(error.message).toContain('"Sometimes"');
  });

  it('an enumeration value that does not exist (Persona[2]/EmailAddress/MailboxType): ReadError invalid-value', () => {
    const bad = XML.replace('<t:MailboxType>OneOff</t:MailboxType>', '<t:MailboxType>Robot</t:MailboxType>');
    const error = expectReadError(() => op.parseResponse(bad), {
      code: 'invalid-value',
      path: `${PERSONAS}/Persona[2]/EmailAddress/MailboxType`,
      ...positionOf(bad, '<t:MailboxType>Robot'),
    });
    expect(error.message).toContain('"Robot"');
  });

  it('PersonaType is xs:string in the schema (not an enumeration): an unusual value is kept as written', () => {
    const unusual = XML.replace('<t:PersonaType>DistributionList</t:PersonaType>', '<t:PersonaType>Robot</t:PersonaType>');
    const parsed = op.parseResponse(unusual, { strict: true });
    expect(parsed.body.ImItemList?.Personas?.[2]?.PersonaType).toBe('Robot');
  });

  it('"abc" for an xs:int attribute (ServerVersionInfo MajorVersion): ReadError invalid-value', () => {
    const bad = XML.replace('MajorVersion="15"', 'MajorVersion="abc"');
    const error = expectReadError(() => op.parseResponse(bad), {
      code: 'invalid-value',
      path: '/Envelope/Header/ServerVersionInfo/@MajorVersion',
      ...positionOf(bad, 'MajorVersion="abc"'),
    });
    expect(error.message).toContain('"abc"');
  });

  it('an out-of-range xs:int element (Persona[1]/RelevanceScore = 2^31): ReadError invalid-value', () => {
    const bad = XML.replace('<t:RelevanceScore>7</t:RelevanceScore>', '<t:RelevanceScore>2147483648</t:RelevanceScore>');
    expectReadError(() => op.parseResponse(bad), {
      code: 'invalid-value',
      path: `${PERSONAS}/Persona[1]/RelevanceScore`,
      ...positionOf(bad, '<t:RelevanceScore>2147483648'),
    });
  });

  it.each([
    ['a month and hour out of range', '2013-13-45T25:61:00Z'],
    ['not a date at all', 'yesterday'],
    ['a date without a time', '2013-03-01'],
    ['an impossible day', '2013-02-29T00:00:00Z'],
    ['a malformed zone', '2013-03-01T08:00:00+1'],
  ])('invalid dateTime in Persona[3]/CreationTime (%s): ReadError invalid-value', (_what, value) => {
    const bad = XML.replace('<t:CreationTime>2013-03-01T08:00:00+01:00<', `<t:CreationTime>${value}<`);
    const error = expectReadError(() => op.parseResponse(bad), {
      code: 'invalid-value',
      path: `${PERSONAS}/Persona[3]/CreationTime`,
      ...positionOf(bad, '<t:CreationTime>', 3),
    });
    expect(error.message).toContain(JSON.stringify(value));
    // Strict mode reports the same error.
    expectReadError(() => op.parseResponse(bad, { strict: true }), {
      code: 'invalid-value',
      path: `${PERSONAS}/Persona[3]/CreationTime`,
      ...positionOf(bad, '<t:CreationTime>', 3),
    });
  });
});

describe('__proto__ on the wire', () => {
  const pollutionFree = (): void => {
    const probe: Record<string, unknown> = {};
    expect(probe['polluted']).toBeUndefined();
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).toBe(false);
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(PROTOTYPE_NAMES);
  };
  const PROTOTYPE_NAMES = Object.getOwnPropertyNames(Object.prototype).sort();

  /** Every object in the result is plain: Object.prototype (or Array.prototype), no own __proto__ key. */
  const expectPlain = (value: unknown, where: string): void => {
    if (typeof value !== 'object' || value === null) return;
    const proto: unknown = Object.getPrototypeOf(value);
    expect([where, proto === Object.prototype || proto === Array.prototype]).toEqual([where, true]);
    expect([where, Object.prototype.hasOwnProperty.call(value, '__proto__')]).toEqual([where, false]);
    for (const [key, child] of Object.entries(value)) expectPlain(child, `${where}.${key}`);
  };

  const elementAttack = XML.replace(
    '<t:DisplayName>Thomas Hardy</t:DisplayName>',
    '<t:DisplayName>Thomas Hardy</t:DisplayName><t:__proto__><t:polluted>yes</t:polluted></t:__proto__>',
  );
  const attributeAttack = replaceNth(XML, '<t:Persona>', '<t:Persona __proto__="polluted" constructor="x">', 2);
  const headerAttack = XML.replace('<soap:Header>', '<soap:Header><t:__proto__ polluted="yes"/>');

  it('an element named __proto__ in Persona[2]: strict mode ReadError unexpected-element at its path', () => {
    expectReadError(() => op.parseResponse(elementAttack, { strict: true }), {
      code: 'unexpected-element',
      path: `${PERSONAS}/Persona[2]/__proto__`,
      ...positionOf(elementAttack, '<t:__proto__>'),
    });
    pollutionFree();
  });

  it('an element named __proto__ in Persona[2]: lenient mode warns and the result stays a plain object', () => {
    const parsed = op.parseResponse(elementAttack);
    expect(parsed.warnings).toEqual([
      {
        code: 'unexpected-element',
        message: expect.stringContaining('__proto__') as unknown as string,
        path: `${PERSONAS}/Persona[2]/__proto__`,
        ...positionOf(elementAttack, '<t:__proto__>'),
      },
    ]);
    expectPlain(parsed.body, 'body');
    const persona = parsed.body.ImItemList?.Personas?.[1];
    expect(persona?.DisplayName).toBe('Thomas Hardy');
    expect(Object.keys(persona ?? {})).not.toContain('polluted');
    pollutionFree();
  });

  it('an attribute named __proto__ on Persona[2]: strict mode ReadError unexpected-attribute at its path', () => {
    expectReadError(() => op.parseResponse(attributeAttack, { strict: true }), {
      code: 'unexpected-attribute',
      path: `${PERSONAS}/Persona[2]/@__proto__`,
      ...positionOf(attributeAttack, '__proto__="polluted"'),
    });
    pollutionFree();
  });

  it('an attribute named __proto__ on Persona[2]: lenient mode warns and the result stays a plain object', () => {
    const parsed = op.parseResponse(attributeAttack);
    expect(parsed.warnings.map((w) => [w.code, w.path])).toEqual([
      ['unexpected-attribute', `${PERSONAS}/Persona[2]/@__proto__`],
      ['unexpected-attribute', `${PERSONAS}/Persona[2]/@constructor`],
    ]);
    expectPlain(parsed.body, 'body');
    pollutionFree();
  });

  it('a header named __proto__ goes to headers.$extra as data, never as a key', () => {
    const parsed = op.parseResponse(headerAttack);
    expectPlain(parsed.headers, 'headers');
    expect(parsed.headers.$extra?.map((x) => [x.namespace, x.localName])).toEqual([[
      'http://schemas.microsoft.com/exchange/services/2006/types',
      '__proto__',
    ]]);
    expect(parsed.headers.ServerVersionInfo?.MajorVersion).toBe(15);
    pollutionFree();
  });
});

describe('content the schema has no place for, which must not vanish silently', () => {
  // Persona[2] with its DisplayName twice (maxOccurs 1): the second one is not expected there.
  const twice = XML.replace(
    '<t:DisplayName>Thomas Hardy</t:DisplayName>',
    '<t:DisplayName>Thomas Hardy</t:DisplayName>\n  <t:DisplayName>Impostor</t:DisplayName>',
  );

  // A repeated maxOccurs=1 element: the first is kept, the second reported (refused when strict).
  it('a repeated DisplayName in Persona[2] is refused in strict mode at the second one', () => {
    expectReadError(() => op.parseResponse(twice, { strict: true }), {
      code: 'unexpected-element',
      path: `${PERSONAS}/Persona[2]/DisplayName[2]`,
      ...positionOf(twice, '<t:DisplayName>Impostor'),
    });
  });

  it('a repeated DisplayName in Persona[2] is reported in lenient mode, and the first value kept', () => {
    const parsed = op.parseResponse(twice);
    expect(parsed.body.ImItemList?.Personas?.[1]?.DisplayName).toBe('Thomas Hardy');
    expect(parsed.warnings).toEqual([
      {
        code: 'unexpected-element',
        message: expect.stringContaining('DisplayName') as unknown as string,
        path: `${PERSONAS}/Persona[2]/DisplayName[2]`,
        ...positionOf(twice, '<t:DisplayName>Impostor'),
      },
    ]);
  });

  const junk = XML.replace('<soap:Body>', '<soap:Junk>data</soap:Junk>\n<soap:Body>');

  it('an unknown element between Header and Body is refused in strict mode', () => {
    expectReadError(() => op.parseResponse(junk, { strict: true }), {
      code: 'unexpected-element',
      path: '/Envelope/Junk',
      ...positionOf(junk, '<soap:Junk>'),
    });
  });

  it('an unknown element between Header and Body is reported as a warning in lenient mode', () => {
    const parsed = op.parseResponse(junk);
    expect(parsed.warnings.map((w) => [w.code, w.path])).toEqual([['unexpected-element', '/Envelope/Junk']]);
  });
});

describe('the writer', () => {
  const withControlCharacter = (): T.GetImItemListResponseBody => {
    const { body } = imItemListResponse();
    const persona = body.ImItemList?.Personas?.[1];
    if (persona === undefined) throw new Error('fixture has no second persona');
    persona.DisplayName = 'Thomas\u0001Hardy';
    return body;
  };

  it('rejects a display name containing U+0001 with a SerializeError, writing nothing', () => {
    const error = thrownBy(() => op.serializeResponse(withControlCharacter()));
    expect(error).toBeInstanceOf(SerializeError);
    if (!(error instanceof SerializeError)) throw error;
    expect(error.message).toContain('U+0001');
    // The second persona: its index in the list, counted from 0.
    expect(error.path.slice(0, 4)).toEqual(['GetImItemListResponse', 'ImItemList', 'Personas', 'Persona[1]']);
  });

  // The path ends at the element holding the bad value, as the reader's paths do.
  it('names the DisplayName element in the SerializeError path', () => {
    const error = thrownBy(() => op.serializeResponse(withControlCharacter()));
    if (!(error instanceof SerializeError)) throw error;
    expect(error.path[error.path.length - 1]).toBe('DisplayName');
    expect(error.message).toMatch(/DisplayName: /);
  });

  it('rejects the same character in an IM group display name and in a group id attribute', () => {
    const { body } = imItemListResponse();
    const group = body.ImItemList?.Groups?.[0];
    if (group === undefined) throw new Error('fixture has no group');
    group.DisplayName = 'Other\u0001Contacts';
    const error = thrownBy(() => op.serializeResponse(body));
    expect(error).toBeInstanceOf(SerializeError);
    const again = imItemListResponse();
    const storeId = again.body.ImItemList?.Groups?.[1]?.ExchangeStoreId;
    if (storeId === undefined) throw new Error('fixture has no store id');
    storeId.Id = 'AAMk\u0001';
    expect(thrownBy(() => op.serializeResponse(again.body))).toBeInstanceOf(SerializeError);
  });
});

describe('no partial success', () => {
  it('every corruption above throws; none returns an object (checked once more across all of them)', () => {
    const corrupted = [
      replaceNth(XML, '</t:DisplayName>', '', 4),
      XML.replace('ResponseClass="Success"', 'ResponseClass="Sometimes"'),
      XML.replace('MajorVersion="15"', 'MajorVersion="abc"'),
      XML.replace('<t:CreationTime>2013-03-01T08:00:00+01:00<', '<t:CreationTime>2013-13-45T25:61:00Z<'),
      XML.replace('<t:MailboxType>OneOff</t:MailboxType>', '<t:MailboxType>Robot</t:MailboxType>'),
    ];
    for (const xml of corrupted) {
      for (const options of [undefined, { strict: true }]) {
        const error = thrownBy(() => op.parseResponse(xml, options));
        expect(error instanceof XmlError || error instanceof ReadError).toBe(true);
      }
    }
  });
});
