// Benchmark inputs, built deterministically from a seed: typed GetImItemList responses with
// personas and groups, and the two requests of the writing benchmark.
// Everything is produced through the generated types, so a schema change that breaks the
// fixtures breaks the bench build rather than silently measuring something else.

import type { ReadonlyInput } from '@wsdl-codegen/runtime';
import { ExchangeServiceClient } from '../../generated/src/index';
import type * as T from '../../generated/src/index';

/** A small deterministic PRNG (mulberry32): the same seed gives the same bytes on every machine. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const GIVEN = [
  'Ada', 'Bruno', 'Chloé', 'Dmitri', 'Elif', 'Farah', 'Gustav', 'Hana', 'Ines', 'Jonas', 'Kenji', 'Lucía',
  'Mateo', 'Nadia', 'Oskar', 'Priya', 'Quentin', 'Rosa', 'Søren', 'Tomás', 'Uma', 'Viktor', 'Wen', 'Yusuf', 'Zoë',
];
const SURNAMES = [
  'Abara', 'Becker', 'Castillo', 'Dubois', 'Eriksen', 'Fischer', 'García', 'Haddad', 'Ivanova', 'Jansen',
  'Kowalski', 'Lindqvist', 'Moreau', 'Nakamura', 'O\'Brien', 'Petrov', 'Quinn', 'Rossi', 'Schmidt', 'Tanaka',
  'Ünal', 'Varga', 'Weber', 'Xu', 'Yilmaz', 'Zimmermann',
];
const COMPANIES = ['Contoso', 'Fabrikam & Partners', 'Northwind Traders', 'Tailspin Toys', 'Wide World Importers', 'Adventure Works'];
const DEPARTMENTS = ['Sales', 'Research & Development', 'Finance', 'Support', 'Legal', 'Operations'];
const GROUP_NAMES = ['Team', 'Project Phoenix', 'Customers <EMEA>', 'Family', 'Suppliers', 'Book club', 'Board', 'Interns'];

function pick<V>(list: readonly V[], rnd: () => number): V {
  const v = list[Math.floor(rnd() * list.length)];
  if (v === undefined) throw new Error('empty list');
  return v;
}

/** Base64 text of a pseudo store id, shaped like Exchange's (an AAMk… prefix and ~150 characters). */
function storeId(kind: number, n: number, rnd: () => number): string {
  const bytes = Buffer.alloc(110);
  bytes.writeUInt8(0x00, 0); // 00 03 24 encodes as the familiar "AAMk" prefix
  bytes.writeUInt8(0x03, 1);
  bytes.writeUInt8(0x24, 2);
  bytes.writeUInt8(kind, 3);
  bytes.writeUInt32LE(n, 4);
  for (let i = 8; i < bytes.length; i++) bytes[i] = Math.floor(rnd() * 256);
  return bytes.toString('base64');
}

function changeKey(rnd: () => number): string {
  const bytes = Buffer.alloc(22);
  for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(rnd() * 256);
  return bytes.toString('base64');
}

function phone(rnd: () => number): string {
  let s = '+1 425 555 ';
  for (let i = 0; i < 4; i++) s += String(Math.floor(rnd() * 10));
  return s;
}

function mailbox(given: string, surname: string, n: number): string {
  const ascii = `${given}.${surname}`.normalize('NFD').replace(/[^A-Za-z.]/g, '').toLowerCase();
  return `${ascii}${n}@contoso.com`;
}

export interface ImItemListFixture {
  body: T.GetImItemListResponseBody;
  headers: T.GetImItemListResponseHeaders;
  personas: number;
  groups: number;
  memberKeys: number;
}

/** Members per group: each persona is a member of exactly one group, as on a typical IM list. */
export const MEMBERS_PER_GROUP = 20;

/**
 * A GetImItemList response as Exchange sends it for a populated Lync/Skype contact list:
 * every persona with id, names, email and IM addresses, phone numbers and attributions; groups
 * whose MemberCorrelationKey lists name every persona once.
 */
export function imItemListResponse(personaCount: number, seed = 20240611): ImItemListFixture {
  const rnd = prng(seed + personaCount);
  const personas: T.PersonaType[] = [];
  const personaIds: T.ItemIdType[] = [];
  const folderId: T.FolderIdType = { Id: storeId(0x14, 1, rnd), ChangeKey: 'AQAAAA==' };
  for (let i = 0; i < personaCount; i++) {
    const given = pick(GIVEN, rnd);
    const surname = pick(SURNAMES, rnd);
    const company = pick(COMPANIES, rnd);
    const display = `${given} ${surname}`;
    const email = mailbox(given, surname, i);
    const sip = `sip:${email}`;
    const id: T.ItemIdType = { Id: storeId(0x13, i, rnd) };
    personaIds.push(id);
    const contactId: T.ItemIdType = { Id: storeId(0x12, i, rnd), ChangeKey: changeKey(rnd) };
    const attributed = (value: string): T.StringAttributedValueType[] => [{ Value: value, Attributions: ['0'] }];
    const mobile: T.PersonaPhoneNumberType = { Number: phone(rnd), Type: 'Mobile' };
    const business: T.PersonaPhoneNumberType = { Number: phone(rnd), Type: 'Business' };
    const address: T.EmailAddressType = { Name: display, EmailAddress: email, RoutingType: 'SMTP', MailboxType: 'Mailbox' };
    personas.push({
      PersonaId: id,
      PersonaType: 'Person',
      CreationTime: `2024-0${1 + (i % 9)}-1${i % 10}T0${i % 10}:2${i % 10}:3${i % 10}Z`,
      DisplayNameFirstLastSortKey: display,
      DisplayNameLastFirstSortKey: `${surname} ${given}`,
      CompanyNameSortKey: company,
      DisplayName: display,
      DisplayNameFirstLast: display,
      DisplayNameLastFirst: `${surname}, ${given}`,
      FileAs: `${surname}, ${given}`,
      GivenName: given,
      Surname: surname,
      Title: 'Engineer',
      Department: pick(DEPARTMENTS, rnd),
      CompanyName: company,
      EmailAddress: address,
      EmailAddresses: [address],
      PhoneNumber: mobile,
      ImAddress: sip,
      RelevanceScore: Math.floor(rnd() * 1000),
      Attributions: [
        { Id: '0', SourceId: contactId, DisplayName: 'Outlook', IsWritable: true, IsQuickContact: false, IsHidden: false, FolderId: folderId },
      ],
      DisplayNames: attributed(display),
      GivenNames: attributed(given),
      Surnames: attributed(surname),
      BusinessPhoneNumbers: [{ Value: business, Attributions: ['0'] }],
      MobilePhones: [{ Value: mobile, Attributions: ['0'] }],
      Emails1: [{ Value: address, Attributions: ['0'] }],
      ImAddresses: attributed(sip),
      CompanyNames: attributed(company),
    });
  }
  const groups: T.ImGroupType[] = [];
  for (let g = 0, start = 0; start < personaCount; g++, start += MEMBERS_PER_GROUP) {
    groups.push({
      DisplayName: `${pick(GROUP_NAMES, rnd)} ${g + 1}`,
      GroupType: g === 0 ? 'Favorites' : 'NormalGroup',
      ExchangeStoreId: { Id: storeId(0x11, g, rnd), ChangeKey: changeKey(rnd) },
      MemberCorrelationKey: personaIds.slice(start, start + MEMBERS_PER_GROUP).map((p) => ({ Id: p.Id })),
    });
  }
  return {
    body: { ResponseClass: 'Success', ResponseCode: 'NoError', ImItemList: { Groups: groups, Personas: personas } },
    headers: { ServerVersionInfo: { MajorVersion: 15, MinorVersion: 1, MajorBuildNumber: 2507, MinorBuildNumber: 6, Version: 'V2017_07_11' } },
    personas: personaCount,
    groups: groups.length,
    memberKeys: personaCount,
  };
}

/** Both request shapes of the writing benchmark, in our typed form and in node-soap's argument form. */
export type RequestFixture =
  | { name: 'AddNewImContactToGroup'; label: string; ours: T.AddNewImContactToGroupRequestBody; soapArgs: Record<string, unknown> }
  | { name: 'GetImItems'; label: string; ours: T.GetImItemsRequestBody; soapArgs: Record<string, unknown> };

/**
 * The SOAP headers of every request in the bench, from both clients: what our generated client
 * sends by default (RequestServerVersion, as in the specification's examples).
 */
export const REQUEST_HEADERS: ReadonlyInput<T.GetImItemsRequestHeaders> = ExchangeServiceClient.defaultSoapHeaders;

/** The RequestServerVersion/@Version node-soap is told to send, the same as ours. */
export const SERVER_VERSION_REQUESTED: string = REQUEST_HEADERS.RequestServerVersion?.Version ?? 'Exchange2013';

export function addNewImContactToGroupRequest(): RequestFixture {
  const rnd = prng(7);
  const group = { Id: storeId(0x11, 3, rnd), ChangeKey: changeKey(rnd) };
  return {
    name: 'AddNewImContactToGroup',
    label: 'AddNewImContactToGroup',
    ours: { ImAddress: 'sip:zoe.quinn@contoso.com', DisplayName: 'Zoë Quinn', GroupId: group },
    soapArgs: { ImAddress: 'sip:zoe.quinn@contoso.com', DisplayName: 'Zoë Quinn', GroupId: { attributes: { Id: group.Id, ChangeKey: group.ChangeKey } } },
  };
}

export function getImItemsRequest(contacts: number): RequestFixture {
  const rnd = prng(11);
  const ids: T.ItemIdType[] = [];
  for (let i = 0; i < contacts; i++) ids.push({ Id: storeId(0x13, i, rnd) });
  return {
    name: 'GetImItems',
    label: `GetImItems (${contacts} ContactIds)`,
    ours: { ContactIds: ids.map((id) => ({ ItemId: id })) },
    soapArgs: { ContactIds: { ItemId: ids.map((id) => ({ attributes: { Id: id.Id } })) } },
  };
}
