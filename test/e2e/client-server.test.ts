// The generated ExchangeServiceClient against the in-memory Unified Contact Store (server/) over
// real HTTP on 127.0.0.1: both ends are generated code, so every call here proves the client's
// writer and reader against the server's reader and writer, and the client's error mapping
// (ResponseError, SoapFaultError, AuthenticationError, SerializeError) against what the server sends.
import {
  AuthenticationError,
  HttpError,
  ResponseError,
  SerializeError,
  SoapFaultError,
  type TraceEvent,
} from '@wsdl-codegen/runtime';
import { ExchangeServiceClient, operations, type ExchangeServiceClientOptions } from '../../generated/src';
import type * as T from '../../generated/src/types';
import { startUcsServer, type UcsServer, type UcsServerOptions } from '../../server/http';
import { UcsStore, type UcsStoreOptions } from '../../server/store';

const TYPES_NS = 'http://schemas.microsoft.com/exchange/services/2006/types';
const ERRORS_NS = 'http://schemas.microsoft.com/exchange/services/2006/errors';
const SOAP_ENV = 'http://schemas.xmlsoap.org/soap/envelope/';
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** Persona CreationTime: the store's clock, to the second. */
const CREATED = '2024-05-06T07:08:09Z';
const CLOCK = (): Date => new Date('2024-05-06T07:08:09.750Z');

/** What the server reports in every response (the documented examples' ServerVersionInfo). */
const SERVER_VERSION_INFO: T.ServerVersionInfo = {
  MajorVersion: 15,
  MinorVersion: 0,
  MajorBuildNumber: 349,
  MinorBuildNumber: 0,
  Version: 'Exchange2013',
};

const GROUP_TYPE = {
  user: 'IPM.DistList.MOC.UserGroup',
  other: 'IPM.DistList.MOC.OtherContacts',
  dg: 'IPM.DistList.MOC.DG',
} as const;

const SUCCESS = { ResponseClass: 'Success', ResponseCode: 'NoError' } as const;

/**
 * Change keys are deterministic (server/ids.ts): base64 of a 4-byte class (0x12 for groups) and the
 * mailbox's 4-byte change number, both little endian. Every group or contact creation, membership
 * change and rename takes the next change number.
 */
function groupChangeKey(changeNumber: number): string {
  const b = Buffer.alloc(8);
  b.writeUInt32LE(0x12, 0);
  b.writeUInt32LE(changeNumber, 4);
  return b.toString('base64');
}

/** The QuickContacts folder never changes: its change key is the fixed 4-byte value 1. */
const FOLDER_CHANGE_KEY = Buffer.from([1, 0, 0, 0]).toString('base64');

// ---- harness ------------------------------------------------------------------------------------

const servers: UcsServer[] = [];
const clients: ExchangeServiceClient[] = [];

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function startServer(options: Omit<UcsServerOptions, 'store'> = {}, storeOptions: UcsStoreOptions = {}): Promise<UcsServer> {
  const server = await startUcsServer({ ...options, port: 0, store: new UcsStore({ now: CLOCK, ...storeOptions }) });
  servers.push(server);
  return server;
}

function clientFor(server: UcsServer, options: Omit<ExchangeServiceClientOptions, 'url'> = {}): ExchangeServiceClient {
  // One attempt: no test here expects a retry, and a retried failure would hide what the first answer was.
  const client = new ExchangeServiceClient({ retry: { maxAttempts: 1 }, ...options, url: server.url });
  clients.push(client);
  return client;
}

/** A client that sends as `mailbox` through ExchangeImpersonation. */
function impersonating(server: UcsServer, mailbox: string, options: Omit<ExchangeServiceClientOptions, 'url'> = {}): ExchangeServiceClient {
  return clientFor(server, { ...options, soapHeaders: { ExchangeImpersonation: { ConnectingSID: { PrimarySmtpAddress: mailbox } } } });
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (e) {
    return e;
  }
  throw new Error('expected the call to reject, but it resolved');
}

/** The call rejects with ResponseError carrying this code and message; returns the error. */
async function expectResponseError(
  promise: Promise<unknown>,
  operation: string,
  responseCode: T.ResponseCodeType,
  messageText: string,
): Promise<ResponseError> {
  const e = await rejection(promise);
  if (!(e instanceof ResponseError)) throw new Error(`expected a ResponseError, got ${String(e)}`);
  expect({ operation: e.operation, responseClass: e.responseClass, responseCode: e.responseCode, messageText: e.messageText }).toEqual({
    operation,
    responseClass: 'Error',
    responseCode,
    messageText,
  });
  expect(e.descriptiveLinkKey).toBe(0);
  expect(e.message).toBe(`${operation} failed: ${responseCode}: ${messageText}`);
  expect(e.body).toMatchObject({ ResponseClass: 'Error', ResponseCode: responseCode, MessageText: messageText });
  return e;
}

async function expectFault(promise: Promise<unknown>): Promise<SoapFaultError> {
  const e = await rejection(promise);
  if (!(e instanceof SoapFaultError)) throw new Error(`expected a SoapFaultError, got ${String(e)}`);
  return e;
}

async function expectSerializeError(promise: Promise<unknown>): Promise<SerializeError> {
  const e = await rejection(promise);
  if (!(e instanceof SerializeError)) throw new Error(`expected a SerializeError, got ${String(e)}`);
  return e;
}

/** A group's ExchangeStoreId as an ItemId (with its change key when `withChangeKey`). */
function storeId(group: T.ImGroupType | undefined, withChangeKey = false): T.ItemIdType {
  const id = group?.ExchangeStoreId;
  if (id === undefined) throw new Error('the group carries no ExchangeStoreId');
  return withChangeKey && id.ChangeKey !== undefined ? { Id: id.Id, ChangeKey: id.ChangeKey } : { Id: id.Id };
}

/** The ids a new contact's persona reveals: persona id, store item id and change key, QuickContacts folder id. */
interface ContactRef {
  personaId: string;
  itemId: string;
  itemChangeKey: string;
  folderId: string;
}

function contactRef(persona: T.PersonaType | undefined): ContactRef {
  if (persona === undefined) throw new Error('no persona returned');
  const attribution = persona.Attributions?.[0];
  if (attribution === undefined || attribution.FolderId === undefined || attribution.SourceId.ChangeKey === undefined) {
    throw new Error('the persona carries no complete attribution');
  }
  return {
    personaId: persona.PersonaId.Id,
    itemId: attribution.SourceId.Id,
    itemChangeKey: attribution.SourceId.ChangeKey,
    folderId: attribution.FolderId.Id,
  };
}

interface PersonaFields {
  displayName: string;
  imAddress: string;
  /** The SMTP address the persona shows when the IM address is an SMTP-like SIP address. */
  email?: string;
  /** A TEL URI contact's telephone number, shown as a business phone. */
  phone?: string;
  extended?: T.ExtendedPropertyType[];
}

/** The persona the store reports for a contact (server/store.ts, the QuickContacts attribution). */
function expectedPersona(ref: ContactRef, f: PersonaFields): T.PersonaType {
  const attributed = <V>(Value: V): { Value: V; Attributions: string[] } => ({ Value, Attributions: ['0'] });
  const email: T.EmailAddressType | undefined = f.email === undefined ? undefined : { Name: f.displayName, EmailAddress: f.email, RoutingType: 'SMTP' };
  const phone: T.PersonaPhoneNumberType | undefined = f.phone === undefined ? undefined : { Number: f.phone, Type: 'Business' };
  return {
    PersonaId: { Id: ref.personaId },
    PersonaType: 'Person',
    CreationTime: CREATED,
    DisplayName: f.displayName,
    DisplayNameFirstLast: f.displayName,
    DisplayNameLastFirst: f.displayName,
    FileAsId: 'None',
    ...(email === undefined ? {} : { EmailAddress: email, EmailAddresses: [email] }),
    ...(phone === undefined ? {} : { PhoneNumber: phone }),
    ImAddress: f.imAddress,
    RelevanceScore: 2147483647,
    Attributions: [
      {
        Id: '0',
        SourceId: { Id: ref.itemId, ChangeKey: ref.itemChangeKey },
        DisplayName: 'Outlook',
        IsWritable: true,
        IsQuickContact: true,
        IsHidden: false,
        FolderId: { Id: ref.folderId, ChangeKey: FOLDER_CHANGE_KEY },
      },
    ],
    DisplayNames: [attributed(f.displayName)],
    FileAsIds: [attributed('None')],
    ...(phone === undefined ? {} : { BusinessPhoneNumbers: [attributed(phone)] }),
    ...(email === undefined ? {} : { Emails1: [attributed(email)] }),
    ImAddresses: [attributed(f.imAddress)],
    ...(f.extended === undefined ? {} : { ExtendedProperties: f.extended.map((p) => attributed(p)) }),
  };
}

function expectSoapMeta(result: { $soap: { headers: { ServerVersionInfo?: T.ServerVersionInfo }; warnings: unknown[]; status: number } }): void {
  expect(result.$soap.status).toBe(200);
  expect(result.$soap.warnings).toEqual([]);
  expect(result.$soap.headers.ServerVersionInfo).toEqual(SERVER_VERSION_INFO);
  expect(Object.keys(result)).not.toContain('$soap');
}

/** A trace that records the kinds of transport events, to prove that nothing was sent. */
function recorder(): { events: TraceEvent[]; trace: (e: TraceEvent) => void } {
  const events: TraceEvent[] = [];
  return { events, trace: (e) => events.push(e) };
}

/** Creates a group and a contact in it, then removes the group: its id and the contact's are now unknown. */
async function goneGroupAndContact(client: ExchangeServiceClient): Promise<{ group: T.ItemIdType; contact: T.ItemIdType }> {
  const g = await client.addImGroup({ DisplayName: 'Short-lived' });
  const p = await client.addNewImContactToGroup({ ImAddress: 'sip:gone@contoso.com', GroupId: storeId(g.ImGroup) });
  const contact = { Id: contactRef(p.Persona).personaId };
  await client.removeImGroup({ GroupId: storeId(g.ImGroup) });
  return { group: storeId(g.ImGroup), contact };
}

// ---- every operation: a success path and an error path ------------------------------------------

describe('client ↔ UCS server: every operation', () => {
  it('AddImGroup creates a UserGroup, returns the same group for the same name in another case', async () => {
    const client = clientFor(await startServer());
    const created = await client.addImGroup({ DisplayName: 'Customers' });
    expect(created).toEqual({
      ...SUCCESS,
      ImGroup: {
        DisplayName: 'Customers',
        GroupType: GROUP_TYPE.user,
        ExchangeStoreId: { Id: expect.stringMatching(BASE64), ChangeKey: groupChangeKey(1) },
      },
    });
    expectSoapMeta(created);
    const again = await client.addImGroup({ DisplayName: 'CUSTOMERS' });
    expect(again).toEqual(created);
  });

  it('AddImGroup beyond the group limit is ErrorImGroupLimitReached', async () => {
    const client = clientFor(await startServer({}, { maxGroups: 1 }));
    await client.addImGroup({ DisplayName: 'One' });
    await expectResponseError(client.addImGroup({ DisplayName: 'Two' }), 'AddImGroup', 'ErrorImGroupLimitReached', 'The maximum number of IM groups has been reached.');
  });

  it('AddNewImContactToGroup creates the contact in the group and returns its persona', async () => {
    const client = clientFor(await startServer());
    const g = await client.addImGroup({ DisplayName: 'Friends' });
    const added = await client.addNewImContactToGroup({ ImAddress: 'sip:ann@contoso.com', DisplayName: 'Ann Beebe', GroupId: storeId(g.ImGroup, true) });
    expectSoapMeta(added);
    const ref = contactRef(added.Persona);
    expect([ref.personaId, ref.itemId, ref.itemChangeKey, ref.folderId].every((s) => BASE64.test(s))).toBe(true);
    expect(new Set([ref.personaId, ref.itemId, ref.folderId, storeId(g.ImGroup).Id]).size).toBe(4);
    expect(added).toEqual({
      ...SUCCESS,
      Persona: expectedPersona(ref, { displayName: 'Ann Beebe', imAddress: 'sip:ann@contoso.com', email: 'ann@contoso.com' }),
    });
    const items = await client.getImItems({ GroupIds: [{ ItemId: storeId(g.ImGroup) }] });
    expect(items.ImItemList?.Groups?.[0]?.MemberCorrelationKey).toEqual([{ Id: ref.personaId }]);
  });

  it('AddNewImContactToGroup with an unknown group or a distribution group is ErrorInvalidImGroupId', async () => {
    const client = clientFor(await startServer());
    const { group } = await goneGroupAndContact(client);
    await expectResponseError(
      client.addNewImContactToGroup({ ImAddress: 'sip:ann@contoso.com', GroupId: group }),
      'AddNewImContactToGroup',
      'ErrorInvalidImGroupId',
      'The specified Im Group Id is invalid.',
    );
    const dg = await client.addDistributionGroupToImList({ SmtpAddress: 'sales@contoso.com', DisplayName: 'Sales' });
    await expectResponseError(
      client.addNewImContactToGroup({ ImAddress: 'sip:ann@contoso.com', GroupId: storeId(dg.ImGroup) }),
      'AddNewImContactToGroup',
      'ErrorInvalidImGroupId',
      'Contacts cannot be added to a distribution group.',
    );
  });

  it('AddNewTelUriContactToGroup creates a TEL URI contact with a business phone', async () => {
    const client = clientFor(await startServer());
    const g = await client.addImGroup({ DisplayName: 'Phones' });
    const added = await client.addNewTelUriContactToGroup({
      TelUriAddress: 'tel:+14255550100',
      ImContactSipUriAddress: 'sip:+14255550100@contoso.com;user=phone',
      ImTelephoneNumber: '+1 425 555 0100',
      GroupId: storeId(g.ImGroup),
    });
    expectSoapMeta(added);
    expect(added).toEqual({
      ...SUCCESS,
      Persona: expectedPersona(contactRef(added.Persona), {
        displayName: '+1 425 555 0100',
        imAddress: 'sip:+14255550100@contoso.com;user=phone',
        phone: '+1 425 555 0100',
      }),
    });
  });

  it('AddNewTelUriContactToGroup into a full group is ErrorImContactLimitReached', async () => {
    const client = clientFor(await startServer({}, { maxContactsPerGroup: 1 }));
    const g = await client.addImGroup({ DisplayName: 'Phones' });
    const tel = { TelUriAddress: 'tel:+14255550100', ImContactSipUriAddress: 'sip:+14255550100@contoso.com;user=phone', ImTelephoneNumber: '+14255550100' };
    await client.addNewTelUriContactToGroup({ ...tel, GroupId: storeId(g.ImGroup) });
    await expectResponseError(
      client.addNewTelUriContactToGroup({ ...tel, GroupId: storeId(g.ImGroup) }),
      'AddNewTelUriContactToGroup',
      'ErrorImContactLimitReached',
      'The maximum number of IM contacts in the group has been reached.',
    );
  });

  it('AddImContactToGroup adds an existing contact, by persona id or by store item id', async () => {
    const client = clientFor(await startServer());
    const a = await client.addImGroup({ DisplayName: 'A' });
    const b = await client.addImGroup({ DisplayName: 'B' });
    const c = await client.addImGroup({ DisplayName: 'C' });
    const ref = contactRef((await client.addNewImContactToGroup({ ImAddress: 'sip:ann@contoso.com', GroupId: storeId(a.ImGroup) })).Persona);
    const byPersona = await client.addImContactToGroup({ ContactId: { Id: ref.personaId }, GroupId: storeId(b.ImGroup) });
    expect(byPersona).toEqual(SUCCESS);
    expectSoapMeta(byPersona);
    expect(await client.addImContactToGroup({ ContactId: { Id: ref.itemId, ChangeKey: ref.itemChangeKey }, GroupId: storeId(c.ImGroup) })).toEqual(SUCCESS);
    // Without a GroupId a contact goes into OtherContacts, "the remainder of contacts not in any
    // other group" (2.2.4.2): one that groups hold stays out, and one put in a group leaves it.
    // Before, ann was listed in OtherContacts beside A, B and C.
    expect(await client.addImContactToGroup({ ContactId: { Id: ref.personaId } })).toEqual(SUCCESS);
    const bob = contactRef((await client.addNewImContactToGroup({ ImAddress: 'sip:bob@contoso.com' })).Persona);
    const cid = contactRef((await client.addNewImContactToGroup({ ImAddress: 'sip:cid@contoso.com' })).Persona);
    expect(await client.addImContactToGroup({ ContactId: { Id: cid.personaId }, GroupId: storeId(a.ImGroup) })).toEqual(SUCCESS);
    // A request whose properties are all optional may be left out: the body defaults to {}.
    const list = await client.getImItemList();
    expect(list.ImItemList?.Groups?.map((g) => [g.DisplayName, g.GroupType, g.MemberCorrelationKey])).toEqual([
      ['A', GROUP_TYPE.user, [{ Id: ref.personaId }, { Id: cid.personaId }]],
      ['B', GROUP_TYPE.user, [{ Id: ref.personaId }]],
      ['C', GROUP_TYPE.user, [{ Id: ref.personaId }]],
      ['Other Contacts', GROUP_TYPE.other, [{ Id: bob.personaId }]],
    ]);
    expect(list.ImItemList?.Personas?.map((p) => p.PersonaId.Id)).toEqual([ref.personaId, bob.personaId, cid.personaId]);
  });

  it('AddImContactToGroup with a deleted contact is ErrorInvalidImContactId', async () => {
    const client = clientFor(await startServer());
    const { contact } = await goneGroupAndContact(client);
    const g = await client.addImGroup({ DisplayName: 'Target' });
    await expectResponseError(
      client.addImContactToGroup({ ContactId: contact, GroupId: storeId(g.ImGroup) }),
      'AddImContactToGroup',
      'ErrorInvalidImContactId',
      'The specified Im Contact Id is invalid.',
    );
  });

  it('AddDistributionGroupToImList adds a directory group once', async () => {
    const client = clientFor(await startServer({}, { distributionGroups: ['sales@contoso.com'] }));
    const first = await client.addDistributionGroupToImList({ SmtpAddress: 'sales@contoso.com', DisplayName: 'Sales' });
    expectSoapMeta(first);
    expect(first).toEqual({
      ...SUCCESS,
      ImGroup: { DisplayName: 'Sales', GroupType: GROUP_TYPE.dg, ExchangeStoreId: { Id: expect.stringMatching(BASE64), ChangeKey: groupChangeKey(1) } },
    });
    expect(await client.addDistributionGroupToImList({ SmtpAddress: 'Sales@Contoso.com', DisplayName: 'Sales again' })).toEqual(first);
  });

  it('AddDistributionGroupToImList with an address outside the directory or not an address is ErrorInvalidImDistributionGroupSmtpAddress', async () => {
    const client = clientFor(await startServer({}, { distributionGroups: ['sales@contoso.com'] }));
    for (const SmtpAddress of ['nobody@contoso.com', 'not an address']) {
      await expectResponseError(
        client.addDistributionGroupToImList({ SmtpAddress, DisplayName: 'X' }),
        'AddDistributionGroupToImList',
        'ErrorInvalidImDistributionGroupSmtpAddress',
        'The specified IM distribution group SMTP address is invalid.',
      );
    }
  });

  it('GetImItemList of a new mailbox is an empty list', async () => {
    const client = clientFor(await startServer());
    const list = await client.getImItemList({});
    expectSoapMeta(list);
    expect(list.ResponseClass).toBe('Success');
    expect(list.ResponseCode).toBe('NoError');
    expect(list.ImItemList?.Groups ?? []).toEqual([]);
    expect(list.ImItemList?.Personas ?? []).toEqual([]);
  });

  it('GetImItemList with an invalid extended property path is ErrorInvalidExtendedProperty', async () => {
    const client = clientFor(await startServer());
    await expectResponseError(
      client.getImItemList({ ExtendedProperties: [{ PropertyName: 'NoSet', PropertyType: 'String' }] }),
      'GetImItemList',
      'ErrorInvalidExtendedProperty',
      'The extended property attribute combination is invalid.',
    );
  });

  it('GetImItems returns exactly the groups and contacts asked for', async () => {
    const client = clientFor(await startServer());
    const g = await client.addImGroup({ DisplayName: 'Friends' });
    const ann = contactRef((await client.addNewImContactToGroup({ ImAddress: 'sip:ann@contoso.com', DisplayName: 'Ann', GroupId: storeId(g.ImGroup) })).Persona);
    const items = await client.getImItems({ ContactIds: [{ ItemId: { Id: ann.personaId } }], GroupIds: [{ ItemId: storeId(g.ImGroup) }] });
    expectSoapMeta(items);
    expect(items).toEqual({
      ...SUCCESS,
      ImItemList: {
        Groups: [
          {
            DisplayName: 'Friends',
            GroupType: GROUP_TYPE.user,
            ExchangeStoreId: { Id: storeId(g.ImGroup).Id, ChangeKey: groupChangeKey(3) },
            MemberCorrelationKey: [{ Id: ann.personaId }],
          },
        ],
        Personas: [expectedPersona(ann, { displayName: 'Ann', imAddress: 'sip:ann@contoso.com', email: 'ann@contoso.com' })],
      },
    });
  });

  it('GetImItems with a removed group is ErrorInvalidImGroupId, with a removed contact ErrorInvalidImContactId', async () => {
    const client = clientFor(await startServer());
    const gone = await goneGroupAndContact(client);
    await expectResponseError(client.getImItems({ GroupIds: [{ ItemId: gone.group }] }), 'GetImItems', 'ErrorInvalidImGroupId', 'The specified Im Group Id is invalid.');
    await expectResponseError(client.getImItems({ ContactIds: [{ ItemId: gone.contact }] }), 'GetImItems', 'ErrorInvalidImContactId', 'The specified Im Contact Id is invalid.');
    // The other members of the id choice name no contact or group of the list.
    await expectResponseError(
      client.getImItems({ ContactIds: [{ OccurrenceItemId: { RecurringMasterId: gone.contact.Id, InstanceIndex: 1 } }] }),
      'GetImItems',
      'ErrorInvalidImContactId',
      'The specified Im Contact Id is invalid.',
    );
    await expectResponseError(
      client.getImItems({ GroupIds: [{ RecurringMasterItemId: { OccurrenceId: gone.group.Id } }] }),
      'GetImItems',
      'ErrorInvalidImGroupId',
      'The specified Im Group Id is invalid.',
    );
  });

  it('RemoveContactFromImList removes the contact from every group and deletes it', async () => {
    const client = clientFor(await startServer());
    const a = await client.addImGroup({ DisplayName: 'A' });
    const b = await client.addImGroup({ DisplayName: 'B' });
    const ann = contactRef((await client.addNewImContactToGroup({ ImAddress: 'sip:ann@contoso.com', GroupId: storeId(a.ImGroup) })).Persona);
    await client.addImContactToGroup({ ContactId: { Id: ann.personaId }, GroupId: storeId(b.ImGroup) });
    const removed = await client.removeContactFromImList({ ContactId: { Id: ann.itemId, ChangeKey: ann.itemChangeKey } });
    expect(removed).toEqual(SUCCESS);
    expectSoapMeta(removed);
    const list = await client.getImItemList({});
    expect(list.ImItemList?.Groups?.map((g) => [g.DisplayName, g.MemberCorrelationKey])).toEqual([
      ['A', undefined],
      ['B', undefined],
    ]);
    expect(list.ImItemList?.Personas ?? []).toEqual([]);
  });

  it('RemoveContactFromImList with an empty, malformed or deleted id is ErrorInvalidIdEmpty / ErrorInvalidIdMalformed / ErrorInvalidImContactId', async () => {
    const client = clientFor(await startServer());
    await expectResponseError(client.removeContactFromImList({ ContactId: { Id: '' } }), 'RemoveContactFromImList', 'ErrorInvalidIdEmpty', 'Id is empty.');
    await expectResponseError(client.removeContactFromImList({ ContactId: { Id: 'not-an-id' } }), 'RemoveContactFromImList', 'ErrorInvalidIdMalformed', 'Id is malformed.');
    const { contact } = await goneGroupAndContact(client);
    await expectResponseError(client.removeContactFromImList({ ContactId: contact }), 'RemoveContactFromImList', 'ErrorInvalidImContactId', 'The specified Im Contact Id is invalid.');
  });

  it('RemoveDistributionGroupFromImList removes a distribution group', async () => {
    const client = clientFor(await startServer());
    const dg = await client.addDistributionGroupToImList({ SmtpAddress: 'sales@contoso.com', DisplayName: 'Sales' });
    const removed = await client.removeDistributionGroupFromImList({ GroupId: storeId(dg.ImGroup, true) });
    expect(removed).toEqual(SUCCESS);
    expectSoapMeta(removed);
    expect((await client.getImItemList({})).ImItemList?.Groups ?? []).toEqual([]);
  });

  it('RemoveDistributionGroupFromImList with a user group is ErrorInvalidImGroupId', async () => {
    const client = clientFor(await startServer());
    const g = await client.addImGroup({ DisplayName: 'Friends' });
    await expectResponseError(
      client.removeDistributionGroupFromImList({ GroupId: storeId(g.ImGroup) }),
      'RemoveDistributionGroupFromImList',
      'ErrorInvalidImGroupId',
      'The specified Im Group Id is not a distribution group.',
    );
  });

  it('RemoveImContactFromGroup takes the contact out of one group and keeps it in the other', async () => {
    const client = clientFor(await startServer());
    const a = await client.addImGroup({ DisplayName: 'A' });
    const b = await client.addImGroup({ DisplayName: 'B' });
    const ann = contactRef((await client.addNewImContactToGroup({ ImAddress: 'sip:ann@contoso.com', GroupId: storeId(a.ImGroup) })).Persona);
    await client.addImContactToGroup({ ContactId: { Id: ann.personaId }, GroupId: storeId(b.ImGroup) });
    const removed = await client.removeImContactFromGroup({ ContactId: { Id: ann.personaId }, GroupId: storeId(a.ImGroup) });
    expect(removed).toEqual(SUCCESS);
    expectSoapMeta(removed);
    const list = await client.getImItemList({});
    expect(list.ImItemList?.Groups?.map((g) => [g.DisplayName, g.MemberCorrelationKey])).toEqual([
      ['A', undefined],
      ['B', [{ Id: ann.personaId }]],
    ]);
    expect(list.ImItemList?.Personas?.map((p) => p.PersonaId.Id)).toEqual([ann.personaId]);
  });

  it('RemoveImContactFromGroup for a contact not in the group is ErrorUnableToRemoveImContactFromGroup', async () => {
    const client = clientFor(await startServer());
    const a = await client.addImGroup({ DisplayName: 'A' });
    const b = await client.addImGroup({ DisplayName: 'B' });
    const ann = contactRef((await client.addNewImContactToGroup({ ImAddress: 'sip:ann@contoso.com', GroupId: storeId(a.ImGroup) })).Persona);
    await expectResponseError(
      client.removeImContactFromGroup({ ContactId: { Id: ann.personaId }, GroupId: storeId(b.ImGroup) }),
      'RemoveImContactFromGroup',
      'ErrorUnableToRemoveImContactFromGroup',
      'The contact is not a member of the specified IM group.',
    );
  });

  it('RemoveImGroup removes the group and the contacts that were only in it', async () => {
    const client = clientFor(await startServer());
    const keep = await client.addImGroup({ DisplayName: 'Keep' });
    const drop = await client.addImGroup({ DisplayName: 'Drop' });
    const both = contactRef((await client.addNewImContactToGroup({ ImAddress: 'sip:both@contoso.com', GroupId: storeId(keep.ImGroup) })).Persona);
    await client.addImContactToGroup({ ContactId: { Id: both.personaId }, GroupId: storeId(drop.ImGroup) });
    await client.addNewImContactToGroup({ ImAddress: 'sip:only@contoso.com', GroupId: storeId(drop.ImGroup) });
    const removed = await client.removeImGroup({ GroupId: storeId(drop.ImGroup) });
    expect(removed).toEqual(SUCCESS);
    expectSoapMeta(removed);
    const list = await client.getImItemList({});
    expect(list.ImItemList?.Groups?.map((g) => g.DisplayName)).toEqual(['Keep']);
    expect(list.ImItemList?.Personas?.map((p) => p.ImAddress)).toEqual(['sip:both@contoso.com']);
  });

  it("RemoveImGroup with another mailbox's group is ErrorNonExistentMailbox naming that mailbox's GUID", async () => {
    const server = await startServer();
    const alice = impersonating(server, 'alice@contoso.com');
    const bob = impersonating(server, 'bob@contoso.com');
    const g = await alice.addImGroup({ DisplayName: 'Alice only' });
    const e = await expectResponseError(bob.removeImGroup({ GroupId: storeId(g.ImGroup) }), 'RemoveImGroup', 'ErrorNonExistentMailbox', 'No mailbox with such guid.');
    expect(e.value('MailboxGuid')).toBe(server.store.mailbox('alice@contoso.com').guid);
    expect(e.value('MailboxGuid')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect((await alice.getImItemList({})).ImItemList?.Groups?.map((x) => x.DisplayName)).toEqual(['Alice only']);
  });

  it('SetImGroup renames a group and gives it a new change key', async () => {
    const client = clientFor(await startServer());
    const g = await client.addImGroup({ DisplayName: 'Colleagues' });
    const renamed = await client.setImGroup({ GroupId: storeId(g.ImGroup, true), NewDisplayName: 'Work' });
    expect(renamed).toEqual(SUCCESS);
    expectSoapMeta(renamed);
    const items = await client.getImItems({ GroupIds: [{ ItemId: storeId(g.ImGroup) }] });
    expect(items.ImItemList?.Groups).toEqual([
      { DisplayName: 'Work', GroupType: GROUP_TYPE.user, ExchangeStoreId: { Id: storeId(g.ImGroup).Id, ChangeKey: groupChangeKey(2) } },
    ]);
  });

  it('SetImGroup to a name another group has is ErrorImGroupDisplayNameAlreadyExists', async () => {
    const client = clientFor(await startServer());
    await client.addImGroup({ DisplayName: 'Friends' });
    const g = await client.addImGroup({ DisplayName: 'Colleagues' });
    await expectResponseError(
      client.setImGroup({ GroupId: storeId(g.ImGroup), NewDisplayName: 'friends' }),
      'SetImGroup',
      'ErrorImGroupDisplayNameAlreadyExists',
      'An IM group with the specified display name already exists.',
    );
  });

  it('SetImListMigrationCompleted records the flag on the mailbox', async () => {
    const server = await startServer();
    const client = impersonating(server, 'carol@contoso.com');
    const done = await client.setImListMigrationCompleted({ ImListMigrationCompleted: true });
    expect(done).toEqual(SUCCESS);
    expectSoapMeta(done);
    expect(server.store.mailbox('carol@contoso.com').imListMigrationCompleted).toBe(true);
    await client.setImListMigrationCompleted({ ImListMigrationCompleted: false });
    expect(server.store.mailbox('carol@contoso.com').imListMigrationCompleted).toBe(false);
  });

  it('SetImListMigrationCompleted for a mailbox that is not one of the users is ErrorNonExistentMailbox', async () => {
    const server = await startServer({ users: { 'alice@contoso.com': 'secret' } });
    const client = impersonating(server, 'nobody@contoso.com', { auth: { type: 'basic', username: 'alice@contoso.com', password: 'secret' } });
    const e = await expectResponseError(
      client.setImListMigrationCompleted({ ImListMigrationCompleted: true }),
      'SetImListMigrationCompleted',
      'ErrorNonExistentMailbox',
      'The SMTP address has no mailbox associated with it.',
    );
    expect(e.value('SmtpAddress')).toBe('nobody@contoso.com');
    expect(server.store.hasMailbox('nobody@contoso.com')).toBe(false);
  });
});

// ---- requests the writer or the server refuses -----------------------------------------------------

describe('client ↔ UCS server: refused requests', () => {
  it('values the schema forbids are refused by the writer with SerializeError, before anything is sent', async () => {
    const server = await startServer();
    const { events, trace } = recorder();
    const client = clientFor(server, { trace });
    const g = await client.addImGroup({ DisplayName: 'Friends' });
    events.length = 0;

    // The path starts at the request element (as the reader's paths do).
    const emptyName = await expectSerializeError(client.addImGroup({ DisplayName: '' }));
    expect(emptyName.path).toEqual(['AddImGroup', 'DisplayName']);
    const emptyRename = await expectSerializeError(client.setImGroup({ GroupId: storeId(g.ImGroup), NewDisplayName: '' }));
    expect(emptyRename.path).toEqual(['SetImGroup', 'NewDisplayName']);
    const emptyAddress = await expectSerializeError(client.addNewImContactToGroup({ ImAddress: '' }));
    expect(emptyAddress.path).toEqual(['AddNewImContactToGroup', 'ImAddress']);
    const emptyTel = await expectSerializeError(
      client.addNewTelUriContactToGroup({ TelUriAddress: 'tel:+1', ImContactSipUriAddress: 'sip:+1@contoso.com', ImTelephoneNumber: '' }),
    );
    expect(emptyTel.path).toEqual(['AddNewTelUriContactToGroup', 'ImTelephoneNumber']);
    const controlChar = await expectSerializeError(client.addImGroup({ DisplayName: 'bell\u0007' }));
    expect(controlChar.path).toEqual(['AddImGroup', 'DisplayName']);
    expect(controlChar.message).toContain('U+0007');

    expect(events).toEqual([]);
    expect(server.store.mailbox('default').snapshot().groups.map((x) => x.displayName)).toEqual(['Friends']);
  });

  it('an empty NonEmptyArrayOf... list is refused by the writer, and by the server (ErrorSchemaValidation) when sent anyway', async () => {
    const server = await startServer();
    const client = clientFor(server);
    const refused = await expectSerializeError(client.getImItems({ ContactIds: [] }));
    expect(refused.path).toEqual(['GetImItems', 'ContactIds']);
    expect(refused.detail).toBe('Missing the required choice: one of ItemId, OccurrenceItemId, RecurringMasterItemId, RecurringMasterItemIdRanges');
    // The same request as another client might send it: <ContactIds/> with nothing inside.
    const xml = operations.GetImItems.serializeRequest({ ContactIds: [{ ItemId: { Id: 'AAMkAx' } }] }).replace(/(<(\w+):ContactIds>).*?(<\/\2:ContactIds>)/, '$1$3');
    expect(xml).toMatch(/<(\w+):ContactIds><\/\1:ContactIds>/);
    const res = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: `"${operations.GetImItems.soapAction}"` }, body: xml });
    expect(res.status).toBe(500);
    const fault = await res.text();
    expect(fault).toContain('ErrorSchemaValidation');
    expect(fault).toContain('The request failed schema validation: Missing the required choice: one of ItemId, OccurrenceItemId');
  });

  it('a header that is not well-formed XML is refused by the writer, and by the server (ErrorSchemaValidation) when sent anyway', async () => {
    const server = await startServer();
    const client = clientFor(server);
    const broken = { namespace: 'urn:example', localName: 'Broken', xml: '<x:Broken xmlns:x="urn:example"><open></x:Broken>' };
    // Before, $extra headers were pasted into the envelope unchecked, unlike any other XmlAnyElement.
    await expect(client.getImItemList({}, { soapHeaders: { $extra: [broken] } })).rejects.toThrow('The xml of {urn:example}Broken is not one well-formed element');
    const xml = operations.GetImItemList.serializeRequest({}, { $extra: [{ ...broken, xml: '<x:Broken xmlns:x="urn:example"/>' }] }).replace('<x:Broken xmlns:x="urn:example"/>', broken.xml);
    const res = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: `"${operations.GetImItemList.soapAction}"` }, body: xml });
    const text = await res.text();
    const fault = await expectFault((async () => operations.GetImItemList.parseResponse(text))());
    expect(fault.code).toEqual({ namespace: TYPES_NS, localName: 'ErrorSchemaValidation' });
    expect(fault.faultString).toMatch(/^The request failed schema validation: /);
    expect(fault.detailText('ResponseCode', ERRORS_NS)).toBe('ErrorSchemaValidation');
    expect(fault.detailText('Message', ERRORS_NS)).toBe('The request failed schema validation.');
  });

  it('an unknown header with mustUnderstand="1" is a MustUnderstand fault; a repeated Exchange header ErrorDuplicateSOAPHeader', async () => {
    const client = clientFor(await startServer());
    const mustUnderstand = await expectFault(
      client.addImGroup(
        { DisplayName: 'X' },
        {
          soapHeaders: {
            $extra: [{ namespace: 'urn:example', localName: 'Tracking', xml: `<x:Tracking xmlns:x="urn:example" xmlns:s="${SOAP_ENV}" s:mustUnderstand="1">1</x:Tracking>` }],
          },
        },
      ),
    );
    expect(mustUnderstand.code).toEqual({ namespace: SOAP_ENV, localName: 'MustUnderstand' });
    expect(mustUnderstand.faultString).toBe('The SOAP header {urn:example}Tracking is not understood.');

    const duplicate = await expectFault(
      client.addImGroup(
        { DisplayName: 'X' },
        {
          soapHeaders: {
            MailboxCulture: { $value: 'en-US' },
            $extra: [{ namespace: TYPES_NS, localName: 'MailboxCulture', xml: `<t:MailboxCulture xmlns:t="${TYPES_NS}">de-DE</t:MailboxCulture>` }],
          },
        },
      ),
    );
    expect(duplicate.code).toEqual({ namespace: TYPES_NS, localName: 'ErrorDuplicateSOAPHeader' });
    expect(duplicate.detailText('ResponseCode', ERRORS_NS)).toBe('ErrorDuplicateSOAPHeader');
    expect((await client.getImItemList({})).ImItemList?.Groups ?? []).toEqual([]);
  });
});

// ---- mailboxes ---------------------------------------------------------------------------------------

describe('client ↔ UCS server: mailboxes', () => {
  it('ExchangeImpersonation keeps two mailboxes apart; a per-call header overrides the client-wide one', async () => {
    const server = await startServer();
    const alice = impersonating(server, 'alice@contoso.com');
    const bob = impersonating(server, 'bob@contoso.com');
    const ag = await alice.addImGroup({ DisplayName: 'Shared name' });
    const bg = await bob.addImGroup({ DisplayName: 'Shared name' });
    expect(storeId(ag.ImGroup).Id).not.toBe(storeId(bg.ImGroup).Id);
    await alice.addNewImContactToGroup({ ImAddress: 'sip:ann@contoso.com', DisplayName: 'Ann', GroupId: storeId(ag.ImGroup) });
    await bob.addNewImContactToGroup({ ImAddress: 'sip:ben@contoso.com', DisplayName: 'Ben', GroupId: storeId(bg.ImGroup) });

    const aliceList = await alice.getImItemList({});
    const bobList = await bob.getImItemList({});
    expect(aliceList.ImItemList?.Groups?.map((g) => storeId(g).Id)).toEqual([storeId(ag.ImGroup).Id]);
    expect(aliceList.ImItemList?.Personas?.map((p) => p.DisplayName)).toEqual(['Ann']);
    expect(bobList.ImItemList?.Groups?.map((g) => storeId(g).Id)).toEqual([storeId(bg.ImGroup).Id]);
    expect(bobList.ImItemList?.Personas?.map((p) => p.DisplayName)).toEqual(['Ben']);

    // The call's ExchangeImpersonation replaces the client's: alice's client reads bob's list.
    const viaCall = await alice.getImItemList({}, { soapHeaders: { ExchangeImpersonation: { ConnectingSID: { PrimarySmtpAddress: 'bob@contoso.com' } } } });
    expect(viaCall).toEqual(bobList);
    // Without impersonation and without credentials the mailbox is "default", which is empty.
    expect((await clientFor(server).getImItemList({})).ImItemList?.Groups ?? []).toEqual([]);
    expect(server.store.mailboxNames().sort()).toEqual(['alice@contoso.com', 'bob@contoso.com', 'default']);

    await expectResponseError(
      bob.setImGroup({ GroupId: storeId(ag.ImGroup), NewDisplayName: 'Stolen' }),
      'SetImGroup',
      'ErrorNonExistentMailbox',
      'No mailbox with such guid.',
    );
  });

  it('with server users, Basic credentials choose the mailbox; without them the client rejects with AuthenticationError', async () => {
    const server = await startServer({ users: { 'alice@contoso.com': 'alice-pw', 'bob@contoso.com': 'bob-pw' } });
    const alice = clientFor(server, { auth: { type: 'basic', username: 'alice@contoso.com', password: 'alice-pw' } });
    const bob = clientFor(server, { auth: { type: 'basic', username: 'bob@contoso.com', password: 'bob-pw' } });
    const ag = await alice.addImGroup({ DisplayName: 'Alice group' });
    await bob.addImGroup({ DisplayName: 'Bob group' });
    expect((await alice.getImItemList({})).ImItemList?.Groups?.map((g) => g.DisplayName)).toEqual(['Alice group']);
    expect((await bob.getImItemList({})).ImItemList?.Groups?.map((g) => g.DisplayName)).toEqual(['Bob group']);
    expect(server.store.mailbox('alice@contoso.com').snapshot().groups.map((g) => g.id)).toEqual([storeId(ag.ImGroup).Id]);

    // Any authenticated user may impersonate another user's mailbox (server/http.ts).
    const aliceAsBob = await alice.getImItemList({}, { soapHeaders: { ExchangeImpersonation: { ConnectingSID: { PrimarySmtpAddress: 'bob@contoso.com' } } } });
    expect(aliceAsBob.ImItemList?.Groups?.map((g) => g.DisplayName)).toEqual(['Bob group']);

    for (const anonymousOrWrong of [
      clientFor(server),
      clientFor(server, { auth: { type: 'basic', username: 'alice@contoso.com', password: 'wrong' } }),
      clientFor(server, { auth: { type: 'basic', username: 'mallory@contoso.com', password: 'alice-pw' } }),
    ]) {
      const e = await rejection(anonymousOrWrong.addImGroup({ DisplayName: 'Intruder' }));
      if (!(e instanceof AuthenticationError)) throw new Error(`expected an AuthenticationError, got ${String(e)}`);
      expect(e.status).toBe(401);
      expect(e.url).toBe(server.url);
      expect(e.headers['www-authenticate']).toMatch(/^Basic realm="Unified Contact Store"/);
    }
    expect(server.store.mailboxNames().sort()).toEqual(['alice@contoso.com', 'bob@contoso.com']);
  });
});

// ---- a scripted session, through the client only ---------------------------------------------------

describe('client ↔ UCS server: a scripted session', () => {
  it('groups, new and existing contacts, a move, a rename, removals, a TEL URI contact and a distribution group end in the expected list', async () => {
    const server = await startServer({}, { distributionGroups: ['sales@contoso.com'] });
    const client = impersonating(server, 'carol@contoso.com');

    // Change numbers in comments: each creation, membership change and rename takes the next one.
    const friends = await client.addImGroup({ DisplayName: 'Friends' }); // 1
    const colleagues = await client.addImGroup({ DisplayName: 'Colleagues' }); // 2
    const temp = await client.addImGroup({ DisplayName: 'Temp' }); // 3
    expect([friends, colleagues, temp].map((g) => g.ImGroup?.ExchangeStoreId?.ChangeKey)).toEqual([1, 2, 3].map(groupChangeKey));
    const friendsId = storeId(friends.ImGroup);
    const colleaguesId = storeId(colleagues.ImGroup);

    // New IM contacts: ann into Friends (4, 5), bob into Colleagues (6, 7), cid without a group goes
    // into OtherContacts, created on first use (contact 8, group 9, member 10).
    const ann = contactRef((await client.addNewImContactToGroup({ ImAddress: 'sip:ann@contoso.com', DisplayName: 'Ann Beebe', GroupId: friendsId })).Persona);
    const bob = contactRef((await client.addNewImContactToGroup({ ImAddress: 'sip:bob@contoso.com', DisplayName: 'Bob Kelly', GroupId: colleaguesId })).Persona);
    const cid = contactRef((await client.addNewImContactToGroup({ ImAddress: 'cid@fabrikam.com', DisplayName: 'Cid' })).Persona);
    // Adding a known IM address again creates nothing and returns the existing persona.
    const annAgain = await client.addNewImContactToGroup({ ImAddress: 'SIP:Ann@Contoso.com', DisplayName: 'Someone else', GroupId: colleaguesId });
    expect(contactRef(annAgain.Persona)).toEqual(ann);

    // An existing contact into a second group, by its store item id (11).
    await client.addImContactToGroup({ ContactId: { Id: ann.itemId }, GroupId: colleaguesId });
    // Move bob from Colleagues to Friends: add to one (12), remove from the other (13).
    await client.addImContactToGroup({ ContactId: { Id: bob.personaId }, GroupId: friendsId });
    await client.removeImContactFromGroup({ ContactId: { Id: bob.personaId }, GroupId: colleaguesId });
    // Rename Colleagues (14), with its current change key.
    const current = await client.getImItems({ GroupIds: [{ ItemId: colleaguesId }] });
    expect(current.ImItemList?.Groups?.[0]?.ExchangeStoreId?.ChangeKey).toBe(groupChangeKey(13));
    await client.setImGroup({ GroupId: storeId(current.ImItemList?.Groups?.[0], true), NewDisplayName: 'Work' });
    // Remove ann from Friends (15): she stays, as a member of Work.
    await client.removeImContactFromGroup({ ContactId: { Id: ann.personaId }, GroupId: friendsId });
    // dave joins Temp (16, 17) and leaves the whole list (18).
    const dave = contactRef((await client.addNewImContactToGroup({ ImAddress: 'sip:dave@contoso.com', DisplayName: 'Dave', GroupId: storeId(temp.ImGroup) })).Persona);
    await client.removeContactFromImList({ ContactId: { Id: dave.itemId, ChangeKey: dave.itemChangeKey } });
    // erin joins Temp (19, 20); removing Temp deletes her too (21).
    const erin = contactRef((await client.addNewImContactToGroup({ ImAddress: 'sip:erin@contoso.com', DisplayName: 'Erin', GroupId: storeId(temp.ImGroup) })).Persona);
    await client.removeImGroup({ GroupId: storeId(temp.ImGroup) });
    // A TEL URI contact into Friends (22, 23).
    const tel = contactRef(
      (
        await client.addNewTelUriContactToGroup({
          TelUriAddress: 'tel:+14255550100',
          ImContactSipUriAddress: 'sip:+14255550100@contoso.com;user=phone',
          ImTelephoneNumber: '+1 425 555 0100',
          GroupId: friendsId,
        })
      ).Persona,
    );
    // A distribution group, twice: the second answer is the first group (24).
    const sales = await client.addDistributionGroupToImList({ SmtpAddress: 'sales@contoso.com', DisplayName: 'Sales' });
    const salesAgain = await client.addDistributionGroupToImList({ SmtpAddress: 'sales@contoso.com', DisplayName: 'Sales' });
    expect(salesAgain).toEqual(sales);
    const migrated = await client.setImListMigrationCompleted({ ImListMigrationCompleted: true });
    expect(migrated).toEqual(SUCCESS);

    const list = await client.getImItemList({});
    const otherContactsId = list.ImItemList?.Groups?.[2]?.ExchangeStoreId?.Id;
    expect(otherContactsId).toMatch(BASE64);
    // The QuickContacts folder is the same for every contact of the mailbox.
    expect(new Set([ann, bob, cid, dave, erin, tel].map((c) => c.folderId)).size).toBe(1);
    expect(list).toEqual({
      ...SUCCESS,
      ImItemList: {
        Groups: [
          {
            DisplayName: 'Friends',
            GroupType: GROUP_TYPE.user,
            ExchangeStoreId: { Id: friendsId.Id, ChangeKey: groupChangeKey(23) },
            MemberCorrelationKey: [{ Id: bob.personaId }, { Id: tel.personaId }],
          },
          {
            DisplayName: 'Work',
            GroupType: GROUP_TYPE.user,
            ExchangeStoreId: { Id: colleaguesId.Id, ChangeKey: groupChangeKey(14) },
            MemberCorrelationKey: [{ Id: ann.personaId }],
          },
          {
            DisplayName: 'Other Contacts',
            GroupType: GROUP_TYPE.other,
            ExchangeStoreId: { Id: otherContactsId, ChangeKey: groupChangeKey(10) },
            MemberCorrelationKey: [{ Id: cid.personaId }],
          },
          {
            DisplayName: 'Sales',
            GroupType: GROUP_TYPE.dg,
            ExchangeStoreId: { Id: storeId(sales.ImGroup).Id, ChangeKey: groupChangeKey(24) },
            SmtpAddress: 'sales@contoso.com',
          },
        ],
        Personas: [
          expectedPersona(ann, { displayName: 'Ann Beebe', imAddress: 'sip:ann@contoso.com', email: 'ann@contoso.com' }),
          expectedPersona(bob, { displayName: 'Bob Kelly', imAddress: 'sip:bob@contoso.com', email: 'bob@contoso.com' }),
          expectedPersona(cid, { displayName: 'Cid', imAddress: 'cid@fabrikam.com', email: 'cid@fabrikam.com' }),
          expectedPersona(tel, { displayName: '+1 425 555 0100', imAddress: 'sip:+14255550100@contoso.com;user=phone', phone: '+1 425 555 0100' }),
        ],
      },
    });
    expect(list.$soap.headers.ServerVersionInfo).toEqual(SERVER_VERSION_INFO);
    expect(list.$soap.warnings).toEqual([]);
    expect(list.$soap.status).toBe(200);
    expect(server.store.mailbox('carol@contoso.com').imListMigrationCompleted).toBe(true);
    expect(server.store.mailboxNames()).toEqual(['carol@contoso.com']);
  });
});

// ---- GetImItems and extended properties -------------------------------------------------------------

describe('client ↔ UCS server: GetImItems and extended properties', () => {
  it('GetImItems takes ContactIds (persona or item ids, each contact once) and GroupIds, in the order asked', async () => {
    const client = clientFor(await startServer());
    const a = await client.addImGroup({ DisplayName: 'A' }); // 1
    const b = await client.addImGroup({ DisplayName: 'B' }); // 2
    const ann = contactRef((await client.addNewImContactToGroup({ ImAddress: 'sip:ann@contoso.com', DisplayName: 'Ann', GroupId: storeId(a.ImGroup) })).Persona); // 3, 4
    const ben = contactRef((await client.addNewImContactToGroup({ ImAddress: 'ben@fabrikam.com', DisplayName: 'Ben', GroupId: storeId(b.ImGroup) })).Persona); // 5, 6
    const items = await client.getImItems({
      ContactIds: [{ ItemId: { Id: ben.itemId } }, { ItemId: { Id: ann.personaId } }, { ItemId: { Id: ben.personaId, ChangeKey: ben.itemChangeKey } }],
      GroupIds: [{ ItemId: storeId(b.ImGroup) }, { ItemId: storeId(a.ImGroup) }],
    });
    expect(items).toEqual({
      ...SUCCESS,
      ImItemList: {
        Groups: [
          { DisplayName: 'B', GroupType: GROUP_TYPE.user, ExchangeStoreId: { Id: storeId(b.ImGroup).Id, ChangeKey: groupChangeKey(6) }, MemberCorrelationKey: [{ Id: ben.personaId }] },
          { DisplayName: 'A', GroupType: GROUP_TYPE.user, ExchangeStoreId: { Id: storeId(a.ImGroup).Id, ChangeKey: groupChangeKey(4) }, MemberCorrelationKey: [{ Id: ann.personaId }] },
        ],
        Personas: [
          expectedPersona(ben, { displayName: 'Ben', imAddress: 'ben@fabrikam.com', email: 'ben@fabrikam.com' }),
          expectedPersona(ann, { displayName: 'Ann', imAddress: 'sip:ann@contoso.com', email: 'ann@contoso.com' }),
        ],
      },
    });
    const onlyContacts = await client.getImItems({ ContactIds: [{ ItemId: { Id: ann.itemId } }] });
    expect(onlyContacts.ImItemList?.Groups ?? []).toEqual([]);
    expect(onlyContacts.ImItemList?.Personas?.map((p) => p.PersonaId.Id)).toEqual([ann.personaId]);
  });

  it('ExtendedProperties selects which stored extended properties GetImItemList and GetImItems return', async () => {
    const server = await startServer();
    const client = clientFor(server);
    const g = await client.addImGroup({ DisplayName: 'Friends' });
    const ann = contactRef((await client.addNewImContactToGroup({ ImAddress: 'sip:ann@contoso.com', DisplayName: 'Ann', GroupId: storeId(g.ImGroup) })).Persona);

    // No protocol operation writes extended properties: they are seeded in the store.
    const colour: T.PathToExtendedFieldType = { DistinguishedPropertySetId: 'PublicStrings', PropertyName: 'Colour', PropertyType: 'String' };
    const tags: T.PathToExtendedFieldType = { PropertySetId: '00062004-0000-0000-c000-000000000046', PropertyId: 42, PropertyType: 'StringArray' };
    const unasked: T.PathToExtendedFieldType = { PropertyTag: '0x3001', PropertyType: 'String' };
    const mailbox = server.store.mailbox('default');
    mailbox.setExtendedProperty(storeId(g.ImGroup).Id, colour, 'blue');
    mailbox.setExtendedProperty(storeId(g.ImGroup).Id, unasked, 'hidden');
    mailbox.setExtendedProperty(ann.personaId, tags, ['vip', 'customer']);

    const plain = await client.getImItemList({});
    expect(plain.ImItemList?.Groups?.[0]?.ExtendedProperties).toBeUndefined();
    expect(plain.ImItemList?.Personas?.[0]?.ExtendedProperties).toBeUndefined();

    const groupExtended: T.ExtendedPropertyType[] = [{ ExtendedFieldURI: colour, Value: 'blue' }];
    const personaExtended: T.ExtendedPropertyType[] = [{ ExtendedFieldURI: tags, Values: ['vip', 'customer'] }];
    const expectedGroup: T.ImGroupType = {
      DisplayName: 'Friends',
      GroupType: GROUP_TYPE.user,
      ExchangeStoreId: { Id: storeId(g.ImGroup).Id, ChangeKey: groupChangeKey(3) },
      MemberCorrelationKey: [{ Id: ann.personaId }],
      ExtendedProperties: groupExtended,
    };
    const expectedAnn = expectedPersona(ann, { displayName: 'Ann', imAddress: 'sip:ann@contoso.com', email: 'ann@contoso.com', extended: personaExtended });

    const listed = await client.getImItemList({ ExtendedProperties: [colour, tags] });
    expect(listed).toEqual({ ...SUCCESS, ImItemList: { Groups: [expectedGroup], Personas: [expectedAnn] } });

    const items = await client.getImItems({
      ContactIds: [{ ItemId: { Id: ann.personaId } }],
      GroupIds: [{ ItemId: storeId(g.ImGroup) }],
      ExtendedProperties: [colour, tags],
    });
    expect(items).toEqual({ ...SUCCESS, ImItemList: { Groups: [expectedGroup], Personas: [expectedAnn] } });

    // The tag asked for by number selects the property stored under its hex form.
    const byTag = await client.getImItems({ GroupIds: [{ ItemId: storeId(g.ImGroup) }], ExtendedProperties: [{ PropertyTag: 0x3001, PropertyType: 'String' }] });
    expect(byTag.ImItemList?.Groups?.[0]?.ExtendedProperties).toEqual([{ ExtendedFieldURI: unasked, Value: 'hidden' }]);
  });
});

// ---- change keys ---------------------------------------------------------------------------------

describe('client ↔ UCS server: change keys', () => {
  it('a stale group ChangeKey is ErrorStaleObject; the current one is accepted', async () => {
    const client = clientFor(await startServer());
    const g = await client.addImGroup({ DisplayName: 'Colleagues' });
    const original = storeId(g.ImGroup, true);
    await client.setImGroup({ GroupId: original, NewDisplayName: 'Work' });
    const stale = 'The change key passed in the request does not match the current change key for the item.';
    await expectResponseError(client.setImGroup({ GroupId: original, NewDisplayName: 'Office' }), 'SetImGroup', 'ErrorStaleObject', stale);
    await expectResponseError(client.addNewImContactToGroup({ ImAddress: 'sip:ann@contoso.com', GroupId: original }), 'AddNewImContactToGroup', 'ErrorStaleObject', stale);
    await expectResponseError(client.removeImGroup({ GroupId: original }), 'RemoveImGroup', 'ErrorStaleObject', stale);

    const fresh = await client.getImItems({ GroupIds: [{ ItemId: { Id: original.Id } }] });
    const current = storeId(fresh.ImItemList?.Groups?.[0], true);
    expect(current.ChangeKey).not.toBe(original.ChangeKey);
    expect(await client.setImGroup({ GroupId: current, NewDisplayName: 'Office' })).toEqual(SUCCESS);
    expect((await client.getImItemList({})).ImItemList?.Groups?.map((x) => x.DisplayName)).toEqual(['Office']);
  });

  it('a contact ChangeKey that is not the current one is ErrorStaleObject; one that is not a change key ErrorInvalidChangeKey', async () => {
    const client = clientFor(await startServer());
    const ann = contactRef((await client.addNewImContactToGroup({ ImAddress: 'sip:ann@contoso.com' })).Persona);
    const bytes = Buffer.from(ann.itemChangeKey, 'base64');
    bytes.writeUInt32LE(bytes.readUInt32LE(4) + 1000, 4);
    await expectResponseError(
      client.removeContactFromImList({ ContactId: { Id: ann.itemId, ChangeKey: bytes.toString('base64') } }),
      'RemoveContactFromImList',
      'ErrorStaleObject',
      'The change key passed in the request does not match the current change key for the item.',
    );
    await expectResponseError(
      client.removeContactFromImList({ ContactId: { Id: ann.itemId, ChangeKey: 'not a change key' } }),
      'RemoveContactFromImList',
      'ErrorInvalidChangeKey',
      'The change key is invalid.',
    );
    expect(await client.removeContactFromImList({ ContactId: { Id: ann.itemId, ChangeKey: ann.itemChangeKey } })).toEqual(SUCCESS);
  });
});

// ---- values and headers that must survive the trip ------------------------------------------------

describe('client ↔ UCS server: values and headers', () => {
  it('display names with markup characters, CR LF, tabs, surrounding spaces and astral characters arrive and come back unchanged', async () => {
    const client = clientFor(await startServer());
    const names = ['Tom & Jerry <"quoted"> \'it\'s\'', 'line 1\r\nline 2\rline 3\n', '\ttabbed\t', '  spaced  ', 'Zoë 😀 日本', ']]> end'];
    for (const DisplayName of names) {
      const g = await client.addImGroup({ DisplayName });
      expect(g.ImGroup?.DisplayName).toBe(DisplayName);
    }
    const list = await client.getImItemList({});
    expect(list.ImItemList?.Groups?.map((g) => g.DisplayName)).toEqual(names);
    const p = await client.addNewImContactToGroup({ ImAddress: 'sip:zoë@contoso.com', DisplayName: 'Zoë "Z" <z> & co\r\n' });
    expect(p.Persona?.DisplayName).toBe('Zoë "Z" <z> & co\r\n');
    expect(p.Persona?.DisplayNames).toEqual([{ Value: 'Zoë "Z" <z> & co\r\n', Attributions: ['0'] }]);
  });

  it('ids given as RecurringMasterItemIdRangesType (xsi:type) are accepted like ItemIds', async () => {
    const client = clientFor(await startServer());
    const g = await client.addImGroup({ DisplayName: 'Friends' });
    const GroupId: T.RecurringMasterItemIdRangesType = {
      $type: 'RecurringMasterItemIdRangesType',
      Id: storeId(g.ImGroup).Id,
      Ranges: [{ Start: '2024-01-01T00:00:00Z', Count: 1 }],
    };
    const p = await client.addNewImContactToGroup({ ImAddress: 'sip:ann@contoso.com', GroupId });
    const items = await client.getImItems({ GroupIds: [{ ItemId: GroupId }] });
    expect(items.ImItemList?.Groups?.[0]?.MemberCorrelationKey).toEqual([{ Id: contactRef(p.Persona).personaId }]);
  });

  it('ConnectingSID may name the mailbox by SmtpAddress or PrincipalName; a SID alone names none', async () => {
    const server = await startServer();
    await impersonating(server, 'dora@contoso.com').addImGroup({ DisplayName: 'Dora' });
    const bySmtp = clientFor(server, { soapHeaders: { ExchangeImpersonation: { ConnectingSID: { SmtpAddress: 'dora@contoso.com' } } } });
    const byPrincipal = clientFor(server, { soapHeaders: { ExchangeImpersonation: { ConnectingSID: { PrincipalName: 'DORA@contoso.com' } } } });
    expect((await bySmtp.getImItemList({})).ImItemList?.Groups?.map((g) => g.DisplayName)).toEqual(['Dora']);
    expect((await byPrincipal.getImItemList({})).ImItemList?.Groups?.map((g) => g.DisplayName)).toEqual(['Dora']);
    const bySid = clientFor(server, { soapHeaders: { ExchangeImpersonation: { ConnectingSID: { SID: 'S-1-5-21-1-2-3-1001' } } } });
    const e = await expectResponseError(bySid.getImItemList({}), 'GetImItemList', 'ErrorNonExistentMailbox', 'No mailbox is associated with the specified SID.');
    expect(e.value('SID')).toBe('S-1-5-21-1-2-3-1001');
  });

  it('MailboxCulture and another RequestServerVersion are accepted; an unknown header without mustUnderstand is ignored', async () => {
    const client = clientFor(await startServer(), { soapHeaders: { MailboxCulture: { $value: 'en-US' } } });
    const r = await client.addImGroup(
      { DisplayName: 'Headers' },
      {
        soapHeaders: {
          RequestServerVersion: { Version: 'Exchange2010_SP1' },
          $extra: [{ namespace: 'urn:example', localName: 'Trace', xml: '<x:Trace xmlns:x="urn:example">on</x:Trace>' }],
        },
      },
    );
    expect(r.ImGroup?.DisplayName).toBe('Headers');
    expectSoapMeta(r);
  });
});

describe('client ↔ UCS server: connections and limits', () => {
  it('parallel calls on one client all succeed and create distinct contacts', async () => {
    const client = clientFor(await startServer());
    const g = await client.addImGroup({ DisplayName: 'Crowd' });
    const n = 25;
    const added = await Promise.all(
      Array.from({ length: n }, (_, i) => client.addNewImContactToGroup({ ImAddress: `sip:user${i}@contoso.com`, DisplayName: `User ${i}`, GroupId: storeId(g.ImGroup) })),
    );
    const ids = added.map((r) => contactRef(r.Persona).personaId);
    expect(new Set(ids).size).toBe(n);
    const list = await client.getImItemList({});
    expect(list.ImItemList?.Personas?.length).toBe(n);
    expect(new Set(list.ImItemList?.Groups?.[0]?.MemberCorrelationKey?.map((k) => k.Id))).toEqual(new Set(ids));
  });

  it('non-ASCII Basic credentials are sent as UTF-8; user names match case-insensitively', async () => {
    const server = await startServer({ users: { 'Zoë@contoso.com': 'pässwörd 🔑' } });
    const client = clientFor(server, { auth: { type: 'basic', username: 'zoË@CONTOSO.com', password: 'pässwörd 🔑' } });
    await client.addImGroup({ DisplayName: 'Zoë’s' });
    expect(server.store.mailboxNames()).toEqual(['Zoë@contoso.com']);
    const wrong = clientFor(server, { auth: { type: 'basic', username: 'Zoë@contoso.com', password: 'passworod 🔑' } });
    expect(await rejection(wrong.getImItemList({}))).toBeInstanceOf(AuthenticationError);
  });

  it('a request larger than the server accepts is HttpError 413; the server keeps serving', async () => {
    const client = clientFor(await startServer({ maxRequestBytes: 2000 }));
    const e = await rejection(client.addImGroup({ DisplayName: 'x'.repeat(5000) }));
    if (!(e instanceof HttpError)) throw new Error(`expected an HttpError, got ${String(e)}`);
    expect(e).not.toBeInstanceOf(AuthenticationError);
    expect(e.status).toBe(413);
    expect(e.body).toBe('The request exceeds 2000 bytes.\n');
    expect((await client.getImItemList({})).ImItemList?.Groups ?? []).toEqual([]);
  });

  it('a client that reads strictly gets the same ResponseErrors: the error responses are schema-valid', async () => {
    const server = await startServer();
    const alice = impersonating(server, 'alice@contoso.com', { read: { strict: true } });
    const bob = impersonating(server, 'bob@contoso.com', { read: { strict: true } });
    const g = await alice.addImGroup({ DisplayName: 'Alice' });
    const foreign = await expectResponseError(bob.removeImGroup({ GroupId: storeId(g.ImGroup) }), 'RemoveImGroup', 'ErrorNonExistentMailbox', 'No mailbox with such guid.');
    expect(foreign.messageXml.map((x) => [x.namespace, x.localName])).toEqual([[TYPES_NS, 'Value']]);
    await expectResponseError(bob.removeImGroup({ GroupId: { Id: '' } }), 'RemoveImGroup', 'ErrorInvalidIdEmpty', 'Id is empty.');
    const list = await alice.getImItemList({});
    expect(list.ImItemList?.Groups?.map((x) => x.DisplayName)).toEqual(['Alice']);
  });
});
