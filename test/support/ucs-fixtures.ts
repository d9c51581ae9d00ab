/**
 * Shared material for the MS-OXWSCOS (Unified Contact Store) conformance tests of the generated
 * package: the printed envelopes, a realistic GetImItemList response, comparison of SOAP header
 * and body content, text positions, and assertions on the runtime's typed errors.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ReadError, XmlError } from '@wsdl-codegen/runtime';
import type * as T from '../../generated/src/types';
import { canonicalizeBody, describeDifference } from './canonical';

export const MESSAGES_NS = 'http://schemas.microsoft.com/exchange/services/2006/messages';
export const TYPES_NS = 'http://schemas.microsoft.com/exchange/services/2006/types';
export const ERRORS_NS = 'http://schemas.microsoft.com/exchange/services/2006/errors';
/** The namespaces as envelopes 10-12 misprint them (https instead of http). */
export const HTTPS_MESSAGES_NS = 'https://schemas.microsoft.com/exchange/services/2006/messages';
export const HTTPS_TYPES_NS = 'https://schemas.microsoft.com/exchange/services/2006/types';

export const ENVELOPES_DIR = path.join(__dirname, '..', 'conformance', 'envelopes');

/** The committed text of a printed envelope, e.g. `printedEnvelope('05-AddImGroup-response.xml')`. */
export function printedEnvelope(file: string): string {
  return fs.readFileSync(path.join(ENVELOPES_DIR, file), 'utf8');
}

/** The printed text with the misprinted https Exchange namespaces put right (envelopes 10-12). */
export function withHttpNamespaces(xml: string): string {
  return xml.split('https://schemas.microsoft.com/exchange/services/2006/').join('http://schemas.microsoft.com/exchange/services/2006/');
}

/**
 * Every printed request says RequestServerVersion Version="Exchange2013", which the Exchange2016
 * schemas forbid (the attribute is fixed to "Exchange2016"). Rebuilt requests use the value the
 * schema allows, so their expected form is the printed one with this single attribute changed.
 */
export function withExchange2016(xml: string): string {
  const changed = xml.replace('Version="Exchange2013"', 'Version="Exchange2016"');
  if (changed === xml) throw new Error('no Version="Exchange2013" to replace');
  return changed;
}

/**
 * Compares the SOAP Header entries and Body content of two envelopes by meaning (prefixes,
 * namespace declarations and indentation ignored). Header entries are independent blocks whose
 * order carries no meaning, so they are compared as a sorted list; the Body is compared in order.
 */
export function expectSameHeaderAndBody(actual: string, expected: string): void {
  const a = canonicalizeBody(actual);
  const e = canonicalizeBody(expected);
  const joined = (forms: string[]): string => forms.join('');
  const problems: string[] = [];
  const header = describeDifference(joined([...a.header].sort()), joined([...e.header].sort()));
  if (header !== undefined) problems.push(`Header: ${header}`);
  const body = describeDifference(joined(a.body), joined(e.body));
  if (body !== undefined) problems.push(`Body: ${body}`);
  if (a.header.length !== e.header.length) problems.push(`Header has ${a.header.length} entries, expected ${e.header.length}`);
  if (problems.length > 0) throw new Error(`Envelopes differ.\n${problems.join('\n')}`);
}

/** Runs `fn` and returns what it threw; fails when it returned normally (showing what it returned). */
export function thrownBy(fn: () => unknown): unknown {
  let returned: unknown;
  try {
    returned = fn();
  } catch (error) {
    return error;
  }
  const shown = JSON.stringify(returned, (_key, value: unknown) => (typeof value === 'bigint' ? `${value}n` : value));
  throw new Error(`expected an error, but the call returned ${shown?.slice(0, 400) ?? String(returned)}`);
}

export interface Position {
  line: number;
  col: number;
}

/** 1-based line and column of the UTF-16 offset `index` (lines end at LF). */
export function positionAt(text: string, index: number): Position {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, col: index - lineStart + 1 };
}

/** Position of the `occurrence`-th (1-based) appearance of `needle` in `text`. */
export function positionOf(text: string, needle: string, occurrence = 1): Position {
  let index = -1;
  for (let n = 0; n < occurrence; n++) {
    index = text.indexOf(needle, index + 1);
    if (index === -1) throw new Error(`${JSON.stringify(needle)} occurs fewer than ${occurrence} times`);
  }
  return positionAt(text, index);
}

/** Replaces the `occurrence`-th appearance of `needle`; throws when there is none. */
export function replaceNth(text: string, needle: string, replacement: string, occurrence = 1): string {
  let index = -1;
  for (let n = 0; n < occurrence; n++) {
    index = text.indexOf(needle, index + 1);
    if (index === -1) throw new Error(`${JSON.stringify(needle)} occurs fewer than ${occurrence} times`);
  }
  return text.slice(0, index) + replacement + text.slice(index + needle.length);
}

/**
 * Puts every start tag that follows another tag on a line of its own, so documents written on a
 * single line get meaningful line numbers. Only whitespace between elements is added (never
 * inside an element that holds text), so the meaning is unchanged.
 */
export function breakLines(xml: string): string {
  return xml.replace(/>(?=<[^/!?])/g, '>\n  ');
}

export interface ExpectedLocation {
  code: string;
  path: string;
  line: number;
  col: number;
}

/** Asserts that `fn` throws a ReadError with exactly this code and location; returns it. */
export function expectReadError(fn: () => unknown, expected: ExpectedLocation): ReadError {
  const error = thrownBy(fn);
  expect(error).toBeInstanceOf(ReadError);
  if (!(error instanceof ReadError)) throw error;
  expect({ code: error.code, path: error.path, line: error.line, col: error.col }).toEqual(expected);
  return error;
}

/** Asserts that `fn` throws an XmlError with exactly this code and location; returns it. */
export function expectXmlError(fn: () => unknown, expected: ExpectedLocation): XmlError {
  const error = thrownBy(fn);
  expect(error).toBeInstanceOf(XmlError);
  if (!(error instanceof XmlError)) throw error;
  expect({ code: error.code, path: error.path, line: error.line, col: error.col }).toEqual(expected);
  return error;
}

const PERSONAS: T.PersonaType[] = [
  {
    PersonaId: { Id: 'AAQkADAwATM0MDAAMS1hMWE3LTgwAGQwNgBGAAADOZWc8Zo8HUWONAAAAA==' },
    PersonaType: 'Person',
    CreationTime: '2013-02-11T09:15:02Z',
    DisplayName: 'Ana Trujillo',
    DisplayNameFirstLast: 'Ana Trujillo',
    DisplayNameLastFirst: 'Trujillo Ana',
    FileAs: 'Trujillo, Ana',
    GivenName: 'Ana',
    Surname: 'Trujillo',
    EmailAddress: { Name: 'Ana Trujillo', EmailAddress: 'ana@contoso.com', RoutingType: 'SMTP', MailboxType: 'Mailbox' },
    ImAddress: 'sip:ana@contoso.com',
    RelevanceScore: 7,
  },
  {
    PersonaId: { Id: 'AAQkADAwATM0MDAAMS1hMWE3LTgwAGQwNgBGAAADOZWc8Zo8HUWONAAAAB==' },
    PersonaType: 'Person',
    CreationTime: '2013-02-12T17:40:00.5-08:00',
    DisplayName: 'Thomas Hardy',
    EmailAddress: { Name: 'Thomas Hardy', EmailAddress: 'thomas@fabrikam.com', RoutingType: 'SMTP', MailboxType: 'OneOff' },
    EmailAddresses: [{ Name: 'Thomas Hardy', EmailAddress: 'thomas@fabrikam.com', RoutingType: 'SMTP' }],
    ImAddress: 'sip:thomas@fabrikam.com',
    RelevanceScore: 12,
  },
  {
    PersonaId: { Id: 'AAQkADAwATM0MDAAMS1hMWE3LTgwAGQwNgBGAAADOZWc8Zo8HUWONAAAAC==', ChangeKey: 'EgAAAA==' },
    PersonaType: 'DistributionList',
    CreationTime: '2013-03-01T08:00:00+01:00',
    DisplayName: 'Product Team',
    ImAddress: 'sip:product@contoso.com',
    RelevanceScore: 2147483647,
    Attributions: [
      {
        Id: '0',
        SourceId: { Id: 'BtF8oI7iVOQatt/bhQoTbWAAAAAAvcAAA=', ChangeKey: 'EQAAABYAAABtF8oIQoTbWAAAAAAyg' },
        DisplayName: 'Outlook',
        IsWritable: true,
        IsQuickContact: false,
        IsHidden: false,
        FolderId: { Id: 'AAMkAGQ1MjJjMTBkLTc4YhQoTbWAAAAAAvZAAA=', ChangeKey: 'AQAAAA==' },
      },
    ],
    DisplayNames: [{ Value: 'Product Team', Attributions: ['0'] }],
  },
];

/**
 * A realistic GetImItemList response: two IM groups and three personas (the third one carrying
 * attributions, so it holds the deepest elements of the document).
 */
export function imItemListResponse(): { body: T.GetImItemListResponseBody; headers: T.GetImItemListResponseHeaders } {
  return {
    headers: {
      ServerVersionInfo: { MajorVersion: 15, MinorVersion: 0, MajorBuildNumber: 349, MinorBuildNumber: 0, Version: 'Exchange2013' },
    },
    body: {
      ResponseClass: 'Success',
      ResponseCode: 'NoError',
      ImItemList: {
        Groups: [
          {
            DisplayName: 'Other Contacts',
            GroupType: 'IPM.DistList.MOC.OtherContacts',
            ExchangeStoreId: { Id: 'AAMkAGQ1MjJjMTBkLTc4Y2UtNDA5Ny04ZjU5LWI3MAAB=', ChangeKey: 'EgAAAA==' },
            MemberCorrelationKey: [{ Id: 'AAQkADAwATM0MDAAMS1hMWE3LTgwAGQwNgBGAAADOZWc8Zo8HUWONAAAAA==' }],
          },
          {
            DisplayName: 'MyCustomGroup',
            GroupType: 'IPM.DistList.MOC.UserGroup',
            ExchangeStoreId: { Id: 'AAMkAGQ1MjJjMTBkLTc4Y2UtNDA5Ny04ZjU5LWI3MAAA=', ChangeKey: 'EgAAAA==' },
          },
        ],
        Personas: PERSONAS.map((persona) => structuredClone(persona)),
      },
    },
  };
}
