// Interoperability with an independent SOAP stack: node-soap (the `soap` package, 1.x).
//
//   1. node-soap as the client of our in-memory UCS server (server/http.ts);
//   2. our generated ExchangeServiceClient against a node-soap server.
//
// Both sides load the published MS-OXWSCOS WSDL, copied with its schema closure into a temporary
// folder and given the wsdl:service it lacks (test/support/node-soap.ts). Wherever node-soap
// disagrees with the schema or with us, the test asserts what actually happens, with a comment
// saying why; README.md ("Interoperability with node-soap") summarises the list.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { ReadError, ResponseError, SOAP11_ENV, SoapFaultError, XmlError, type TraceEvent } from '@wsdl-codegen/runtime';
import { ExchangeServiceClient, operations } from '../../generated/src';
import type * as T from '../../generated/src/types';
import { SERVER_VERSION, startUcsServer, type UcsServer } from '../../server/http';
import { UcsStore } from '../../server/store';
import {
  MESSAGES_NS,
  NodeSoapClient,
  PORT_NAME,
  SERVICE_NAME,
  TYPES_NS,
  attributesOf,
  listenNodeSoap,
  objectAt,
  prepareSchemaFolder,
  soapFault,
  stringAt,
  writeDerivedWsdl,
  type NodeSoapServer,
  type NsHandler,
  type NsObject,
  type SchemaFolder,
} from '../support/node-soap';
import { REPO_ROOT, WSDL_DIR, WSDL_FILE } from '../support/seeds';

const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';
const USER_GROUP = 'IPM.DistList.MOC.UserGroup';
const ALICE = 'alice@contoso.com';
const CREATED = '2024-05-06T07:08:09Z';
const action = (op: string): string => `"${MESSAGES_NS}/${op}"`;

let folder: SchemaFolder;
const cleanups: Array<() => Promise<void>> = [];

beforeAll(() => {
  folder = prepareSchemaFolder();
});

afterAll(() => {
  folder.remove();
});

afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function must<V>(value: V | undefined, what: string): V {
  if (value === undefined) throw new Error(`${what} is missing`);
  return value;
}

async function ucsServer(): Promise<UcsServer> {
  const server = await startUcsServer({ port: 0, store: new UcsStore({ now: () => new Date('2024-05-06T07:08:09.123Z') }) });
  cleanups.push(() => server.close());
  return server;
}

/** A node-soap client of `endpoint`, loaded from a derived WSDL whose soap:address is that endpoint. */
async function nodeSoapClientOf(endpoint: string, name: string): Promise<NodeSoapClient> {
  const wsdl = writeDerivedWsdl(folder, name, endpoint);
  return NodeSoapClient.load(wsdl.file);
}

/** The RequestServerVersion and ExchangeImpersonation headers, as node-soap objects in the types namespace. */
function addExchangeHeaders(client: NodeSoapClient, version = 'Exchange2016'): void {
  client.addSoapHeader({ RequestServerVersion: { attributes: { Version: version } } }, 't', TYPES_NS);
  client.addSoapHeader({ ExchangeImpersonation: { ConnectingSID: { PrimarySmtpAddress: ALICE } } }, 't', TYPES_NS);
}

describe('node-soap loading the MS-OXWSCOS WSDL', () => {
  it('copies the WSDL and the schema closure it reaches (from wsdl/ and the EWS schema search path) into a temporary folder', () => {
    expect(path.relative(REPO_ROOT, folder.dir).startsWith('..')).toBe(true); // outside the repository
    expect(folder.files[0]).toBe('MS-OXWSCOS.wsdl');
    expect(folder.files).toEqual(expect.arrayContaining(['MS-OXWSCOS-messages.xsd', 'MS-OXWSCOS-types.xsd', 'MS-OXWSCDATA-messages.xsd', 'MS-OXWSCDATA-types.xsd', 'MS-OXWSPERS-types.xsd']));
    // The WSDL, its two XSDs and the 52 EWS schemas they reach (of the 55 in the folder).
    expect(folder.files).toHaveLength(55);
    expect(new Set(folder.files).size).toBe(folder.files.length);
  });

  it('cannot load the published WSDL in place: node-soap resolves includes only next to the including file', async () => {
    // MS-OXWSCOS-messages.xsd (in wsdl/) includes MS-OXWSCDATA-messages.xsd, which lives on the
    // schema search path (../shared/schemas/ews). node-soap has no search path, so it fails on the
    // first include it cannot find beside the WSDL. (wsdl_options.overrideImportLocation could
    // redirect it; copying the closure into one folder is the simpler workaround.)
    await expect(NodeSoapClient.load(WSDL_FILE)).rejects.toMatchObject({
      code: 'ENOENT',
      path: path.join(WSDL_DIR, 'MS-OXWSCDATA-messages.xsd'),
    });
  });

  it('with every include resolvable but no wsdl:service (as published), node-soap loads all 54 schemas yet defines no operation', async () => {
    const client = await NodeSoapClient.load(path.join(folder.dir, 'MS-OXWSCOS.wsdl'));
    // node-soap builds its methods from wsdl:service/wsdl:port only; a binding alone is ignored.
    expect(client.describe()).toEqual({});
    expect(client.operationNames()).toEqual([]);
  });

  it('the derived WSDL (one service/port, soap:address) exposes all 13 operations, without their SOAP header parts', async () => {
    const client = await nodeSoapClientOf('http://127.0.0.1:9/EWS/Exchange.asmx', 'describe');
    expect(client.operationNames()).toEqual(Object.keys(operations).sort());
    const port = objectAt(objectAt(client.describe(), SERVICE_NAME), PORT_NAME);
    const addImGroup = objectAt(port, 'AddImGroup');
    // The body part only: the binding's soap:header parts (ExchangeImpersonation, MailboxCulture,
    // RequestServerVersion) are not described and never sent automatically; the caller adds them
    // with addSoapHeader.
    expect(objectAt(addImGroup, 'input')).toEqual({
      DisplayName: 'NonEmptyStringType|xs:string|minLength',
      targetNSAlias: 'tns',
      targetNamespace: MESSAGES_NS,
    });
    // node-soap marks an element as repeated ("Name[]") from maxOccurs on the element only.
    // ArrayOfImGroupType and ArrayOfPeopleType repeat through <xs:choice maxOccurs="unbounded">, so
    // ImGroup and Persona are not marked (one of them is read as an object, several as an array);
    // EmailAddresses/Address carries maxOccurs itself and is marked.
    const listOut = objectAt(objectAt(objectAt(port, 'GetImItemList'), 'output'), 'ImItemList');
    expect(Object.keys(objectAt(listOut, 'Groups'))).toEqual(['ImGroup', 'targetNSAlias', 'targetNamespace']);
    expect(Object.keys(objectAt(listOut, 'Personas'))).toEqual(['Persona', 'targetNSAlias', 'targetNamespace']);
    const personaOut = objectAt(objectAt(objectAt(port, 'AddNewImContactToGroup'), 'output'), 'Persona');
    expect(Object.keys(objectAt(personaOut, 'EmailAddresses'))).toEqual(['Address[]', 'targetNSAlias', 'targetNamespace']);
  });
});

describe('node-soap client → our UCS server', () => {
  it('AddImGroup, GetImItemList and RemoveImGroup round-trip, store id included', async () => {
    const server = await ucsServer();
    const client = await nodeSoapClientOf(server.url, 'ucs-round-trip');
    addExchangeHeaders(client);

    const added = await client.call('AddImGroup', { DisplayName: 'Friends' });
    // The soap:address of the derived WSDL is where node-soap sends, with the quoted SOAPAction.
    expect(client.lastEndpoint).toBe(server.url);
    expect(client.lastRequestHeaders()['SOAPAction']).toBe(action('AddImGroup'));
    expect(client.lastRequestHeaders()['Content-Type']).toBe('text/xml; charset=utf-8');
    // node-soap writes the body element with a default namespace, and each object header with
    // both a prefix and a redundant default namespace declaration; both are correct XML.
    expect(added.rawRequest).toContain(
      `<soap:Header><t:RequestServerVersion Version="Exchange2016" xmlns:t="${TYPES_NS}" xmlns="${TYPES_NS}"></t:RequestServerVersion>`,
    );
    expect(added.rawRequest).toContain(`<soap:Body><AddImGroup xmlns="${MESSAGES_NS}"><DisplayName>Friends</DisplayName></AddImGroup></soap:Body>`);
    // What node-soap sent is schema-valid: our strict reader accepts it without a warning.
    const seen = operations.AddImGroup.parseRequest(added.rawRequest, { strict: true });
    expect(seen.body).toEqual({ DisplayName: 'Friends' });
    expect(seen.headers).toEqual({ RequestServerVersion: { Version: 'Exchange2016' }, ExchangeImpersonation: { ConnectingSID: { PrimarySmtpAddress: ALICE } } });
    expect(seen.warnings).toEqual([]);

    const [friends] = server.store.mailbox(ALICE).snapshot().groups;
    const stored = must(friends, 'the stored group');
    expect(stored).toMatchObject({ displayName: 'Friends', groupType: USER_GROUP, members: [] });
    // node-soap's object model: attributes (ResponseClass, Id, ChangeKey) under `attributes`.
    expect(added.result).toEqual({
      attributes: { ResponseClass: 'Success' },
      ResponseCode: 'NoError',
      ImGroup: { DisplayName: 'Friends', GroupType: USER_GROUP, ExchangeStoreId: { attributes: { Id: stored.id, ChangeKey: stored.changeKey } } },
    });
    // Response headers are returned too, but attribute values are never converted: the
    // xs:int attributes of ServerVersionInfo stay strings.
    expect(added.soapHeader).toEqual({
      ServerVersionInfo: { attributes: { MajorVersion: '15', MinorVersion: '0', MajorBuildNumber: '349', MinorBuildNumber: '0', Version: SERVER_VERSION.Version } },
    });

    const work = await client.call('AddImGroup', { DisplayName: 'Work' });
    const workId = attributesOf(objectAt(objectAt(work.result, 'ImGroup'), 'ExchangeStoreId'), 'ExchangeStoreId');

    const two = await client.call('GetImItemList', {});
    expect(two.rawRequest).toContain(`<GetImItemList xmlns="${MESSAGES_NS}"></GetImItemList>`);
    expect(two.result).toEqual({
      attributes: { ResponseClass: 'Success' },
      ResponseCode: 'NoError',
      ImItemList: {
        Groups: {
          ImGroup: [
            { DisplayName: 'Friends', GroupType: USER_GROUP, ExchangeStoreId: { attributes: { Id: stored.id, ChangeKey: stored.changeKey } } },
            { DisplayName: 'Work', GroupType: USER_GROUP, ExchangeStoreId: { attributes: workId } },
          ],
        },
        // An empty <t:Personas/> becomes null, not an empty list.
        Personas: null,
      },
    });

    // The store id node-soap returned goes back unchanged as RemoveImGroup's GroupId (Id and ChangeKey attributes).
    const removed = await client.call('RemoveImGroup', { GroupId: { attributes: attributesOf(objectAt(objectAt(added.result, 'ImGroup'), 'ExchangeStoreId')) } });
    expect(removed.rawRequest).toContain(`<RemoveImGroup xmlns="${MESSAGES_NS}"><GroupId Id="${stored.id}" ChangeKey="${stored.changeKey}"></GroupId></RemoveImGroup>`);
    expect(removed.result).toEqual({ attributes: { ResponseClass: 'Success' }, ResponseCode: 'NoError' });
    expect(server.store.mailbox(ALICE).snapshot().groups.map((g) => g.displayName)).toEqual(['Work']);

    const one = await client.call('GetImItemList', {});
    // Array shape depends on the count: ImGroup is repeated through <xs:choice maxOccurs="unbounded">
    // (ArrayOfImGroupType), which node-soap does not treat as an array, so one group is an object.
    expect(objectAt(objectAt(one.result, 'ImItemList'), 'Groups')).toEqual({
      ImGroup: { DisplayName: 'Work', GroupType: USER_GROUP, ExchangeStoreId: { attributes: workId } },
    });
  });

  it('the other ten operations work too; node-soap converts element values by schema type and writes schema order', async () => {
    const server = await ucsServer();
    const client = await nodeSoapClientOf(server.url, 'ucs-all');
    addExchangeHeaders(client);
    const idOf = (result: unknown, ...pathToId: string[]): NsObject => {
      let v = result;
      for (const k of pathToId) v = objectAt(v, k);
      return { attributes: { Id: must(attributesOf(v).Id, 'Id') } };
    };

    const friends = idOf((await client.call('AddImGroup', { DisplayName: 'Friends' })).result, 'ImGroup', 'ExchangeStoreId');
    const bob = await client.call('AddNewImContactToGroup', { ImAddress: 'sip:bob@contoso.com', DisplayName: 'Bob', GroupId: friends });
    const persona = objectAt(bob.result, 'Persona');
    // Typed by the schema: xs:dateTime → Date, xs:int → number, xs:boolean → boolean; xs:string stays a string.
    expect(persona['CreationTime']).toEqual(new Date(CREATED));
    expect(persona['RelevanceScore']).toBe(2147483647);
    expect(persona).toMatchObject({
      PersonaType: 'Person',
      DisplayName: 'Bob',
      ImAddress: 'sip:bob@contoso.com',
      // EmailAddresses/Address is declared with maxOccurs="unbounded" on the element: always an array.
      EmailAddresses: { Address: [{ Name: 'Bob', EmailAddress: 'bob@contoso.com', RoutingType: 'SMTP' }] },
      Attributions: { Attribution: [{ Id: '0', DisplayName: 'Outlook', IsWritable: true, IsQuickContact: true, IsHidden: false }] },
    });
    const bobId = idOf(persona, 'PersonaId');

    const tel = await client.call('AddNewTelUriContactToGroup', {
      // Keys deliberately out of schema order: node-soap's client writes schema order anyway.
      GroupId: friends,
      ImTelephoneNumber: '+1 425 555 0100',
      ImContactSipUriAddress: 'sip:carol@contoso.com',
      TelUriAddress: 'tel:+14255550100',
    });
    expect(tel.rawRequest).toContain(
      '<TelUriAddress>tel:+14255550100</TelUriAddress><ImContactSipUriAddress>sip:carol@contoso.com</ImContactSipUriAddress><ImTelephoneNumber>+1 425 555 0100</ImTelephoneNumber><GroupId ',
    );
    const carolId = idOf(tel.result, 'Persona', 'PersonaId');

    const work = idOf((await client.call('AddImGroup', { DisplayName: 'Work' })).result, 'ImGroup', 'ExchangeStoreId');
    const renamed = await client.call('SetImGroup', { NewDisplayName: 'Job', GroupId: work });
    expect(renamed.rawRequest).toMatch(/<SetImGroup xmlns="[^"]+"><GroupId Id="[^"]+"><\/GroupId><NewDisplayName>Job<\/NewDisplayName><\/SetImGroup>/);
    await client.call('AddImContactToGroup', { ContactId: bobId, GroupId: work });

    const items = await client.call('GetImItems', { GroupIds: { ItemId: [work] } });
    // Elements of the types namespace inside a messages-namespace element get the t: prefix: right.
    expect(items.rawRequest).toMatch(new RegExp(`<GroupIds><t:ItemId Id="[^"]+" xmlns:t="${TYPES_NS}"></t:ItemId></GroupIds>`));
    const jobGroup = objectAt(objectAt(objectAt(items.result, 'ImItemList'), 'Groups'), 'ImGroup');
    expect(jobGroup).toMatchObject({ DisplayName: 'Job', MemberCorrelationKey: { ItemId: [{ attributes: bobId['attributes'] }] } });

    expect((await client.call('RemoveImContactFromGroup', { ContactId: bobId, GroupId: work })).result).toMatchObject({ attributes: { ResponseClass: 'Success' } });
    expect((await client.call('RemoveContactFromImList', { ContactId: carolId })).result).toMatchObject({ attributes: { ResponseClass: 'Success' } });
    const dg = await client.call('AddDistributionGroupToImList', { SmtpAddress: 'sales@contoso.com', DisplayName: 'Sales' });
    expect(objectAt(dg.result, 'ImGroup')).toMatchObject({ DisplayName: 'Sales', GroupType: 'IPM.DistList.MOC.DG' });
    expect(server.store.mailbox(ALICE).snapshot().groups.find((g) => g.displayName === 'Sales')?.smtpAddress).toBe('sales@contoso.com');
    await client.call('RemoveDistributionGroupFromImList', { GroupId: idOf(dg.result, 'ImGroup', 'ExchangeStoreId') });
    await client.call('SetImListMigrationCompleted', { ImListMigrationCompleted: true });
    expect(client.lastRequest).toContain('<ImListMigrationCompleted>true</ImListMigrationCompleted>');

    const list = await client.call('GetImItemList', {});
    const itemList = objectAt(list.result, 'ImItemList');
    expect(stringAt(objectAt(objectAt(itemList, 'Personas'), 'Persona'), 'DisplayName')).toBe('Bob'); // one persona: an object
    expect(objectAt(itemList, 'Groups')['ImGroup']).toHaveLength(2);

    const snapshot = server.store.mailbox(ALICE).snapshot();
    expect(snapshot.imListMigrationCompleted).toBe(true);
    expect(snapshot.groups.map((g) => [g.displayName, g.members.length])).toEqual([
      ['Friends', 1],
      ['Job', 0],
    ]);
    expect(snapshot.contacts.map((c) => c.displayName)).toEqual(['Bob']);
  });

  it('errors: an error response resolves like a success; a fault rejects with node-soap’s view of it; nothing is validated before sending', async () => {
    const server = await ucsServer();
    const client = await nodeSoapClientOf(server.url, 'ucs-errors');
    addExchangeHeaders(client, 'Exchange2013');

    // ResponseClass="Error" is an ordinary response (HTTP 200): node-soap resolves, the caller must look.
    const malformed = await client.call('RemoveImGroup', { GroupId: { attributes: { Id: 'AAAA' } } });
    expect(malformed.result).toEqual({ attributes: { ResponseClass: 'Error' }, MessageText: 'Id is malformed.', ResponseCode: 'ErrorInvalidIdMalformed', DescriptiveLinkKey: 0 });

    // node-soap does not check facets or required elements before sending: an empty DisplayName
    // (NonEmptyStringType, minLength 1) and a missing one both go out; our server answers with
    // Exchange's ErrorSchemaValidation fault, HTTP 500.
    const empty = await client.failure('AddImGroup', { DisplayName: '' });
    expect(client.lastRequest).toContain('<DisplayName></DisplayName>');
    expect(empty.status).toBe(500);
    const fault = objectAt(objectAt(objectAt(empty.root, 'Envelope'), 'Body'), 'Fault');
    // faultcode is a QName; node-soap keeps the raw text with the prefix our writer declared on it.
    expect(fault['faultcode']).toBe('q:ErrorSchemaValidation');
    // faultstring carries xml:lang (as Exchange's does), so node-soap makes it an object, not a string.
    expect(fault['faultstring']).toEqual({ attributes: { 'xml:lang': 'en-US' }, $value: expect.stringContaining('The request failed schema validation') });
    // The detail loses its namespaces (errors and types) and the line number stays a string.
    expect(fault['detail']).toMatchObject({ ResponseCode: 'ErrorSchemaValidation', Message: 'The request failed schema validation.', MessageXml: { LineNumber: '1' } });
    // Its error message is "faultcode: faultstring: JSON of the detail".
    expect(empty.message).toMatch(/^q:ErrorSchemaValidation: The request failed schema validation: "" is not a valid NonEmptyStringType.*: \{"ResponseCode":"ErrorSchemaValidation",/);

    const missing = await client.failure('AddImGroup', {});
    expect(client.lastRequest).toContain(`<AddImGroup xmlns="${MESSAGES_NS}"></AddImGroup>`);
    expect(objectAt(objectAt(objectAt(objectAt(missing.root, 'Envelope'), 'Body'), 'Fault'), 'detail')).toMatchObject({
      MessageXml: { Violation: expect.stringContaining('Missing required element DisplayName') },
    });
    expect(server.store.mailbox(ALICE).snapshot().groups).toEqual([]);
  });

  it('xsi:type written by our serializer reaches node-soap as an unresolved attribute string', async () => {
    // The UCS store never needs a derived id type, so our generated server-side writer is served
    // directly: an ExchangeStoreId of the derived RecurringMasterItemIdRangesType.
    const body = operations.GetImItemList.serializeResponse({
      ResponseClass: 'Success',
      ResponseCode: 'NoError',
      ImItemList: { Groups: [{ DisplayName: 'Friends', GroupType: USER_GROUP, ExchangeStoreId: { $type: 'RecurringMasterItemIdRangesType', Id: 'group-1', Ranges: [{ Count: 2 }] } }] },
    });
    expect(body).toContain('<t:ExchangeStoreId xsi:type="t:RecurringMasterItemIdRangesType" Id="group-1"><t:Ranges><t:Range Count="2"/></t:Ranges></t:ExchangeStoreId>');
    const raw = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(200, { 'content-type': 'text/xml; charset=utf-8' }).end(body));
    });
    await new Promise<void>((resolve) => raw.listen(0, '127.0.0.1', resolve));
    cleanups.push(
      () =>
        new Promise<void>((resolve) => {
          raw.close(() => resolve());
          raw.closeAllConnections();
        }),
    );
    const client = await nodeSoapClientOf(`http://127.0.0.1:${(raw.address() as AddressInfo).port}/EWS/Exchange.asmx`, 'xsi-type-reader');
    const list = await client.call('GetImItemList', {});
    // No type switch: xsi:type is one more attribute, its QName prefix unresolved, and the derived
    // type's attribute Count (xs:int) is not converted.
    expect(objectAt(objectAt(objectAt(list.result, 'ImItemList'), 'Groups'), 'ImGroup')['ExchangeStoreId']).toEqual({
      attributes: { 'xsi:type': 't:RecurringMasterItemIdRangesType', Id: 'group-1' },
      Ranges: { Range: [{ attributes: { Count: '2' } }] },
    });
  });
});

// ---------------------------------------------------------------------------------------------
// Our generated client → a node-soap server

interface MemoryGroup {
  name: string;
  version: number;
}

/**
 * AddImGroup, GetImItemList and RemoveImGroup over a Map, written as node-soap service methods.
 * With `qualify`, the keys of elements declared in the types namespace carry the `t:` prefix (the
 * WSDL's prefix for it, which node-soap declares on its envelope): the workaround for node-soap
 * writing a server response without its schema (see below).
 */
function memoryUcs(qualify: boolean): Record<string, NsHandler> {
  const groups = new Map<string, MemoryGroup>();
  let next = 0;
  const t = (local: string): string => (qualify ? `t:${local}` : local);
  const success = (rest: NsObject = {}): NsObject => ({ attributes: { ResponseClass: 'Success' }, ResponseCode: 'NoError', ...rest });
  const failure = (code: string, text: string): NsObject => ({ attributes: { ResponseClass: 'Error' }, MessageText: text, ResponseCode: code, DescriptiveLinkKey: 0 });
  const imGroup = (id: string, g: MemoryGroup): NsObject => ({
    [t('DisplayName')]: g.name,
    [t('GroupType')]: USER_GROUP,
    [t('ExchangeStoreId')]: { attributes: { Id: id, ChangeKey: `ck-${g.version}` } },
  });
  return {
    AddImGroup: (args) => {
      const name = stringAt(args, 'DisplayName');
      for (const [id, g] of groups) if (g.name.toLowerCase() === name.toLowerCase()) return success({ ImGroup: imGroup(id, g) });
      const id = `group-${++next}`;
      const g = { name, version: 1 };
      groups.set(id, g);
      return success({ ImGroup: imGroup(id, g) });
    },
    GetImItemList: () => success({ ImItemList: { [t('Groups')]: { [t('ImGroup')]: [...groups].map(([id, g]) => imGroup(id, g)) }, [t('Personas')]: {} } }),
    RemoveImGroup: (args) => {
      const { Id: id = '', ChangeKey: changeKey } = attributesOf(objectAt(args, 'GroupId'), 'GroupId');
      const g = groups.get(id);
      if (g === undefined) return failure('ErrorItemNotFound', 'The specified object was not found in the store.');
      if (changeKey !== undefined && changeKey !== `ck-${g.version}`) return failure('ErrorStaleObject', 'The change key is stale.');
      groups.delete(id);
      return success();
    },
  };
}

async function nodeSoapServer(handlers: Record<string, NsHandler>, name: string): Promise<NodeSoapServer> {
  // The soap:address is irrelevant to a node-soap server (it answers wherever it listens).
  const wsdl = writeDerivedWsdl(folder, name, 'http://127.0.0.1:9/EWS/Exchange.asmx');
  const server = await listenNodeSoap({ wsdl: wsdl.textWithAbsoluteInclude, handlers });
  cleanups.push(() => server.close());
  return server;
}

/** Our client with a trace that keeps every raw response (status and body). */
function ourClient(url: string): { client: ExchangeServiceClient; responses: Array<{ status: number | undefined; body: string }> } {
  const responses: Array<{ status: number | undefined; body: string }> = [];
  const trace = (e: TraceEvent): void => {
    if (e.kind === 'response') responses.push({ status: e.status, body: e.body ?? '' });
  };
  const client = new ExchangeServiceClient({ url, trace, soapHeaders: { ExchangeImpersonation: { ConnectingSID: { PrimarySmtpAddress: ALICE } } } });
  cleanups.push(() => client.close());
  return { client, responses };
}

const lastBody = (responses: Array<{ body: string }>): string => must(responses[responses.length - 1], 'a response').body;

describe('our generated client → node-soap server', () => {
  it('soap.listen(server, path, services, wsdlText) resolves includes against the working directory; options.uri or absolute locations fix it', async () => {
    const wsdl = writeDerivedWsdl(folder, 'listen-forms', 'http://127.0.0.1:9/EWS/Exchange.asmx');
    // A WSDL given as text has no location: node-soap resolves "MS-OXWSCOS-messages.xsd" against
    // path.dirname('') = the process's working directory.
    await expect(listenNodeSoap({ wsdl: wsdl.text, handlers: {} })).rejects.toMatchObject({
      code: 'ENOENT',
      path: path.resolve('MS-OXWSCOS-messages.xsd'),
    });
    const withUri = await listenNodeSoap({ wsdl: wsdl.text, uri: wsdl.file, handlers: {} });
    await withUri.close();
    const absolute = await listenNodeSoap({ wsdl: wsdl.textWithAbsoluteInclude, handlers: {} });
    await absolute.close();
  });

  it('AddImGroup, GetImItemList and RemoveImGroup: typed results, and node-soap received what we sent (types-namespace keys qualified)', async () => {
    const server = await nodeSoapServer(memoryUcs(true), 'ns-server-qualified');
    const { client, responses } = ourClient(server.url);

    const friends = await client.addImGroup({ DisplayName: 'Friends' });
    const friendsId = { Id: 'group-1', ChangeKey: 'ck-1' };
    expect(friends).toEqual({ ResponseClass: 'Success', ResponseCode: 'NoError', ImGroup: { DisplayName: 'Friends', GroupType: USER_GROUP, ExchangeStoreId: friendsId } });
    expect(friends.$soap.warnings).toEqual([]);
    expect(friends.$soap.status).toBe(200);
    // node-soap sends no response SOAP header unless the service adds one (next test).
    expect(friends.$soap.headers).toEqual({});
    await client.addImGroup({ DisplayName: 'Work' });

    const list = await client.getImItemList({});
    expect(list).toEqual({
      ResponseClass: 'Success',
      ResponseCode: 'NoError',
      ImItemList: {
        Groups: [
          { DisplayName: 'Friends', GroupType: USER_GROUP, ExchangeStoreId: friendsId },
          { DisplayName: 'Work', GroupType: USER_GROUP, ExchangeStoreId: { Id: 'group-2', ChangeKey: 'ck-1' } },
        ],
        Personas: [],
      },
    });
    expect(list.$soap.warnings).toEqual([]);
    // Our strict reader accepts node-soap's answer as is.
    expect(operations.GetImItemList.parseResponse(lastBody(responses), { strict: true }).body).toEqual(list);

    const removed = await client.removeImGroup({ GroupId: must(friends.ImGroup?.ExchangeStoreId, 'ExchangeStoreId') });
    expect(removed).toEqual({ ResponseClass: 'Success', ResponseCode: 'NoError' });
    const again = client.removeImGroup({ GroupId: friendsId });
    await expect(again).rejects.toBeInstanceOf(ResponseError);
    await expect(again).rejects.toMatchObject({ responseCode: 'ErrorItemNotFound', messageText: 'The specified object was not found in the store.', descriptiveLinkKey: 0 });
    expect((await client.getImItemList({})).ImItemList?.Groups?.map((g) => g.DisplayName)).toEqual(['Work']);

    // What node-soap's handlers got: its object model of our requests, headers included.
    const headers = { ExchangeImpersonation: { ConnectingSID: { PrimarySmtpAddress: ALICE } }, RequestServerVersion: { attributes: { Version: 'Exchange2013' } } };
    expect(server.received.slice(0, 5)).toEqual([
      { operation: 'AddImGroup', args: { DisplayName: 'Friends' }, headers },
      { operation: 'AddImGroup', args: { DisplayName: 'Work' }, headers },
      // An empty request element (<m:GetImItemList/>) reaches the handler as null, not {}.
      { operation: 'GetImItemList', args: null, headers },
      { operation: 'RemoveImGroup', args: { GroupId: { attributes: friendsId } }, headers },
      { operation: 'RemoveImGroup', args: { GroupId: { attributes: friendsId } }, headers },
    ]);
  });

  it('a naive node-soap service answers with every types-namespace element in the messages namespace: lenient accepts with warnings, strict refuses', async () => {
    const server = await nodeSoapServer(memoryUcs(false), 'ns-server-naive');
    const { client, responses } = ourClient(server.url);

    const friends = await client.addImGroup({ DisplayName: 'Friends' });
    // node-soap's Server calls objectToDocumentXML(outputName, result, alias, namespace) without the
    // output's type, so it writes the result without its schema: the body element declares the
    // messages namespace as default and every descendant inherits it, although ImGroup's children
    // (ImGroupType) are declared in the types namespace. (Its client passes the type and gets it right.)
    expect(lastBody(responses)).toContain(
      `<AddImGroupResponse ResponseClass="Success" xmlns="${MESSAGES_NS}"><ResponseCode>NoError</ResponseCode><ImGroup><DisplayName>Friends</DisplayName><GroupType>`,
    );
    expect(friends).toEqual({ ResponseClass: 'Success', ResponseCode: 'NoError', ImGroup: { DisplayName: 'Friends', GroupType: USER_GROUP, ExchangeStoreId: { Id: 'group-1', ChangeKey: 'ck-1' } } });
    expect(friends.$soap.warnings.map((w) => [w.code, w.path])).toEqual([
      ['namespace-mismatch', '/Envelope/Body/AddImGroupResponse/ImGroup/DisplayName'],
      ['namespace-mismatch', '/Envelope/Body/AddImGroupResponse/ImGroup/GroupType'],
      ['namespace-mismatch', '/Envelope/Body/AddImGroupResponse/ImGroup/ExchangeStoreId'],
    ]);
    expect(() => operations.AddImGroup.parseResponse(lastBody(responses), { strict: true })).toThrow(ReadError);

    const list = await client.getImItemList({});
    expect(list.ImItemList).toEqual({ Groups: [{ DisplayName: 'Friends', GroupType: USER_GROUP, ExchangeStoreId: { Id: 'group-1', ChangeKey: 'ck-1' } }], Personas: [] });
    expect(new Set(list.$soap.warnings.map((w) => w.code))).toEqual(new Set(['namespace-mismatch']));
    expect(list.$soap.warnings.map((w) => w.path.replace('/Envelope/Body/GetImItemListResponse/ImItemList/', ''))).toEqual([
      'Groups',
      'Groups/ImGroup',
      'Groups/ImGroup/DisplayName',
      'Groups/ImGroup/GroupType',
      'Groups/ImGroup/ExchangeStoreId',
      'Personas',
    ]);
    await client.removeImGroup({ GroupId: { Id: 'group-1' } });
    expect(server.received.map((r) => r.operation)).toEqual(['AddImGroup', 'GetImItemList', 'RemoveImGroup']);
  });

  it('response headers: ServerVersionInfo only when the service adds it with server.addSoapHeader', async () => {
    const server = await nodeSoapServer(memoryUcs(true), 'ns-server-headers');
    server.server.addSoapHeader(
      { ServerVersionInfo: { attributes: { MajorVersion: 15, MinorVersion: 0, MajorBuildNumber: 349, MinorBuildNumber: 0, Version: 'Exchange2013' } } },
      '',
      't',
      TYPES_NS,
    );
    const { client, responses } = ourClient(server.url);
    const result = await client.addImGroup({ DisplayName: 'Friends' });
    expect(lastBody(responses)).toContain(`<soap:Header><t:ServerVersionInfo MajorVersion="15" MinorVersion="0" MajorBuildNumber="349" MinorBuildNumber="0" Version="Exchange2013" xmlns:t="${TYPES_NS}" xmlns="${TYPES_NS}"></t:ServerVersionInfo></soap:Header>`);
    const expected: T.ServerVersionInfo = { MajorVersion: 15, MinorVersion: 0, MajorBuildNumber: 349, MinorBuildNumber: 0, Version: 'Exchange2013' };
    expect(result.$soap.headers.ServerVersionInfo).toEqual(expected);
    expect(result.$soap.warnings).toEqual([]);
  });

  it('faults: node-soap answers a thrown {Fault} with HTTP 200, and a thrown Error with a SOAP 1.2-shaped Fault inside the SOAP 1.1 envelope', async () => {
    const server = await nodeSoapServer(
      {
        AddImGroup: (args) => {
          const name = stringAt(args, 'DisplayName');
          if (name === 'fault') throw soapFault({ faultcode: 'soap:Client', faultstring: 'Bad request', detail: { ResponseCode: 'ErrorInvalidRequest' } });
          if (name === 'fault500') throw soapFault({ faultcode: 'soap:Server', faultstring: 'Busy', statusCode: 500 });
          if (name === 'limit') return { attributes: { ResponseClass: 'Error' }, MessageText: 'Too many groups.', ResponseCode: 'ErrorImGroupLimitReached', DescriptiveLinkKey: 0 };
          throw new Error('boom');
        },
      },
      'ns-server-faults',
    );
    const { client, responses } = ourClient(server.url);

    const fault = client.addImGroup({ DisplayName: 'fault' });
    await expect(fault).rejects.toBeInstanceOf(SoapFaultError);
    await expect(fault).rejects.toMatchObject({ version: '1.1', code: { namespace: SOAP11_ENV, localName: 'Client' }, faultString: 'Bad request' });
    // SOAP 1.1 (section 6.2) wants HTTP 500 for a fault; node-soap sends 200 unless the Fault says statusCode.
    expect(must(responses[0], 'response').status).toBe(200);
    // node-soap writes the detail entries without a namespace.
    const caught = await fault.catch((e: unknown) => e);
    expect(caught instanceof SoapFaultError && caught.detailEntries.map((d) => [d.namespace, d.localName, d.text])).toEqual([['', 'ResponseCode', 'ErrorInvalidRequest']]);

    await expect(client.addImGroup({ DisplayName: 'fault500' })).rejects.toMatchObject({ code: { localName: 'Server' }, faultString: 'Busy' });
    expect(must(responses[1], 'response').status).toBe(500);

    await expect(client.addImGroup({ DisplayName: 'limit' })).rejects.toMatchObject({ name: 'ResponseError', responseCode: 'ErrorImGroupLimitReached', messageText: 'Too many groups.' });

    // A plain exception becomes Code/Reason (SOAP 1.2 element names) in the SOAP 1.1 namespace.
    // That Fault has no faultcode/faultstring; our fault reader falls back to the 1.2 vocabulary.
    // Its code uses the prefix SOAP-ENV, which node-soap never declares: it is kept as written.
    const crash = client.addImGroup({ DisplayName: 'crash' });
    await expect(crash).rejects.toMatchObject({ version: '1.1', code: { namespace: '', localName: 'SOAP-ENV:Server' }, faultString: 'Error: boom', detail: null });
    expect(must(responses[3], 'response').status).toBe(500);
    expect(lastBody(responses)).toContain(
      '<soap:Fault><soap:Code><soap:Value>SOAP-ENV:Server</soap:Value><soap:Subcode><soap:Value>InternalServerError</soap:Value></soap:Subcode></soap:Code><soap:Reason><soap:Text>Error: boom</soap:Text></soap:Reason></soap:Fault>',
    );
    expect(lastBody(responses)).toContain(`xmlns:soap="${SOAP11_ENV}"`);
  });

  it('xsi:type: node-soap hands it to the handler as an unresolved string; its server envelope does not declare xsi', async () => {
    let declareXsi = false;
    const server = await nodeSoapServer(
      {
        RemoveImGroup: () => ({ attributes: { ResponseClass: 'Success' }, ResponseCode: 'NoError' }),
        GetImItemList: () => {
          const attributes: NsObject = { Id: 'group-1', 'xsi:type': 't:RecurringMasterItemIdRangesType' };
          if (declareXsi) attributes['xmlns:xsi'] = XSI_NS;
          const group = { 't:DisplayName': 'Friends', 't:GroupType': USER_GROUP, 't:ExchangeStoreId': { attributes, 't:Ranges': { 't:Range': [{ attributes: { Count: 2 } }] } } };
          return { attributes: { ResponseClass: 'Success' }, ResponseCode: 'NoError', ImItemList: { 't:Groups': { 't:ImGroup': [group] } } };
        },
      },
      'ns-server-xsi',
    );
    const { client, responses } = ourClient(server.url);

    // Our writer sends the derived type with xsi:type="t:RecurringMasterItemIdRangesType".
    await client.removeImGroup({ GroupId: { $type: 'RecurringMasterItemIdRangesType', Id: 'group-1', Ranges: [{ Count: 2 }] } });
    // node-soap keeps xsi:type as a plain attribute whose QName prefix is not resolved, and the
    // attribute Count (xs:int) stays a string.
    expect(must(server.received[0], 'received').args).toEqual({
      GroupId: { attributes: { 'xsi:type': 't:RecurringMasterItemIdRangesType', Id: 'group-1' }, Ranges: { Range: [{ attributes: { Count: '2' } }] } },
    });

    // node-soap's server envelope declares the WSDL's prefixes (tns, t, wsi) but not xsi (its client
    // envelope does), so an xsi:type written by a handler is an undeclared prefix: not namespace-well-formed.
    const broken = client.getImItemList({});
    await expect(broken).rejects.toBeInstanceOf(XmlError);
    await expect(broken).rejects.toMatchObject({ code: 'not-well-formed', detail: "Namespace prefix 'xsi' of attribute xsi:type is not declared" });
    expect(lastBody(responses)).not.toContain('xmlns:xsi=');

    // Declaring xmlns:xsi among the attributes works around it; our reader returns the derived type.
    declareXsi = true;
    const list = await client.getImItemList({});
    expect(list.ImItemList?.Groups).toEqual([
      { DisplayName: 'Friends', GroupType: USER_GROUP, ExchangeStoreId: { $type: 'RecurringMasterItemIdRangesType', Id: 'group-1', Ranges: [{ Count: 2 }] } },
    ]);
    expect(list.$soap.warnings).toEqual([]);
  });

  it('element order: node-soap’s server writes JS key order (its client sorts by schema); our lenient reader reports it', async () => {
    const server = await nodeSoapServer(
      {
        AddImGroup: (args) => ({
          ImGroup: { 't:GroupType': USER_GROUP, 't:DisplayName': stringAt(args, 'DisplayName') },
          ResponseCode: 'NoError',
          attributes: { ResponseClass: 'Success' },
        }),
      },
      'ns-server-order',
    );
    const { client, responses } = ourClient(server.url);
    const result = await client.addImGroup({ DisplayName: 'Friends' });
    expect(lastBody(responses)).toContain('<ImGroup><t:GroupType>IPM.DistList.MOC.UserGroup</t:GroupType><t:DisplayName>Friends</t:DisplayName></ImGroup><ResponseCode>NoError</ResponseCode>');
    expect(result).toEqual({ ResponseClass: 'Success', ResponseCode: 'NoError', ImGroup: { DisplayName: 'Friends', GroupType: USER_GROUP } });
    expect(result.$soap.warnings.map((w) => [w.code, w.path])).toEqual([
      ['out-of-order', '/Envelope/Body/AddImGroupResponse/ImGroup/DisplayName'],
      ['out-of-order', '/Envelope/Body/AddImGroupResponse/ResponseCode'],
    ]);
    expect(() => operations.AddImGroup.parseResponse(lastBody(responses), { strict: true })).toThrow(ReadError);
  });
});
