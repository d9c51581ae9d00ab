/**
 * Every SOAP envelope printed in MS-OXWSCOS and its documentation pages, run through the
 * generated `operations`: responses and faults are parsed and every printed value is checked;
 * requests are parsed the way a server would, then rebuilt from literal typed objects and
 * compared with the print; everything written here is validated by libxml2 against the schemas,
 * and parsed responses survive a write/read round trip.
 *
 * The deviations of the prints (see envelopes/manifest.json) are pinned down as decided:
 * (a) 01 omits the required DisplayName, (b) 10-12 misprint the Exchange namespaces as https,
 * (c) every request says Version="Exchange2013" where the schema fixes "Exchange2016",
 * (d) 10 carries a TimeZoneContext header that the WSDL does not declare for the operation.
 */
import { SerializeError, SoapFaultError, writeFault } from '@wsdl-codegen/runtime';
import type { OperationCodec, ReadWarning } from '@wsdl-codegen/runtime';
import { operations } from '../../generated/src';
import type * as T from '../../generated/src/types';
import { expectSameXml } from '../support/canonical';
import { childElements, parseXmlStrict, rootElement } from '../support/dom';
import type { Element } from '../support/dom';
import {
  ERRORS_NS,
  HTTPS_MESSAGES_NS,
  HTTPS_TYPES_NS,
  MESSAGES_NS,
  TYPES_NS,
  expectReadError,
  expectSameHeaderAndBody,
  printedEnvelope,
  thrownBy,
  withExchange2016,
  withHttpNamespaces,
} from '../support/ucs-fixtures';
import { validateEnvelopes } from '../support/xsd-bundle';
import type { PartValidation } from '../support/xsd-bundle';
import { readManifest } from './manifest';

// ---- what the prints say, as literal typed values ----

/** The ServerVersionInfo header of every printed response but 12. */
const SERVER_349: T.ServerVersionInfo = {
  MajorVersion: 15,
  MinorVersion: 0,
  MajorBuildNumber: 349,
  MinorBuildNumber: 0,
  Version: 'Exchange2013',
};

/** The request headers as printed (Exchange2013 is kept by the reader: see deviation (c)). */
const PRINTED_REQUEST_HEADERS: T.AddImGroupRequestHeaders = {
  RequestServerVersion: { Version: 'Exchange2013' },
  MailboxCulture: { $value: 'en-US' },
};

/**
 * The request headers a user writes to reproduce the prints. The schema fixes Version to
 * "Exchange2016" (the prints' "Exchange2013" fails libxml2), so rebuilt requests say Exchange2016
 * and are compared with the print with that one attribute changed (withExchange2016).
 */
const REQUEST_HEADERS: T.AddImGroupRequestHeaders = {
  RequestServerVersion: { Version: 'Exchange2016' },
  MailboxCulture: { $value: 'en-US' },
};

const ADD_IM_GROUP_REQUEST: T.AddImGroupRequestBody = { DisplayName: 'MyCustomGroup' };

const ADD_IM_CONTACT_REQUEST: T.AddImContactToGroupRequestBody = {
  ContactId: { Id: 'AAMkAGQ1MjJjMTBkLTc4Y2AA=', ChangeKey: 'EQAAABYAAABtF8oI7i' },
  GroupId: { Id: 'AAMkAGQ1MjJjMTBkzzAAAQKAAA=', ChangeKey: 'EgAAAA==' },
};

const REMOVE_IM_GROUP_REQUEST: T.RemoveImGroupRequestBody = {
  GroupId: { Id: 'AAMkAGQ1MjJjMTBkLTc4Y2UtNDA5hQoTbWAAAAAAQRAAA=', ChangeKey: 'EgAAAA==' },
};

const ADD_NEW_IM_CONTACT_REQUEST: T.AddNewImContactToGroupRequestBody = {
  ImAddress: 'tsmith@contoso.com',
  DisplayName: 'Tony Smith',
  GroupId: { Id: 'AAMkAGQ1MjJjMTBkLTc4Y2UtNDAAAQKAAA=', ChangeKey: 'EgAAAA==' },
};

/** Request 10's TimeZoneContext as a user would pass it: raw XML, in the namespace the schemas define. */
const TIME_ZONE_CONTEXT = {
  namespace: TYPES_NS,
  localName: 'TimeZoneContext',
  xml: `<t:TimeZoneContext xmlns:t="${TYPES_NS}"><t:TimeZoneDefinition Id="GMT Standard Time"/></t:TimeZoneContext>`,
};

const ADD_IM_GROUP_RESPONSE: T.AddImGroupResponseBody = {
  ResponseClass: 'Success',
  ResponseCode: 'NoError',
  ImGroup: {
    DisplayName: 'MyCustomGroup',
    GroupType: 'IPM.DistList.MOC.UserGroup',
    ExchangeStoreId: { Id: 'AAMkAGQ1MjJjMTBkLTc4Y2UtNDA5Ny04ZjU5LWI3MAAA=', ChangeKey: 'EgAAAA==' },
  },
};

const ADD_IM_CONTACT_RESPONSE: T.AddImContactToGroupResponseBody = { ResponseClass: 'Success', ResponseCode: 'NoError' };

/** What lenient reading keeps of response 11 (see the test of deviation (b) for what it reports). */
const ADD_NEW_IM_CONTACT_RESPONSE: T.AddNewImContactToGroupResponseBody = {
  ResponseClass: 'Success',
  ResponseCode: 'NoError',
  Persona: {
    PersonaId: { Id: 'AAQkAGQ1MjJjMTBkLTc4Y2UtNDA5Ny04ZjU5LWI3MTYzNGNkZmRkYQAQAJ3EkhEEXN5KufGbSYJanZk=' },
    PersonaType: 'Person',
    CreationTime: '2012-01-05T23:06:58Z',
    DisplayName: 'Tony Smith',
    DisplayNameFirstLast: 'Tony Smith',
    DisplayNameLastFirst: 'Tony Smith',
    FileAsId: 'None',
    // Printed as Name, Address, RoutingType; EmailAddressType has no Address (it is EmailAddress).
    EmailAddress: { Name: 'Tony Smith', RoutingType: 'SMTP' },
    // Printed with an EmailAddress child; ArrayOfEmailAddressesType holds Address elements.
    EmailAddresses: [],
    ImAddress: 'tsmith@contoso.com',
    RelevanceScore: 2147483647,
    Attributions: [
      {
        Id: '0',
        SourceId: { Id: 'BtF8oI7iVOQatt/bhQoTbWAAAAAAvcAAA=', ChangeKey: 'EQAAABYAAABtF8oIQoTbWAAAAAAyg' },
        DisplayName: 'Outlook',
        IsWritable: true,
        IsQuickContact: true,
        IsHidden: false,
        FolderId: { Id: 'AAMkAGQ1MjJjMTBkLTc4YhQoTbWAAAAAAvZAAA=', ChangeKey: 'AQAAAA==' },
      },
    ],
    DisplayNames: [{ Value: 'Tony Smith', Attributions: ['0'] }],
    FileAsIds: [{ Value: 'None', Attributions: ['0'] }],
    Emails1: [{ Value: { Name: 'Tony Smith', RoutingType: 'SMTP' }, Attributions: ['0'] }],
    ImAddresses: [{ Value: 'tsmith@contoso.com', Attributions: ['0'] }],
  },
};

// ---- small helpers ----

const codes = (warnings: readonly ReadWarning[]): string[] => [...new Set(warnings.map((w) => w.code))].sort();

/**
 * The paths of the elements of a document in the misprinted https namespaces, in document order,
 * leaving out the subtrees for which `skip` is true. Computed from the DOM, independently of the
 * runtime, with the runtime's path convention (local names; [n] when siblings share a name).
 */
function httpsElementPaths(xml: string, skip: (element: Element) => boolean): string[] {
  const paths: string[] = [];
  const walk = (element: Element, parentPath: string, siblings: Element[]): void => {
    const same = siblings.filter((s) => s.localName === element.localName && s.namespaceURI === element.namespaceURI);
    const index = same.length > 1 ? `[${same.indexOf(element) + 1}]` : '';
    const here = `${parentPath}/${element.localName ?? ''}${index}`;
    if (skip(element)) return;
    if (element.namespaceURI === HTTPS_MESSAGES_NS || element.namespaceURI === HTTPS_TYPES_NS) paths.push(here);
    const children = childElements(element);
    for (const child of children) walk(child, here, children);
  };
  const root = rootElement(parseXmlStrict(xml));
  walk(root, '', [root]);
  return paths;
}

/** The element at `path` (local names) below the document element of `xml`. */
function elementAt(xml: string, ...path: string[]): Element {
  let element = rootElement(parseXmlStrict(xml));
  for (const name of path) {
    const next = childElements(element).find((child) => child.localName === name);
    if (next === undefined) throw new Error(`no ${name} in ${element.localName ?? ''}`);
    element = next;
  }
  return element;
}

// ---- the envelopes ----

/**
 * Deviation (c): the prints send Version="Exchange2013" where the schema fixes "Exchange2016".
 * The lenient reader keeps the value and reports exactly one fixed-value warning on it.
 */
function expectOnlyFixedVersionWarning(warnings: ReadonlyArray<{ code: string; path: string }>): void {
  expect(warnings.map((w) => [w.code, w.path])).toEqual([['fixed-value', '/Envelope/Header/RequestServerVersion/@Version']]);
}

describe('coverage', () => {
  const manifest = readManifest();

  it('every printed envelope of the manifest has its tests here, with the operation the manifest names', () => {
    expect(manifest.map((entry) => `${entry.file} ${entry.operation} ${entry.kind}`)).toEqual([
      '01-AddDistributionGroupToImList-request.xml AddDistributionGroupToImList request',
      '02-AddDistributionGroupToImList-response.xml AddDistributionGroupToImList response',
      '03-AddDistributionGroupToImList-error-response.xml AddDistributionGroupToImList error-response',
      '04-AddImGroup-request.xml AddImGroup request',
      '05-AddImGroup-response.xml AddImGroup response',
      '06-AddImGroup-fault.xml AddImGroup fault',
      '07-AddImContactToGroup-request.xml AddImContactToGroup request',
      '08-AddImContactToGroup-response.xml AddImContactToGroup response',
      '09-AddImContactToGroup-error-response.xml AddImContactToGroup error-response',
      '10-AddNewImContactToGroup-request.xml AddNewImContactToGroup request',
      '11-AddNewImContactToGroup-response.xml AddNewImContactToGroup response',
      '12-AddNewImContactToGroup-error-response.xml AddNewImContactToGroup error-response',
      '13-AddImGroup-request.xml AddImGroup request',
      '14-AddImGroup-response.xml AddImGroup response',
      '15-AddImContactToGroup-request.xml AddImContactToGroup request',
      '16-AddImContactToGroup-response.xml AddImContactToGroup response',
      '17-RemoveImGroup-request.xml RemoveImGroup request',
      '18-RemoveImGroup-response.xml RemoveImGroup response',
    ]);
  });

  it('the generated soapAction of each printed request is the one the WSDL binding gives', () => {
    const actions = manifest
      .filter((entry) => entry.kind === 'request')
      .map((entry) => [entry.file, operations[entry.operation as keyof typeof operations].soapAction]);
    expect(actions).toEqual(
      manifest.filter((entry) => entry.kind === 'request').map((entry) => [entry.file, entry.soapAction]),
    );
    expect(operations.AddImGroup.soapAction).toBe(`${MESSAGES_NS}/AddImGroup`);
  });
});

describe('01 AddDistributionGroupToImList request (deviation a: DisplayName missing)', () => {
  const xml = printedEnvelope('01-AddDistributionGroupToImList-request.xml');
  const op = operations.AddDistributionGroupToImList;

  it('parses leniently: the SmtpAddress and headers as printed, and a missing-element warning for DisplayName', () => {
    const parsed = op.parseRequest(xml);
    expect(parsed.body).toStrictEqual({ SmtpAddress: 'distributionlist1@example.com' });
    expect('DisplayName' in parsed.body).toBe(false);
    expect(parsed.headers).toStrictEqual(PRINTED_REQUEST_HEADERS);
    expect(parsed.warnings).toEqual([
      { code: 'fixed-value', message: 'Attribute Version is fixed to "Exchange2016"', path: '/Envelope/Header/RequestServerVersion/@Version', line: 6, col: 31 },
      {
        code: 'missing-element',
        message: expect.stringContaining('DisplayName') as unknown as string,
        path: '/Envelope/Body/AddDistributionGroupToImList',
        line: 10,
        col: 7,
      },
    ]);
  });

  it('is refused in strict mode with a ReadError missing-element at the request element', () => {
    // Exchange2016, so that the header's fixed-value deviation (c) is not the first error.
    const error = expectReadError(() => op.parseRequest(withExchange2016(xml), { strict: true }), {
      code: 'missing-element',
      path: '/Envelope/Body/AddDistributionGroupToImList',
      line: 10,
      col: 7,
    });
    expect(error.message).toContain('DisplayName');
  });

  it('cannot be written: without DisplayName (a JS caller bypassing the types) the writer throws a SerializeError naming it', () => {
    // @ts-expect-error DisplayName is required by AddDistributionGroupToImListType
    const incomplete: T.AddDistributionGroupToImListRequestBody = { SmtpAddress: 'distributionlist1@example.com' };
    const error = thrownBy(() => op.serializeRequest(incomplete, REQUEST_HEADERS));
    expect(error).toBeInstanceOf(SerializeError);
    if (!(error instanceof SerializeError)) throw error;
    expect(error.message).toContain('DisplayName');
    expect(error.path).toEqual(['AddDistributionGroupToImList', 'DisplayName']);
    const untyped: unknown = { SmtpAddress: 'distributionlist1@example.com' };
    expect(thrownBy(() => op.serializeRequest(untyped as T.AddDistributionGroupToImListRequestBody))).toBeInstanceOf(SerializeError);
  });

  it('with the DisplayName the schema requires, the rebuilt request is the print plus that one element', () => {
    const body: T.AddDistributionGroupToImListRequestBody = {
      SmtpAddress: 'distributionlist1@example.com',
      DisplayName: 'distributionlist1@example.com',
    };
    const completed = withExchange2016(xml).replace(
      '</m:SmtpAddress>',
      '</m:SmtpAddress>\n         <m:DisplayName>distributionlist1@example.com</m:DisplayName>',
    );
    expectSameHeaderAndBody(op.serializeRequest(body, REQUEST_HEADERS), completed);
  });
});

describe('02 AddDistributionGroupToImList response', () => {
  const xml = printedEnvelope('02-AddDistributionGroupToImList-response.xml');

  it('parses every printed value', () => {
    const parsed = operations.AddDistributionGroupToImList.parseResponse(xml, { strict: true });
    expect(parsed.body).toStrictEqual({
      ResponseClass: 'Success',
      ResponseCode: 'NoError',
      ImGroup: {
        DisplayName: 'distributionlist1@example.com',
        GroupType: 'IPM.DistList.MOC.DG',
        ExchangeStoreId: { Id: 'AAMkAGQ1MjJjAA=', ChangeKey: 'EgAAAA==' },
      },
    });
    expect(parsed.headers).toStrictEqual({ ServerVersionInfo: SERVER_349 });
    expect(parsed.warnings).toEqual([]);
  });
});

describe('02 AddDistributionGroupToImList response with xsi:type on an element whose type has no derived type', () => {
  const xml = printedEnvelope('02-AddDistributionGroupToImList-response.xml');
  const XSI = 'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"';
  const typed = (type: string): string => xml.replace(/<(\w+:)?ImGroup>/, (_m, p: string | undefined) => `<${p ?? ''}ImGroup ${XSI} xsi:type="t:${type}" xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types">`);

  it('accepts one naming the element\'s own type', () => {
    const parsed = operations.AddDistributionGroupToImList.parseResponse(typed('ImGroupType'), { strict: true });
    expect(parsed.body.ImGroup?.DisplayName).toBe('distributionlist1@example.com');
  });

  it('reports one naming another type at the attribute, and reads the element as its own type', () => {
    const other = typed('PersonaType');
    expect(other).not.toBe(xml);
    const parsed = operations.AddDistributionGroupToImList.parseResponse(other);
    expect(parsed.body.ImGroup?.DisplayName).toBe('distributionlist1@example.com');
    // Before, it was passed over without a word, where a validator refuses the document.
    expect(parsed.warnings.map((w) => [w.code, w.path, w.message])).toEqual([
      [
        'unknown-type',
        expect.stringMatching(/\/ImGroup\/@type$/),
        'xsi:type {http://schemas.microsoft.com/exchange/services/2006/types}PersonaType is neither ImGroupType, the element\'s type, nor a type derived from it that the package reads; the element is read as ImGroupType',
      ],
    ]);
    expect(() => operations.AddDistributionGroupToImList.parseResponse(other, { strict: true })).toThrow(/unknown-type/);
  });
});

describe('12 AddNewImContactToGroup error response with xsi:type on MessageXml, whose type is anonymous', () => {
  it('reports it as on an anonymous type, which no type derives from', () => {
    const xml = printedEnvelope('12-AddNewImContactToGroup-error-response.xml').replace(
      '<MessageXml>',
      '<MessageXml xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xs="http://www.w3.org/2001/XMLSchema" xsi:type="xs:anyType">',
    );
    const parsed = operations.AddNewImContactToGroup.parseResponse(xml);
    // Before, it named "ResponseMessageType/MessageXml" as if it were a type's name. (The print's
    // https namespaces are warned of too.)
    expect(parsed.warnings.filter((w) => w.code !== 'namespace-mismatch').map((w) => [w.code, w.message])).toEqual([
      ['unknown-type', "xsi:type {http://www.w3.org/2001/XMLSchema}anyType names a type, but the element's type is anonymous, and no type can derive from it; the element is read by its declaration"],
    ]);
  });
});

describe('03 AddDistributionGroupToImList error response', () => {
  const xml = printedEnvelope('03-AddDistributionGroupToImList-error-response.xml');

  it('parses every printed value', () => {
    const parsed = operations.AddDistributionGroupToImList.parseResponse(xml, { strict: true });
    expect(parsed.body).toStrictEqual({
      ResponseClass: 'Error',
      MessageText: 'The specified IM distribution group SMTP address is invalid.',
      ResponseCode: 'ErrorInvalidImDistributionGroupSmtpAddress',
      DescriptiveLinkKey: 0,
    });
    expect(parsed.headers).toStrictEqual({ ServerVersionInfo: SERVER_349 });
    expect(parsed.warnings).toEqual([]);
  });
});

describe.each([
  ['04-AddImGroup-request.xml'],
  ['13-AddImGroup-request.xml'],
])('%s', (file) => {
  const xml = printedEnvelope(file);
  const op = operations.AddImGroup;

  it('parses (server side) to the printed values', () => {
    const parsed = op.parseRequest(xml);
    expect(parsed.body).toStrictEqual(ADD_IM_GROUP_REQUEST);
    expect(parsed.headers).toStrictEqual(PRINTED_REQUEST_HEADERS);
    expectOnlyFixedVersionWarning(parsed.warnings);
  });

  it('is rebuilt from a literal typed body and headers', () => {
    const body: T.AddImGroupRequestBody = { DisplayName: 'MyCustomGroup' };
    const headers: T.AddImGroupRequestHeaders = { RequestServerVersion: { Version: 'Exchange2016' }, MailboxCulture: { $value: 'en-US' } };
    expectSameHeaderAndBody(op.serializeRequest(body, headers), withExchange2016(xml));
  });
});

describe.each([
  ['05-AddImGroup-response.xml'],
  ['14-AddImGroup-response.xml'],
])('%s', (file) => {
  it('parses every printed value', () => {
    const parsed = operations.AddImGroup.parseResponse(printedEnvelope(file), { strict: true });
    expect(parsed.body).toStrictEqual(ADD_IM_GROUP_RESPONSE);
    expect(parsed.body.ImGroup?.ExchangeStoreId).toEqual({ Id: 'AAMkAGQ1MjJjMTBkLTc4Y2UtNDA5Ny04ZjU5LWI3MAAA=', ChangeKey: 'EgAAAA==' });
    expect(parsed.headers).toStrictEqual({ ServerVersionInfo: SERVER_349 });
    expect(parsed.warnings).toEqual([]);
  });
});

describe('06 AddImGroup fault', () => {
  const xml = printedEnvelope('06-AddImGroup-fault.xml');
  const FAULT_STRING = 'The request failed schema validation: An error occurred while parsing EntityName. Line 11, position 33.';

  function fault(options?: { strict: boolean }): SoapFaultError {
    const error = thrownBy(() => operations.AddImGroup.parseResponse(xml, options));
    expect(error).toBeInstanceOf(SoapFaultError);
    if (!(error instanceof SoapFaultError)) throw error;
    return error;
  }

  it('is thrown as a SoapFaultError with the faultcode resolved against its own element’s bindings', () => {
    const error = fault();
    expect(error.version).toBe('1.1');
    expect(error.code).toEqual({ namespace: TYPES_NS, localName: 'ErrorSchemaValidation' });
    expect(error.subcodes).toEqual([]);
    expect(error.faultString).toBe(FAULT_STRING);
    expect(error.lang).toBe('en-US');
    expect(error.actor).toBeUndefined();
    expect(error.message).toContain('ErrorSchemaValidation');
  });

  it('carries the detail entries: ResponseCode and Message (errors namespace), MessageXml (types namespace)', () => {
    const error = fault();
    expect(error.detailEntries.map((entry) => [entry.namespace, entry.localName])).toEqual([
      [ERRORS_NS, 'ResponseCode'],
      [ERRORS_NS, 'Message'],
      [TYPES_NS, 'MessageXml'],
    ]);
    expect(error.detailText('ResponseCode', ERRORS_NS)).toBe('ErrorSchemaValidation');
    expect(error.detailText('Message', ERRORS_NS)).toBe('The request failed schema validation.');
    expect(error.detailText('ResponseCode', TYPES_NS)).toBeUndefined();
    const [responseCode, message] = error.detailEntries;
    expectSameXml(responseCode?.xml ?? '', `<e:ResponseCode xmlns:e="${ERRORS_NS}">ErrorSchemaValidation</e:ResponseCode>`);
    expectSameXml(message?.xml ?? '', `<e:Message xmlns:e="${ERRORS_NS}">The request failed schema validation.</e:Message>`);
  });

  it('keeps MessageXml with LineNumber 11, LinePosition 33 and the Violation, as self-contained XML and as elements', () => {
    const error = fault();
    const entry = error.detailEntries.find((e) => e.localName === 'MessageXml');
    expectSameXml(
      entry?.xml ?? '',
      `<t:MessageXml xmlns:t="${TYPES_NS}"><t:LineNumber>11</t:LineNumber><t:LinePosition>33</t:LinePosition>` +
        '<t:Violation>An error occurred while parsing EntityName. Line 11, position 33.</t:Violation></t:MessageXml>',
    );
    const fromXml = childElements(rootElement(parseXmlStrict(entry?.xml ?? '')));
    expect(fromXml.map((e) => [e.namespaceURI, e.localName, e.textContent])).toEqual([
      [TYPES_NS, 'LineNumber', '11'],
      [TYPES_NS, 'LinePosition', '33'],
      [TYPES_NS, 'Violation', 'An error occurred while parsing EntityName. Line 11, position 33.'],
    ]);
    const messageXml = error.detail?.children.find((c) => c.local === 'MessageXml');
    expect(messageXml?.children.map((c) => [c.ns, c.local, Number(c.text)])).toEqual([
      [TYPES_NS, 'LineNumber', 11],
      [TYPES_NS, 'LinePosition', 33],
      [TYPES_NS, 'Violation', NaN],
    ]);
  });

  it('is a fault, not a deviation: strict mode throws the same SoapFaultError', () => {
    const lenient = fault();
    const strict = fault({ strict: true });
    expect([strict.code, strict.faultString, strict.lang, strict.detailEntries]).toEqual([
      lenient.code,
      lenient.faultString,
      lenient.lang,
      lenient.detailEntries,
    ]);
  });

  it('round trips through the runtime’s writeFault', () => {
    const original = fault();
    const written = writeFault('1.1', {
      code: original.code,
      faultString: original.faultString,
      lang: 'en-US',
      detailXml: original.detailEntries.map((entry) => entry.xml).join(''),
    });
    const again = thrownBy(() => operations.AddImGroup.parseResponse(written));
    expect(again).toBeInstanceOf(SoapFaultError);
    if (!(again instanceof SoapFaultError)) throw again;
    expect(again.code).toEqual(original.code);
    expect(again.faultString).toBe(FAULT_STRING);
    expect(again.lang).toBe('en-US');
    expect(again.detailEntries.map((e) => [e.namespace, e.localName, e.text])).toEqual(
      original.detailEntries.map((e) => [e.namespace, e.localName, e.text]),
    );
    again.detailEntries.forEach((entry, i) => expectSameXml(entry.xml, original.detailEntries[i]?.xml ?? ''));
  });
});

describe.each([
  ['07-AddImContactToGroup-request.xml'],
  ['15-AddImContactToGroup-request.xml'],
])('%s', (file) => {
  const xml = printedEnvelope(file);
  const op = operations.AddImContactToGroup;

  it('parses (server side) to the printed ids and change keys', () => {
    const parsed = op.parseRequest(xml);
    expect(parsed.body).toStrictEqual(ADD_IM_CONTACT_REQUEST);
    expect(parsed.body.ContactId).toEqual({ Id: 'AAMkAGQ1MjJjMTBkLTc4Y2AA=', ChangeKey: 'EQAAABYAAABtF8oI7i' });
    expect(parsed.body.GroupId).toEqual({ Id: 'AAMkAGQ1MjJjMTBkzzAAAQKAAA=', ChangeKey: 'EgAAAA==' });
    expect(parsed.headers).toStrictEqual(PRINTED_REQUEST_HEADERS);
    expectOnlyFixedVersionWarning(parsed.warnings);
  });

  it('is rebuilt from a literal typed body and headers', () => {
    const body: T.AddImContactToGroupRequestBody = {
      ContactId: { Id: 'AAMkAGQ1MjJjMTBkLTc4Y2AA=', ChangeKey: 'EQAAABYAAABtF8oI7i' },
      GroupId: { Id: 'AAMkAGQ1MjJjMTBkzzAAAQKAAA=', ChangeKey: 'EgAAAA==' },
    };
    const headers: T.AddImContactToGroupRequestHeaders = {
      RequestServerVersion: { Version: 'Exchange2016' },
      MailboxCulture: { $value: 'en-US' },
    };
    expectSameHeaderAndBody(op.serializeRequest(body, headers), withExchange2016(xml));
  });
});

describe.each([
  ['08-AddImContactToGroup-response.xml'],
  ['16-AddImContactToGroup-response.xml'],
])('%s', (file) => {
  it('parses every printed value', () => {
    const parsed = operations.AddImContactToGroup.parseResponse(printedEnvelope(file), { strict: true });
    expect(parsed.body).toStrictEqual(ADD_IM_CONTACT_RESPONSE);
    expect(parsed.headers).toStrictEqual({ ServerVersionInfo: SERVER_349 });
    expect(parsed.warnings).toEqual([]);
  });
});

describe('09 AddImContactToGroup error response', () => {
  it('parses every printed value', () => {
    const parsed = operations.AddImContactToGroup.parseResponse(
      printedEnvelope('09-AddImContactToGroup-error-response.xml'),
      { strict: true },
    );
    expect(parsed.body).toStrictEqual({
      ResponseClass: 'Error',
      MessageText: 'The specified Im Contact Id is invalid.',
      ResponseCode: 'ErrorInvalidImContactId',
      DescriptiveLinkKey: 0,
    });
    expect(parsed.headers).toStrictEqual({ ServerVersionInfo: SERVER_349 });
    expect(parsed.warnings).toEqual([]);
  });
});

describe('10 AddNewImContactToGroup request (deviations b and d: https namespaces, undeclared TimeZoneContext)', () => {
  const xml = printedEnvelope('10-AddNewImContactToGroup-request.xml');
  const op = operations.AddNewImContactToGroup;

  it('parses leniently, matching by local name, with a namespace-mismatch warning for each matched element', () => {
    const parsed = op.parseRequest(xml);
    expect(parsed.body).toStrictEqual(ADD_NEW_IM_CONTACT_REQUEST);
    expect(parsed.headers.RequestServerVersion).toEqual({ Version: 'Exchange2013' });
    expect(parsed.headers.MailboxCulture).toEqual({ $value: 'en-US' });
    expect(parsed.warnings.map((w) => [w.code, w.path, w.line, w.col])).toEqual([
      ['namespace-mismatch', '/Envelope/Header/RequestServerVersion', 6, 7],
      ['fixed-value', '/Envelope/Header/RequestServerVersion/@Version', 6, 31],
      ['namespace-mismatch', '/Envelope/Header/MailboxCulture', 7, 7],
      ['namespace-mismatch', '/Envelope/Body/AddNewImContactToGroup', 13, 7],
      ['namespace-mismatch', '/Envelope/Body/AddNewImContactToGroup/ImAddress', 14, 10],
      ['namespace-mismatch', '/Envelope/Body/AddNewImContactToGroup/DisplayName', 15, 10],
      ['namespace-mismatch', '/Envelope/Body/AddNewImContactToGroup/GroupId', 16, 10],
    ]);
    for (const warning of parsed.warnings.filter((w) => w.code === 'namespace-mismatch')) {
      expect(warning.message).toContain(warning.path.startsWith('/Envelope/Body') ? HTTPS_MESSAGES_NS : HTTPS_TYPES_NS);
    }
  });

  it('is refused in strict mode at the first misplaced element', () => {
    expectReadError(() => op.parseRequest(xml, { strict: true }), {
      code: 'namespace-mismatch',
      path: '/Envelope/Header/RequestServerVersion',
      line: 6,
      col: 7,
    });
  });

  it('keeps the undeclared TimeZoneContext header in headers.$extra as raw XML, without a warning', () => {
    const parsed = op.parseRequest(xml);
    expect(parsed.headers.$extra).toHaveLength(1);
    const extra = parsed.headers.$extra?.[0];
    expect([extra?.namespace, extra?.localName]).toEqual([HTTPS_TYPES_NS, 'TimeZoneContext']);
    expectSameXml(
      extra?.xml ?? '',
      `<TimeZoneContext xmlns="${HTTPS_TYPES_NS}"><TimeZoneDefinition Id="GMT Standard Time"/></TimeZoneContext>`,
    );
    expect(parsed.warnings.filter((w) => w.path.includes('TimeZone'))).toEqual([]);
  });

  it('writes the $extra header back as it came, and reads it back the same', () => {
    const parsed = op.parseRequest(xml);
    const written = op.serializeRequest(parsed.body, parsed.headers);
    const header = elementAt(written, 'Header', 'TimeZoneContext');
    expect(header.namespaceURI).toBe(HTTPS_TYPES_NS);
    expect(childElements(header).map((c) => [c.localName, c.getAttribute('Id')])).toEqual([['TimeZoneDefinition', 'GMT Standard Time']]);
    const again = op.parseRequest(written);
    expect(again.headers).toStrictEqual(parsed.headers);
    expect(again.body).toStrictEqual(parsed.body);
    // What stays is the printed Exchange2013 (deviation c); the namespaces are now the schema's.
    expectOnlyFixedVersionWarning(again.warnings);
  });

  it('is rebuilt from literal typed values (namespaces as the schemas define them, TimeZoneContext via $extra)', () => {
    const body: T.AddNewImContactToGroupRequestBody = {
      ImAddress: 'tsmith@contoso.com',
      DisplayName: 'Tony Smith',
      GroupId: { Id: 'AAMkAGQ1MjJjMTBkLTc4Y2UtNDAAAQKAAA=', ChangeKey: 'EgAAAA==' },
    };
    const headers: T.AddNewImContactToGroupRequestHeaders = {
      RequestServerVersion: { Version: 'Exchange2016' },
      MailboxCulture: { $value: 'en-US' },
      $extra: [TIME_ZONE_CONTEXT],
    };
    expectSameHeaderAndBody(op.serializeRequest(body, headers), withExchange2016(withHttpNamespaces(xml)));
  });
});

describe('11 AddNewImContactToGroup response (deviation b: https namespaces, EmailAddress shape)', () => {
  const xml = printedEnvelope('11-AddNewImContactToGroup-response.xml');
  const op = operations.AddNewImContactToGroup;
  const PERSONA = '/Envelope/Body/AddNewImContactToGroupResponse/Persona';
  /** Elements lenient mode does not recognise: they are reported and not read (nor descended into). */
  const UNEXPECTED = [
    [`${PERSONA}/EmailAddress/Address`, 30, 11],
    [`${PERSONA}/EmailAddresses/EmailAddress`, 34, 11],
    [`${PERSONA}/Emails1/EmailAddressAttributedValue/Value/Address`, 75, 15],
  ] as const;

  it('parses leniently to every printed value the schema has a place for', () => {
    const parsed = op.parseResponse(xml);
    expect(parsed.body).toStrictEqual(ADD_NEW_IM_CONTACT_RESPONSE);
    expect(parsed.headers).toStrictEqual({ ServerVersionInfo: SERVER_349 });
    const persona = parsed.body.Persona;
    expect(persona?.PersonaId).toEqual({ Id: 'AAQkAGQ1MjJjMTBkLTc4Y2UtNDA5Ny04ZjU5LWI3MTYzNGNkZmRkYQAQAJ3EkhEEXN5KufGbSYJanZk=' });
    expect(persona?.CreationTime).toBe('2012-01-05T23:06:58Z'); // the string as printed, zone included
    expect(persona?.RelevanceScore).toBe(2 ** 31 - 1);
    expect(persona?.Attributions?.[0]?.SourceId).toEqual({ Id: 'BtF8oI7iVOQatt/bhQoTbWAAAAAAvcAAA=', ChangeKey: 'EQAAABYAAABtF8oIQoTbWAAAAAAyg' });
  });

  it('keeps Name and RoutingType of the printed EmailAddress and reports Address as unexpected-element', () => {
    const parsed = op.parseResponse(xml);
    expect(parsed.body.Persona?.EmailAddress).toStrictEqual({ Name: 'Tony Smith', RoutingType: 'SMTP' });
    expect(parsed.body.Persona?.Emails1?.[0]?.Value).toStrictEqual({ Name: 'Tony Smith', RoutingType: 'SMTP' });
    expect(parsed.body.Persona?.EmailAddresses).toEqual([]);
    expect(parsed.warnings.filter((w) => w.code === 'unexpected-element').map((w) => [w.path, w.line, w.col])).toEqual(
      UNEXPECTED.map((u) => [...u]),
    );
  });

  it('reports a namespace-mismatch for every https element it matched by local name, and nothing else', () => {
    const parsed = op.parseResponse(xml);
    const skipped = new Set<string>(UNEXPECTED.map(([p]) => p));
    const expected = httpsElementPaths(xml, (element) => {
      const parent = element.parentNode as Element | null;
      const name = element.localName ?? '';
      return name === 'Address' || (name === 'EmailAddress' && parent?.localName === 'EmailAddresses');
    }).filter((p) => !skipped.has(p));
    expect(expected.length).toBeGreaterThan(40);
    expect(parsed.warnings.filter((w) => w.code === 'namespace-mismatch').map((w) => w.path)).toEqual(expected);
    expect(codes(parsed.warnings)).toEqual(['namespace-mismatch', 'unexpected-element']);
    expect(parsed.warnings).toHaveLength(expected.length + UNEXPECTED.length);
    expect(parsed.warnings.find((w) => w.path === `${PERSONA}/CreationTime`)).toEqual({
      code: 'namespace-mismatch',
      message: expect.stringContaining(HTTPS_TYPES_NS) as unknown as string,
      path: `${PERSONA}/CreationTime`,
      line: 23,
      col: 9,
    });
  });

  it('is refused in strict mode at the first misplaced element (the ServerVersionInfo header)', () => {
    expectReadError(() => op.parseResponse(xml, { strict: true }), {
      code: 'namespace-mismatch',
      path: '/Envelope/Header/ServerVersionInfo',
      line: 4,
      col: 5,
    });
  });

  it('with the namespaces put right, strict mode still refuses the EmailAddress shape at Address', () => {
    expectReadError(() => op.parseResponse(withHttpNamespaces(xml), { strict: true }), {
      code: 'unexpected-element',
      path: `${PERSONA}/EmailAddress/Address`,
      line: 30,
      col: 11,
    });
    const lenient = op.parseResponse(withHttpNamespaces(xml));
    expect(lenient.body).toStrictEqual(ADD_NEW_IM_CONTACT_RESPONSE);
    expect(lenient.warnings.map((w) => [w.code, w.path])).toEqual(UNEXPECTED.map(([p]) => ['unexpected-element', p]));
  });
});

describe('12 AddNewImContactToGroup error response (deviation b: https namespaces)', () => {
  const xml = printedEnvelope('12-AddNewImContactToGroup-error-response.xml');
  const op = operations.AddNewImContactToGroup;
  const RESPONSE = '/Envelope/Body/AddNewImContactToGroupResponse';

  it('parses every printed value, MessageXml kept as raw XML (xs:any)', () => {
    const parsed = op.parseResponse(xml);
    expect(parsed.body).toStrictEqual({
      ResponseClass: 'Error',
      MessageText: 'No mailbox with such guid.',
      ResponseCode: 'ErrorNonExistentMailbox',
      DescriptiveLinkKey: 0,
      MessageXml: { $any: [{ namespace: HTTPS_TYPES_NS, localName: 'Value', xml: expect.any(String) as unknown as string }] },
    });
    const value = parsed.body.MessageXml?.$any?.[0];
    expectSameXml(
      value?.xml ?? '',
      `<t:Value xmlns:t="${HTTPS_TYPES_NS}" Name="MailboxGuid">d5fasdadcw3d-23de-2341-8f59-b71523fsddda</t:Value>`,
    );
    const element = rootElement(parseXmlStrict(value?.xml ?? ''));
    expect([element.getAttribute('Name'), element.textContent]).toEqual(['MailboxGuid', 'd5fasdadcw3d-23de-2341-8f59-b71523fsddda']);
    expect(parsed.headers).toStrictEqual({
      ServerVersionInfo: { MajorVersion: 15, MinorVersion: 0, MajorBuildNumber: 578, MinorBuildNumber: 11, Version: 'Exchange2013' },
    });
  });

  it('warns namespace-mismatch for each matched element (the xs:any content is not matched, so not reported)', () => {
    const parsed = op.parseResponse(xml);
    expect(parsed.warnings.map((w) => [w.code, w.path, w.line, w.col])).toEqual([
      ['namespace-mismatch', '/Envelope/Header/ServerVersionInfo', 4, 7],
      ['namespace-mismatch', RESPONSE, 16, 7],
      ['namespace-mismatch', `${RESPONSE}/MessageText`, 18, 10],
      ['namespace-mismatch', `${RESPONSE}/ResponseCode`, 19, 10],
      ['namespace-mismatch', `${RESPONSE}/DescriptiveLinkKey`, 20, 10],
      ['namespace-mismatch', `${RESPONSE}/MessageXml`, 21, 10],
    ]);
  });

  it('is refused in strict mode; with the namespaces put right it is read strictly', () => {
    expectReadError(() => op.parseResponse(xml, { strict: true }), {
      code: 'namespace-mismatch',
      path: '/Envelope/Header/ServerVersionInfo',
      line: 4,
      col: 7,
    });
    const corrected = op.parseResponse(withHttpNamespaces(xml), { strict: true });
    expect(corrected.warnings).toEqual([]);
    expect(corrected.body.ResponseCode).toBe('ErrorNonExistentMailbox');
    expect(corrected.body.MessageXml?.$any?.map((a) => [a.namespace, a.localName])).toEqual([[TYPES_NS, 'Value']]);
  });
});

describe('12 with mixed content in MessageXml (xs:any kept as raw XML)', () => {
  // xs:any content is kept as the exact source slice: text around child elements keeps its order.
  it('keeps text and child elements in document order', () => {
    const xml = withHttpNamespaces(printedEnvelope('12-AddNewImContactToGroup-error-response.xml')).replace(
      '>d5fasdadcw3d-23de-2341-8f59-b71523fsddda</t:Value>',
      '>one<t:Detail>x</t:Detail>two</t:Value>',
    );
    const parsed = operations.AddNewImContactToGroup.parseResponse(xml, { strict: true });
    expectSameXml(
      parsed.body.MessageXml?.$any?.[0]?.xml ?? '',
      `<t:Value xmlns:t="${TYPES_NS}" Name="MailboxGuid">one<t:Detail>x</t:Detail>two</t:Value>`,
    );
  });
});

describe('17 RemoveImGroup request', () => {
  const xml = printedEnvelope('17-RemoveImGroup-request.xml');
  const op = operations.RemoveImGroup;

  it('parses (server side) to the printed id and change key', () => {
    const parsed = op.parseRequest(xml);
    expect(parsed.body).toStrictEqual(REMOVE_IM_GROUP_REQUEST);
    expect(parsed.headers).toStrictEqual(PRINTED_REQUEST_HEADERS);
    expectOnlyFixedVersionWarning(parsed.warnings);
  });

  it('is rebuilt from a literal typed body and headers', () => {
    const body: T.RemoveImGroupRequestBody = {
      GroupId: { Id: 'AAMkAGQ1MjJjMTBkLTc4Y2UtNDA5hQoTbWAAAAAAQRAAA=', ChangeKey: 'EgAAAA==' },
    };
    const headers: T.RemoveImGroupRequestHeaders = { RequestServerVersion: { Version: 'Exchange2016' }, MailboxCulture: { $value: 'en-US' } };
    expectSameHeaderAndBody(op.serializeRequest(body, headers), withExchange2016(xml));
  });
});

describe('18 RemoveImGroup response', () => {
  it('parses every printed value', () => {
    const parsed = operations.RemoveImGroup.parseResponse(printedEnvelope('18-RemoveImGroup-response.xml'), { strict: true });
    expect(parsed.body).toStrictEqual({ ResponseClass: 'Success', ResponseCode: 'NoError' });
    expect(parsed.headers).toStrictEqual({ ServerVersionInfo: SERVER_349 });
    expect(parsed.warnings).toEqual([]);
  });
});

describe('deviation c: RequestServerVersion Version="Exchange2013" where the schema fixes "Exchange2016"', () => {
  const xml = printedEnvelope('04-AddImGroup-request.xml');

  it('the lenient reader keeps the printed value with a fixed-value warning; strict mode refuses it', () => {
    const lenient = operations.AddImGroup.parseRequest(xml);
    expect(lenient.headers.RequestServerVersion).toStrictEqual({ Version: 'Exchange2013' });
    expect(lenient.warnings).toEqual([
      { code: 'fixed-value', message: 'Attribute Version is fixed to "Exchange2016"', path: '/Envelope/Header/RequestServerVersion/@Version', line: 6, col: 31 },
    ]);
    expectReadError(() => operations.AddImGroup.parseRequest(xml, { strict: true }), {
      code: 'fixed-value',
      path: '/Envelope/Header/RequestServerVersion/@Version',
      line: 6,
      col: 31,
    });
  });

  it('the reader does check the enumeration: a version that does not exist is a ReadError', () => {
    const bad = xml.replace('Version="Exchange2013"', 'Version="Exchange2099"');
    expectReadError(() => operations.AddImGroup.parseRequest(bad), {
      code: 'invalid-value',
      path: '/Envelope/Header/RequestServerVersion/@Version',
      line: 6,
      col: 31,
    });
  });

  it('the writer writes what it is given: Exchange2013 reproduces the print exactly (libxml2 then refuses it, below)', () => {
    expectSameHeaderAndBody(operations.AddImGroup.serializeRequest(ADD_IM_GROUP_REQUEST, PRINTED_REQUEST_HEADERS), xml);
  });
});

describe('request details beyond the prints', () => {
  const xml = printedEnvelope('04-AddImGroup-request.xml');
  const SOAP_ENV = 'http://schemas.xmlsoap.org/soap/envelope/';

  it('a writer error in a list of ids names the id by its index and element, a derived property too', () => {
    const ids: T.GetImItemsRequestBody['ContactIds'] = [{ ItemId: { Id: 'a' } }, { ItemId: { Id: 'b' } }];
    const path = (body: unknown): string => {
      const error = thrownBy(() => operations.GetImItems.serializeRequest(body as T.GetImItemsRequestBody));
      if (!(error instanceof SerializeError)) throw error;
      return error.path.join('.');
    };
    expect(path({ ContactIds: [ids[0], { ItemId: {} }] })).toBe('GetImItems.ContactIds.ItemId[1].@Id');
    // A RecurringMasterItemIdRanges property on an ItemId without $type (before: the path stopped at GetImItems).
    expect(path({ ContactIds: [ids[0], ids[1], { ItemId: { Id: 'c', Ranges: [] } }] })).toBe('GetImItems.ContactIds.ItemId[2]');
    expect(path({ ContactIds: [{ ItemId: { Id: 'a' }, OccurrenceItemId: { RecurringMasterId: 'm', InstanceIndex: 1 } }] })).toBe('GetImItems.ContactIds[0]');
  });

  it('one SOAP attribute on RequestServerVersion (xs:anyAttribute) is kept and written back', () => {
    const withAttribute = withExchange2016(xml).replace('<t:RequestServerVersion ', '<t:RequestServerVersion soap:mustUnderstand="1" ');
    const parsed = operations.AddImGroup.parseRequest(withAttribute, { strict: true });
    expect(parsed.headers.RequestServerVersion).toStrictEqual({
      Version: 'Exchange2016',
      $anyAttributes: [{ namespace: SOAP_ENV, localName: 'mustUnderstand', value: '1' }],
    });
    const again = operations.AddImGroup.parseRequest(operations.AddImGroup.serializeRequest(parsed.body, parsed.headers));
    expect(again.headers).toStrictEqual(parsed.headers);
  });

  // Two namespaced attributes on one element: each namespace is declared once.
  it('two SOAP attributes on RequestServerVersion (mustUnderstand, actor) are written as well-formed XML', () => {
    const withAttributes = withExchange2016(xml).replace(
      '<t:RequestServerVersion ',
      '<t:RequestServerVersion soap:mustUnderstand="1" soap:actor="http://schemas.xmlsoap.org/soap/actor/next" ',
    );
    const parsed = operations.AddImGroup.parseRequest(withAttributes, { strict: true });
    expect(parsed.headers.RequestServerVersion?.$anyAttributes).toHaveLength(2);
    const written = operations.AddImGroup.serializeRequest(parsed.body, parsed.headers);
    expect(operations.AddImGroup.parseRequest(written).headers).toStrictEqual(parsed.headers);
  });

  // The wildcard admits only the SOAP envelope's attributes (namespace="http://schemas.xmlsoap.org/soap/envelope/").
  it('an attribute outside the namespace of RequestServerVersion xs:anyAttribute is a warning when read and refused when written', () => {
    const foreign = withExchange2016(xml).replace('<t:RequestServerVersion ', '<t:RequestServerVersion xmlns:x="urn:x" x:trace="1" ');
    const parsed = operations.AddImGroup.parseRequest(foreign);
    expect(parsed.headers.RequestServerVersion).toStrictEqual({ Version: 'Exchange2016' });
    expect(parsed.warnings.map((w) => [w.code, w.path])).toEqual([['unexpected-attribute', '/Envelope/Header/RequestServerVersion/@trace']]);
    expect(() => operations.AddImGroup.parseRequest(foreign, { strict: true })).toThrow(/Unexpected attribute trace/);

    const headers = { RequestServerVersion: { Version: 'Exchange2016' as const, $anyAttributes: [{ namespace: 'urn:x', localName: 'trace', value: '1' }] } };
    const error = thrownBy(() => operations.AddImGroup.serializeRequest({ DisplayName: 'Friends' }, headers));
    expect(error).toBeInstanceOf(SerializeError);
    if (!(error instanceof SerializeError)) throw error;
    expect(error.message).toMatch(/RequestServerVersion.*Attribute \{urn:x\}trace is not allowed here: the schema admits only http:\/\/schemas\.xmlsoap\.org\/soap\/envelope\//);
  });

  // NonEmptyStringType (xs:string, minLength 1): an empty DisplayName is refused both ways, as
  // libxml2 refuses it (see "an empty DisplayName" in the libxml2 section below).
  it('the writer refuses an empty DisplayName (NonEmptyStringType) with a SerializeError naming it', () => {
    const error = thrownBy(() => operations.AddImGroup.serializeRequest({ DisplayName: '' }, REQUEST_HEADERS));
    expect(error).toBeInstanceOf(SerializeError);
    expect(String(error)).toContain('DisplayName');
  });

  it('the reader refuses an empty DisplayName in strict mode (ReadError invalid-value at the element)', () => {
    const empty = withExchange2016(xml).replace('<m:DisplayName>MyCustomGroup</m:DisplayName>', '<m:DisplayName></m:DisplayName>');
    expectReadError(() => operations.AddImGroup.parseRequest(empty, { strict: true }), {
      code: 'invalid-value',
      path: '/Envelope/Body/AddImGroup/DisplayName',
      line: 11,
      col: 10,
    });
  });
});

// ---- write/read round trips and comparison with the print ----

const RESPONSES = [
  '02-AddDistributionGroupToImList-response.xml',
  '03-AddDistributionGroupToImList-error-response.xml',
  '05-AddImGroup-response.xml',
  '08-AddImContactToGroup-response.xml',
  '09-AddImContactToGroup-error-response.xml',
  '11-AddNewImContactToGroup-response.xml',
  '12-AddNewImContactToGroup-error-response.xml',
  '14-AddImGroup-response.xml',
  '16-AddImContactToGroup-response.xml',
  '18-RemoveImGroup-response.xml',
] as const;

type ResponseOperation = 'AddDistributionGroupToImList' | 'AddImGroup' | 'AddImContactToGroup' | 'AddNewImContactToGroup' | 'RemoveImGroup';

function operationOf(file: string): ResponseOperation {
  const name = file.split('-')[1];
  switch (name) {
    case 'AddDistributionGroupToImList':
    case 'AddImGroup':
    case 'AddImContactToGroup':
    case 'AddNewImContactToGroup':
    case 'RemoveImGroup':
      return name;
    default:
      throw new Error(`no operation in ${file}`);
  }
}

interface Rewritten {
  parsed: { body: unknown; headers: unknown };
  written: string;
  /** The written envelope read back in strict mode. */
  reparsed: { body: unknown; headers: unknown; warnings: ReadWarning[] };
}

function rewriteWith<Req, Res, ReqH, ResH>(op: OperationCodec<Req, Res, ReqH, ResH>, xml: string): Rewritten {
  const parsed = op.parseResponse(xml);
  const written = op.serializeResponse(parsed.body, parsed.headers);
  return { parsed, written, reparsed: op.parseResponse(written, { strict: true }) };
}

/** Parses a printed response (leniently) and writes the result back with serializeResponse. */
function rewriteResponse(file: string): Rewritten {
  const xml = printedEnvelope(file);
  const name = operationOf(file);
  // One branch per operation keeps the body and header types exact for each codec.
  switch (name) {
    case 'AddDistributionGroupToImList':
      return rewriteWith(operations.AddDistributionGroupToImList, xml);
    case 'AddImGroup':
      return rewriteWith(operations.AddImGroup, xml);
    case 'AddImContactToGroup':
      return rewriteWith(operations.AddImContactToGroup, xml);
    case 'AddNewImContactToGroup':
      return rewriteWith(operations.AddNewImContactToGroup, xml);
    case 'RemoveImGroup':
      return rewriteWith(operations.RemoveImGroup, xml);
  }
}

describe.each(RESPONSES.map((file) => [file]))('round trip of %s', (file) => {
  it('serializeResponse(parsed) read back (strictly: the writer emits schema namespaces and order) is deep-equal', () => {
    const { parsed, reparsed } = rewriteResponse(file);
    expect(reparsed.body).toStrictEqual(parsed.body);
    expect(reparsed.headers).toStrictEqual(parsed.headers);
    expect(reparsed.warnings).toEqual([]);
  });
});

describe.each(
  RESPONSES.filter((file) => !file.startsWith('11-') && !file.startsWith('12-')).map((file) => [file]),
)('%s written back', (file) => {
  it('has the same header and body content as the print', () => {
    expectSameHeaderAndBody(rewriteResponse(file).written, printedEnvelope(file));
  });
});

describe('12 written back', () => {
  it('is the print with the namespaces put right, except the xs:any content, which keeps its own namespace', () => {
    const corrected = withHttpNamespaces(printedEnvelope('12-AddNewImContactToGroup-error-response.xml'));
    const anyStart = `<t:Value Name="MailboxGuid" xmlns:t="${TYPES_NS}">`;
    expect(corrected).toContain(anyStart);
    const expected = corrected.replace(anyStart, `<t:Value Name="MailboxGuid" xmlns:t="${HTTPS_TYPES_NS}">`);
    expectSameHeaderAndBody(rewriteResponse('12-AddNewImContactToGroup-error-response.xml').written, expected);
  });
});

// ---- libxml2 over everything written in this file ----

interface Produced {
  name: string;
  build: () => string;
  /** Parts libxml2 is expected to refuse, as `element` → substring of the error; all others must be valid. */
  invalid?: Record<string, string>;
}

const FIXED_VERSION = "attribute 'Version': The value 'Exchange2013' does not match the fixed value constraint 'Exchange2016'";
const NO_DECLARATION = 'No matching global declaration available for the validation root';

const EMPTY_DISPLAY_NAME = printedEnvelope('04-AddImGroup-request.xml').replace('>MyCustomGroup<', '><');

const PRODUCED: Produced[] = [
  {
    name: '01 rebuilt (with the required DisplayName)',
    build: () =>
      operations.AddDistributionGroupToImList.serializeRequest(
        { SmtpAddress: 'distributionlist1@example.com', DisplayName: 'distributionlist1@example.com' },
        REQUEST_HEADERS,
      ),
  },
  { name: '04/13 rebuilt', build: () => operations.AddImGroup.serializeRequest(ADD_IM_GROUP_REQUEST, REQUEST_HEADERS) },
  { name: '07/15 rebuilt', build: () => operations.AddImContactToGroup.serializeRequest(ADD_IM_CONTACT_REQUEST, REQUEST_HEADERS) },
  {
    name: '10 rebuilt',
    build: () =>
      operations.AddNewImContactToGroup.serializeRequest(ADD_NEW_IM_CONTACT_REQUEST, { ...REQUEST_HEADERS, $extra: [TIME_ZONE_CONTEXT] }),
  },
  { name: '17 rebuilt', build: () => operations.RemoveImGroup.serializeRequest(REMOVE_IM_GROUP_REQUEST, REQUEST_HEADERS) },
  ...RESPONSES.map((file) => ({ name: `${file.slice(0, 2)} written back`, build: () => rewriteResponse(file).written })),
  {
    name: '04 with the printed Exchange2013 (deviation c)',
    build: () => operations.AddImGroup.serializeRequest(ADD_IM_GROUP_REQUEST, PRINTED_REQUEST_HEADERS),
    invalid: { [`{${TYPES_NS}}RequestServerVersion`]: FIXED_VERSION },
  },
  {
    name: '10 parsed and written back (the https TimeZoneContext passes through as it came)',
    build: () => {
      const parsed = operations.AddNewImContactToGroup.parseRequest(printedEnvelope('10-AddNewImContactToGroup-request.xml'));
      return operations.AddNewImContactToGroup.serializeRequest(parsed.body, { ...parsed.headers, RequestServerVersion: { Version: 'Exchange2016' } });
    },
    invalid: { [`{${HTTPS_TYPES_NS}}TimeZoneContext`]: NO_DECLARATION },
  },
  {
    // Not written by us: the printed 04 with the DisplayName emptied, to show that the schema
    // (NonEmptyStringType, minLength 1) refuses what our writer and reader let through.
    name: 'an empty DisplayName (the print edited by text; evidence for the NonEmptyStringType bug)',
    build: () => withExchange2016(EMPTY_DISPLAY_NAME),
    invalid: { [`{${MESSAGES_NS}}AddImGroup`]: "facet 'minLength'" },
  },
];

describe('libxml2 validates every envelope written in this file (and refuses exactly the parts expected)', () => {
  const outcomes = new Map<string, { error: unknown } | { parts: PartValidation[] }>();

  beforeAll(async () => {
    const built: Array<{ name: string; xml: string }> = [];
    for (const produced of PRODUCED) {
      try {
        built.push({ name: produced.name, xml: produced.build() });
      } catch (error) {
        outcomes.set(produced.name, { error });
      }
    }
    const results = await validateEnvelopes(built.map((b) => b.xml));
    built.forEach((b, i) => outcomes.set(b.name, { parts: results[i] ?? [] }));
  });

  it.each(PRODUCED.map((p) => [p.name, p] as const))('%s', (_name, produced) => {
    const outcome = outcomes.get(produced.name);
    if (outcome === undefined) throw new Error('not validated');
    if ('error' in outcome) throw outcome.error;
    expect(outcome.parts.length).toBeGreaterThanOrEqual(2);
    const verdicts = outcome.parts.map((part) => {
      const expectedError = produced.invalid?.[part.element];
      if (expectedError === undefined) return { part: part.element, valid: part.valid, errors: part.errors };
      return { part: part.element, valid: part.valid, matches: part.errors.some((e) => e.includes(expectedError)) };
    });
    expect(verdicts).toEqual(
      outcome.parts.map((part) =>
        produced.invalid?.[part.element] === undefined
          ? { part: part.element, valid: true, errors: [] }
          : { part: part.element, valid: false, matches: true },
      ),
    );
    for (const element of Object.keys(produced.invalid ?? {})) {
      expect(outcome.parts.map((p) => p.element)).toContain(element);
    }
  });
});
