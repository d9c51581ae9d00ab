// The Unified Contact Store model: per mailbox, IM groups in the ImContactList folder and contacts
// (shown as personas) in the QuickContacts folder, with group membership. Every protocol operation
// of MS-OXWSCOS section 3.1.4 has one method here; the HTTP layer only decodes and encodes.
//
// Behaviour decisions, with the specification sections they come from:
//
// - Group types (2.2.4.2): IPM.DistList.MOC.Tagged, .OtherContacts, .UserGroup, .DG, .Favorites.
//   "The value can contain only one Tagged group, one OtherContacts group, and one Favorites group":
//   special groups are singletons per mailbox. No protocol operation creates Tagged or Favorites
//   (AddImGroup creates UserGroup groups only), so they exist only when seeded through
//   `ensureSpecialGroup`; the OtherContacts group is created on first use, when a contact is added
//   without a GroupId (3.1.4.4, 3.1.4.5 "If this element is not specified, the contact is added to
//   the OtherContacts group"; AddImContactToGroup's optional GroupId is treated the same way).
//   OtherContacts "lists the remainder of contacts not in any other group": a contact put in a
//   group other than Tagged leaves it, and one that such a group holds is not put in it.
// - AddImGroup (3.1.4.3): a group with the same display name (compared case-insensitively, over all
//   groups) is returned instead of creating another. At most 64 groups, not counting Tagged,
//   OtherContacts and Favorites (distribution groups count): ErrorImGroupLimitReached.
// - AddImContactToGroup (3.1.4.2): accepts only existing contacts (ErrorInvalidImContactId
//   otherwise); adding a member twice is a no-op. Distribution groups take no contacts (their
//   members come from the directory): a DG's id as the target group is ErrorInvalidImGroupId, for
//   every operation that adds a member.
// - AddNewImContactToGroup (3.1.4.4): creates a contact in QuickContacts and returns its persona.
//   "If a contact already exists that has the same instant messaging address, this operation does
//   nothing": no contact is created and no membership changes; the existing persona is returned so
//   the caller learns its id. IM addresses compare case-insensitively, ignoring a "sip:" prefix.
//   A group already holding 1000 contacts refuses another: ErrorImContactLimitReached (applied to
//   every operation that adds a member).
// - AddNewTelUriContactToGroup (3.1.4.5): always creates a contact (the specification gives no
//   duplicate rule for TEL URI contacts); its display name is the telephone number, its IM address
//   the SIP URI, its telephone number a business phone.
// - RemoveImContactFromGroup (3.1.4.10) and RemoveImGroup (3.1.4.11): a contact is deleted when,
//   apart from the group it is removed from, it belongs to no group other than the Tagged group;
//   deleting it also removes it from the Tagged group. When the specified group is the Tagged group,
//   a contact that is in the Tagged group only is deleted; one that is in other groups too only
//   leaves the Tagged group. Removing a contact from a group it is not in:
//   ErrorUnableToRemoveImContactFromGroup.
// - RemoveContactFromImList (3.1.4.8): removes the contact from every group and deletes it.
// - AddDistributionGroupToImList (3.1.4.1): "does not create a distribution group if a distribution
//   group exists that has the same SMTP address" (case-insensitive): the existing one is returned.
//   The distribution group must exist in the directory (AddDistributionGroupToImList page): when the
//   store is given a directory, unknown addresses, and in any case syntactically invalid ones, get
//   ErrorInvalidImDistributionGroupSmtpAddress. The display name is not checked against other
//   groups: the specification knows a distribution group by its SMTP address only and gives this
//   operation no name rule, so a directory group may share the name of a user's own group.
// - RemoveDistributionGroupFromImList (3.1.4.9): only distribution groups; any other group id is
//   ErrorInvalidImGroupId. RemoveImGroup accepts every group, including special ones (3.1.4.11
//   describes removing the Tagged group).
// - SetImGroup (3.1.4.12): renames; a name used by another group is
//   ErrorImGroupDisplayNameAlreadyExists (names are unique, as AddImGroup implies). Setting the name
//   a group already has is a no-op, even when a distribution group shares it.
// - GetImItemList (3.1.4.6): returns only groups of the five recognised types, and only contacts
//   that are members of a returned group. Groups carry MemberCorrelationKey (member persona ids,
//   in the order they were added), distribution groups their SmtpAddress. ExtendedProperties
//   (2.2.4.4) selects which of an item's extended properties are returned; none are returned
//   unless asked for. GetImItems (3.1.4.7) returns exactly the groups and contacts asked for.
// - SetImListMigrationCompleted (3.1.4.13): the flag is recorded on the mailbox.
//
// Identifiers and change keys (not covered by the specification; EWS conventions):
// - A contact has a store item id (the persona's Attributions/SourceId) and a persona id; either is
//   accepted wherever a ContactId is expected. Personas carry no change key, as in the examples.
// - An id of another mailbox: ErrorNonExistentMailbox with the MailboxGuid in MessageXml, as on the
//   AddNewImContactToGroup page. Empty id: ErrorInvalidIdEmpty; not one of our ids:
//   ErrorInvalidIdMalformed. A change key is checked only where it is compared (below); there, one
//   that is not in our form (8 bytes of base64) is ErrorInvalidChangeKey.
// - A ChangeKey is optional. When given on the id of the item an operation saves or deletes, it must
//   be the current one, else ErrorStaleObject (optimistic concurrency, as EWS does for writes):
//     SetImGroup, RemoveImGroup, RemoveDistributionGroupFromImList: the GroupId;
//     AddImContactToGroup, AddNewImContactToGroup, AddNewTelUriContactToGroup,
//     RemoveImContactFromGroup: the GroupId, because membership is saved on the group item (section
//     1.3: contacts are added "by modifying the membership in the user-created distribution list");
//     RemoveContactFromImList: the ContactId (the contact is deleted).
//   Ids that are only read (GetImItems, the ContactId of AddImContactToGroup and
//   RemoveImContactFromGroup) ignore the change key, whatever its form, as EWS GetItem does: the
//   schema types it as a plain string, and the documented requests carry shortened, non-base64 ones.
//   Every change to a group (rename, membership) gives it a new change key; contacts never change
//   after creation.

import { escapeAttr, escapeText, type XmlAnyElement } from '@wsdl-codegen/runtime';
import type * as T from '../generated/src/types';
import {
  FOLDER_CHANGE_KEY,
  decodeId,
  encodeChangeKey,
  encodeId,
  mailboxGuidFor,
  type IdKind,
} from './ids';

const TYPES_NS = 'http://schemas.microsoft.com/exchange/services/2006/types';

export const GROUP_TYPES = {
  Tagged: 'IPM.DistList.MOC.Tagged',
  OtherContacts: 'IPM.DistList.MOC.OtherContacts',
  UserGroup: 'IPM.DistList.MOC.UserGroup',
  DG: 'IPM.DistList.MOC.DG',
  Favorites: 'IPM.DistList.MOC.Favorites',
} as const;

export type GroupKind = keyof typeof GROUP_TYPES;
export type SpecialGroupKind = 'Tagged' | 'OtherContacts' | 'Favorites';

const SPECIAL_KINDS: readonly SpecialGroupKind[] = ['Tagged', 'OtherContacts', 'Favorites'];
const RECOGNISED_TYPES: ReadonlySet<string> = new Set(Object.values(GROUP_TYPES));
const DEFAULT_SPECIAL_NAMES: Readonly<Record<SpecialGroupKind, string>> = {
  Tagged: 'Tagged',
  OtherContacts: 'Other Contacts',
  Favorites: 'Favorites',
};

export const DEFAULT_MAX_GROUPS = 64;
export const DEFAULT_MAX_CONTACTS_PER_GROUP = 1000;

/** A failed operation: becomes a response message with ResponseClass="Error". */
export class UcsError extends Error {
  override readonly name = 'UcsError';
  readonly code: T.ResponseCodeType;
  readonly messageXml: XmlAnyElement[] | undefined;

  constructor(code: T.ResponseCodeType, message: string, messageXml?: XmlAnyElement[]) {
    super(message);
    this.code = code;
    this.messageXml = messageXml;
  }
}

/** The MessageXml entry `<t:Value Name="...">...</t:Value>` that EWS uses to name the culprit. */
export function messageXmlValue(name: string, value: string): XmlAnyElement[] {
  return [
    {
      namespace: TYPES_NS,
      localName: 'Value',
      xml: `<t:Value xmlns:t="${TYPES_NS}" Name="${escapeAttr(name)}">${escapeText(value)}</t:Value>`,
    },
  ];
}

const MESSAGES = {
  idEmpty: 'Id is empty.',
  idMalformed: 'Id is malformed.',
  changeKeyInvalid: 'The change key is invalid.',
  stale: 'The change key passed in the request does not match the current change key for the item.',
  noMailboxGuid: 'No mailbox with such guid.',
  contactId: 'The specified Im Contact Id is invalid.',
  groupId: 'The specified Im Group Id is invalid.',
  notDistributionGroup: 'The specified Im Group Id is not a distribution group.',
  dgTakesNoContacts: 'Contacts cannot be added to a distribution group.',
  dgSmtp: 'The specified IM distribution group SMTP address is invalid.',
  groupLimit: 'The maximum number of IM groups has been reached.',
  contactLimit: 'The maximum number of IM contacts in the group has been reached.',
  nameExists: 'An IM group with the specified display name already exists.',
  notMember: 'The contact is not a member of the specified IM group.',
  extendedProperty: 'The extended property attribute combination is invalid.',
} as const;

/** What the protocol gives as an item id: ItemIdType or its RecurringMasterItemIdRangesType extension. */
export interface ItemRef {
  Id: string;
  ChangeKey?: string;
}

export interface UcsStoreOptions {
  /** Clock for persona CreationTime; tests pass a fixed one. */
  now?: () => Date;
  /** Groups allowed besides Tagged, OtherContacts and Favorites (3.1.4.3). Default 64. */
  maxGroups?: number;
  /** Contacts allowed in one group (3.1.4.4). Default 1000. */
  maxContactsPerGroup?: number;
  /**
   * The directory's distribution groups (SMTP addresses). When given, AddDistributionGroupToImList
   * accepts only these; when omitted, every syntactically valid address is taken to exist.
   */
  distributionGroups?: readonly string[];
}

interface GroupRecord {
  id: string;
  changeNumber: number;
  displayName: string;
  groupType: string;
  smtpAddress: string | undefined;
  /** Members in the order they were added. */
  members: Set<ContactRecord>;
  extended: Map<string, StoredProperty>;
}

interface ContactRecord {
  itemId: string;
  personaId: string;
  changeNumber: number;
  created: string;
  kind: 'im' | 'telUri';
  displayName: string;
  imAddress: string;
  telUri: string | undefined;
  telephoneNumber: string | undefined;
  extended: Map<string, StoredProperty>;
}

interface StoredProperty {
  uri: T.PathToExtendedFieldType;
  value: string | string[];
}

/** A read-only picture of one mailbox, for tests and tools. */
export interface MailboxSnapshot {
  name: string;
  guid: string;
  imListMigrationCompleted: boolean | undefined;
  groups: Array<{ id: string; changeKey: string; displayName: string; groupType: string; smtpAddress?: string; members: string[] }>;
  contacts: Array<{ personaId: string; itemId: string; displayName: string; imAddress: string; telUri?: string; telephoneNumber?: string }>;
}

function sameText(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

function imKey(address: string): string {
  const a = address.trim().toLowerCase();
  return a.startsWith('sip:') ? a.slice(4) : a;
}

const SIMPLE_SMTP = /^[^@\s;<>"]+@[^@\s;<>"]+\.[^@\s;<>".]+$/;

function isoSeconds(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Identity of an extended property, or an error for an invalid attribute combination (MS-OXWSXPROP). */
function propertyKey(uri: T.PathToExtendedFieldType): string {
  const invalid = (): never => {
    throw new UcsError('ErrorInvalidExtendedProperty', MESSAGES.extendedProperty);
  };
  const set = uri.DistinguishedPropertySetId ?? uri.PropertySetId;
  const hasName = uri.PropertyName !== undefined;
  const hasId = uri.PropertyId !== undefined;
  if (uri.PropertyTag !== undefined) {
    if (set !== undefined || hasName || hasId) return invalid();
    let tag: number;
    if (typeof uri.PropertyTag === 'number') tag = uri.PropertyTag;
    else if (/^0[xX][0-9A-Fa-f]{1,4}$/.test(uri.PropertyTag)) tag = parseInt(uri.PropertyTag.slice(2), 16);
    else return invalid();
    return `tag:${tag}:${uri.PropertyType}`;
  }
  if (uri.DistinguishedPropertySetId !== undefined && uri.PropertySetId !== undefined) return invalid();
  if (set === undefined || hasName === hasId) return invalid();
  const setKey = uri.DistinguishedPropertySetId ?? (uri.PropertySetId ?? '').toLowerCase();
  const which = hasName ? `name:${uri.PropertyName ?? ''}` : `id:${uri.PropertyId ?? 0}`;
  return `set:${setKey}:${which}:${uri.PropertyType}`;
}

function requestedKeys(uris: readonly T.PathToExtendedFieldType[] | undefined): Set<string> | undefined {
  if (uris === undefined) return undefined;
  return new Set(uris.map(propertyKey));
}

function plainUri(uri: T.PathToExtendedFieldType): T.PathToExtendedFieldType {
  const { $type: _ignored, ...rest } = uri;
  return rest;
}

function extendedValue(p: StoredProperty): T.ExtendedPropertyType {
  return typeof p.value === 'string'
    ? { ExtendedFieldURI: plainUri(p.uri), Value: p.value }
    : { ExtendedFieldURI: plainUri(p.uri), Values: [...p.value] };
}

function selected(extended: Map<string, StoredProperty>, keys: Set<string> | undefined): StoredProperty[] {
  if (keys === undefined) return [];
  return [...extended.entries()].filter(([k]) => keys.has(k)).map(([, p]) => p);
}

/** One mailbox's contact list. */
export class MailboxStore {
  readonly name: string;
  readonly guid: string;
  private migrationCompleted: boolean | undefined = undefined;
  private sequence = 0;
  private changeNumber = 0;
  private readonly groups: GroupRecord[] = [];
  private readonly contacts: ContactRecord[] = [];
  /** The contacts by item id and by persona id: a GetImItems may name tens of thousands. */
  private readonly contactsById = new Map<string, ContactRecord>();
  private readonly quickContactsFolderId: string;
  private readonly plainPersonas = new WeakMap<ContactRecord, T.PersonaType>();
  private readonly owner: UcsStore;

  constructor(owner: UcsStore, name: string) {
    this.owner = owner;
    this.name = name;
    this.guid = mailboxGuidFor(name);
    this.quickContactsFolderId = this.newId('folder');
  }

  get imListMigrationCompleted(): boolean | undefined {
    return this.migrationCompleted;
  }

  // ---- identifiers ------------------------------------------------------------------------------

  private newId(kind: IdKind): string {
    this.sequence += 1;
    return encodeId(kind, this.guid, this.sequence);
  }

  private nextChange(): number {
    this.changeNumber += 1;
    return this.changeNumber;
  }

  private groupChangeKey(g: GroupRecord): string {
    return encodeChangeKey('group', g.changeNumber);
  }

  private contactChangeKey(c: ContactRecord): string {
    return encodeChangeKey('contact', c.changeNumber);
  }

  /** Checks an id's form and mailbox; returns its kind. */
  private decode(ref: ItemRef): IdKind {
    const d = decodeId(ref.Id);
    if (d === 'empty') throw new UcsError('ErrorInvalidIdEmpty', MESSAGES.idEmpty);
    if (d === 'malformed') throw new UcsError('ErrorInvalidIdMalformed', MESSAGES.idMalformed);
    if (d.mailboxGuid !== this.guid) {
      throw new UcsError('ErrorNonExistentMailbox', MESSAGES.noMailboxGuid, messageXmlValue('MailboxGuid', d.mailboxGuid));
    }
    return d.kind;
  }

  /** The optimistic-concurrency check of an item being saved or deleted: none without a change key. */
  private checkChangeKey(given: string | undefined, current: string): void {
    if (given === undefined || given === current) return;
    const ck = Buffer.from(given, 'base64');
    if (given === '' || ck.length !== 8 || ck.toString('base64') !== given) {
      throw new UcsError('ErrorInvalidChangeKey', MESSAGES.changeKeyInvalid);
    }
    throw new UcsError('ErrorStaleObject', MESSAGES.stale);
  }

  private resolveGroup(ref: ItemRef, checkChangeKey: boolean): GroupRecord {
    const kind = this.decode(ref);
    const g = kind === 'group' ? this.groups.find((x) => x.id === ref.Id) : undefined;
    if (g === undefined) throw new UcsError('ErrorInvalidImGroupId', MESSAGES.groupId);
    if (checkChangeKey) this.checkChangeKey(ref.ChangeKey, this.groupChangeKey(g));
    return g;
  }

  private resolveContact(ref: ItemRef, checkChangeKey: boolean): ContactRecord {
    const kind = this.decode(ref);
    let c: ContactRecord | undefined;
    if (kind === 'contact' || kind === 'persona') c = this.contactsById.get(ref.Id);
    if (c === undefined) throw new UcsError('ErrorInvalidImContactId', MESSAGES.contactId);
    if (checkChangeKey) this.checkChangeKey(ref.ChangeKey, this.contactChangeKey(c));
    return c;
  }

  // ---- helpers ----------------------------------------------------------------------------------

  private specialGroup(kind: SpecialGroupKind): GroupRecord | undefined {
    return this.groups.find((g) => g.groupType === GROUP_TYPES[kind]);
  }

  private isSpecial(g: GroupRecord): boolean {
    return SPECIAL_KINDS.some((k) => GROUP_TYPES[k] === g.groupType);
  }

  private createGroupRecord(groupType: string, displayName: string, smtpAddress?: string): GroupRecord {
    const g: GroupRecord = {
      id: this.newId('group'),
      changeNumber: this.nextChange(),
      displayName,
      groupType,
      smtpAddress,
      members: new Set(),
      extended: new Map(),
    };
    this.groups.push(g);
    return g;
  }

  private checkGroupLimit(): void {
    const counted = this.groups.filter((g) => !this.isSpecial(g)).length;
    if (counted >= this.owner.maxGroups) throw new UcsError('ErrorImGroupLimitReached', MESSAGES.groupLimit);
  }

  /** A group that contacts may be added to: the given one, or OtherContacts (created on first use). */
  private memberTarget(groupRef: ItemRef | undefined): GroupRecord | SpecialGroupKind {
    if (groupRef === undefined) return this.specialGroup('OtherContacts') ?? 'OtherContacts';
    const g = this.resolveGroup(groupRef, true);
    if (g.groupType === GROUP_TYPES.DG) throw new UcsError('ErrorInvalidImGroupId', MESSAGES.dgTakesNoContacts);
    return g;
  }

  private checkRoom(g: GroupRecord): void {
    if (g.members.size >= this.owner.maxContactsPerGroup) throw new UcsError('ErrorImContactLimitReached', MESSAGES.contactLimit);
  }

  /** Refuses a new member when the group is full (a group still to be created is empty). */
  private checkRoomIn(target: GroupRecord | SpecialGroupKind): void {
    if (typeof target !== 'string') this.checkRoom(target);
  }

  private materialise(target: GroupRecord | SpecialGroupKind): GroupRecord {
    return typeof target === 'string' ? this.ensureSpecialRecord(target) : target;
  }

  private ensureSpecialRecord(kind: SpecialGroupKind, displayName?: string): GroupRecord {
    return this.specialGroup(kind) ?? this.createGroupRecord(GROUP_TYPES[kind], displayName ?? DEFAULT_SPECIAL_NAMES[kind]);
  }

  private addMember(g: GroupRecord, c: ContactRecord): void {
    if (g.members.has(c)) return;
    this.checkRoom(g);
    g.members.add(c);
    g.changeNumber = this.nextChange();
    // OtherContacts holds "the remainder of contacts not in any other group" (2.2.4.2).
    const others = this.specialGroup('OtherContacts');
    if (others !== undefined && others !== g && this.placesContact(g)) this.removeMember(others, c);
  }

  /** Whether membership of `g` takes a contact out of OtherContacts: any group but that and Tagged. */
  private placesContact(g: GroupRecord): boolean {
    return g.groupType !== GROUP_TYPES.OtherContacts && g.groupType !== GROUP_TYPES.Tagged;
  }

  private removeMember(g: GroupRecord, c: ContactRecord): void {
    if (g.members.delete(c)) g.changeNumber = this.nextChange();
  }

  private deleteContact(c: ContactRecord): void {
    for (const g of this.groups) this.removeMember(g, c);
    const i = this.contacts.indexOf(c);
    if (i >= 0) this.contacts.splice(i, 1);
    this.contactsById.delete(c.itemId);
    this.contactsById.delete(c.personaId);
  }

  private deleteGroup(g: GroupRecord): void {
    const i = this.groups.indexOf(g);
    if (i >= 0) this.groups.splice(i, 1);
  }

  /**
   * The deletion rule of 3.1.4.10 / 3.1.4.11: leaving `from`, the contact is deleted when it is in no
   * other group except the Tagged group.
   */
  private leaveGroup(c: ContactRecord, from: GroupRecord): void {
    const elsewhere = this.groups.some((g) => g !== from && g.groupType !== GROUP_TYPES.Tagged && g.members.has(c));
    if (elsewhere) this.removeMember(from, c);
    else this.deleteContact(c);
  }

  private createContact(fields: Pick<ContactRecord, 'kind' | 'displayName' | 'imAddress' | 'telUri' | 'telephoneNumber'>): ContactRecord {
    const c: ContactRecord = {
      itemId: this.newId('contact'),
      personaId: this.newId('persona'),
      changeNumber: this.nextChange(),
      created: isoSeconds(this.owner.now()),
      extended: new Map(),
      ...fields,
    };
    this.contacts.push(c);
    this.contactsById.set(c.itemId, c);
    this.contactsById.set(c.personaId, c);
    return c;
  }

  // ---- views ------------------------------------------------------------------------------------

  /** What the Add* operations return: display name, group type and store id (3.1.4.3). */
  private shortGroup(g: GroupRecord): T.ImGroupType {
    return { DisplayName: g.displayName, GroupType: g.groupType, ExchangeStoreId: { Id: g.id, ChangeKey: this.groupChangeKey(g) } };
  }

  private fullGroup(g: GroupRecord, keys: Set<string> | undefined): T.ImGroupType {
    const v = this.shortGroup(g);
    if (g.members.size > 0) v.MemberCorrelationKey = [...g.members].map((c) => ({ Id: c.personaId }));
    const ext = selected(g.extended, keys);
    if (ext.length > 0) v.ExtendedProperties = ext.map(extendedValue);
    if (g.smtpAddress !== undefined) v.SmtpAddress = g.smtpAddress;
    return v;
  }

  private persona(c: ContactRecord, keys: Set<string> | undefined): T.PersonaType {
    if (keys !== undefined) return this.buildPersona(c, keys);
    // Without extended properties a persona depends only on its contact record, which never
    // changes once created: build it once. Every caller shares it, so nothing here may alter a
    // persona it was given. Not frozen: writing frozen objects is ~1.7x slower (their property
    // loads miss V8's fast paths), which the whole GetImItemList response would pay.
    let p = this.plainPersonas.get(c);
    if (p === undefined) {
      p = this.buildPersona(c, undefined);
      this.plainPersonas.set(c, p);
    }
    return p;
  }

  private buildPersona(c: ContactRecord, keys: Set<string> | undefined): T.PersonaType {
    const attributed = <V>(value: V): { Value: V; Attributions: string[] } => ({ Value: value, Attributions: ['0'] });
    const p: T.PersonaType = {
      PersonaId: { Id: c.personaId },
      PersonaType: 'Person',
      CreationTime: c.created,
      DisplayName: c.displayName,
      DisplayNameFirstLast: c.displayName,
      DisplayNameLastFirst: c.displayName,
      FileAsId: 'None',
    };
    const smtp = c.kind === 'im' ? imKey(c.imAddress) : '';
    const email: T.EmailAddressType | undefined = SIMPLE_SMTP.test(smtp)
      ? { Name: c.displayName, EmailAddress: c.imAddress.replace(/^sip:/i, ''), RoutingType: 'SMTP' }
      : undefined;
    if (email !== undefined) {
      p.EmailAddress = { ...email };
      p.EmailAddresses = [{ ...email }];
    }
    const phone: T.PersonaPhoneNumberType | undefined =
      c.telephoneNumber === undefined ? undefined : { Number: c.telephoneNumber, Type: 'Business' };
    if (phone !== undefined) p.PhoneNumber = { ...phone };
    p.ImAddress = c.imAddress;
    p.RelevanceScore = 2147483647;
    p.Attributions = [
      {
        Id: '0',
        SourceId: { Id: c.itemId, ChangeKey: this.contactChangeKey(c) },
        DisplayName: 'Outlook',
        IsWritable: true,
        IsQuickContact: true,
        IsHidden: false,
        FolderId: { Id: this.quickContactsFolderId, ChangeKey: FOLDER_CHANGE_KEY },
      },
    ];
    p.DisplayNames = [attributed(c.displayName)];
    p.FileAsIds = [attributed('None')];
    if (phone !== undefined) p.BusinessPhoneNumbers = [attributed({ ...phone })];
    if (email !== undefined) p.Emails1 = [attributed({ ...email })];
    p.ImAddresses = [attributed(c.imAddress)];
    const ext = selected(c.extended, keys);
    if (ext.length > 0) p.ExtendedProperties = ext.map((e) => attributed(extendedValue(e)));
    return p;
  }

  // ---- the 13 operations (3.1.4.1 - 3.1.4.13) ---------------------------------------------------

  /** 3.1.4.1 */
  addDistributionGroupToImList(smtpAddress: string, displayName: string): T.ImGroupType {
    const address = smtpAddress.trim();
    if (!SIMPLE_SMTP.test(address) || !this.owner.distributionGroupExists(address)) {
      throw new UcsError('ErrorInvalidImDistributionGroupSmtpAddress', MESSAGES.dgSmtp);
    }
    const existing = this.groups.find((g) => g.groupType === GROUP_TYPES.DG && g.smtpAddress !== undefined && sameText(g.smtpAddress, address));
    if (existing !== undefined) return this.shortGroup(existing);
    this.checkGroupLimit();
    return this.shortGroup(this.createGroupRecord(GROUP_TYPES.DG, displayName, address));
  }

  /** 3.1.4.2 */
  addImContactToGroup(contactId: ItemRef, groupId: ItemRef | undefined): void {
    const c = this.resolveContact(contactId, false);
    const target = this.memberTarget(groupId);
    if (typeof target !== 'string' && target.members.has(c)) return;
    // Without a group, a contact another group holds stays where it is: OtherContacts is the remainder.
    if (groupId === undefined && this.groups.some((g) => this.placesContact(g) && g.members.has(c))) return;
    this.checkRoomIn(target);
    this.addMember(this.materialise(target), c);
  }

  /** 3.1.4.3 */
  addImGroup(displayName: string): T.ImGroupType {
    const existing = this.groups.find((g) => sameText(g.displayName, displayName));
    if (existing !== undefined) return this.shortGroup(existing);
    this.checkGroupLimit();
    return this.shortGroup(this.createGroupRecord(GROUP_TYPES.UserGroup, displayName));
  }

  /** 3.1.4.4 */
  addNewImContactToGroup(imAddress: string, displayName: string | undefined, groupId: ItemRef | undefined): T.PersonaType {
    const target = this.memberTarget(groupId);
    const key = imKey(imAddress);
    const existing = this.contacts.find((c) => c.kind === 'im' && imKey(c.imAddress) === key);
    if (existing !== undefined) return this.persona(existing, undefined);
    this.checkRoomIn(target);
    const c = this.createContact({ kind: 'im', displayName: displayName ?? imAddress, imAddress, telUri: undefined, telephoneNumber: undefined });
    this.addMember(this.materialise(target), c);
    return this.persona(c, undefined);
  }

  /** 3.1.4.5 */
  addNewTelUriContactToGroup(telUri: string, sipUri: string, telephoneNumber: string, groupId: ItemRef | undefined): T.PersonaType {
    const target = this.memberTarget(groupId);
    this.checkRoomIn(target);
    const c = this.createContact({ kind: 'telUri', displayName: telephoneNumber, imAddress: sipUri, telUri, telephoneNumber });
    this.addMember(this.materialise(target), c);
    return this.persona(c, undefined);
  }

  /** 3.1.4.6 */
  getImItemList(extendedProperties?: readonly T.PathToExtendedFieldType[]): T.ImItemListType {
    const keys = requestedKeys(extendedProperties);
    const groups = this.groups.filter((g) => RECOGNISED_TYPES.has(g.groupType));
    const listed = new Set<ContactRecord>();
    for (const g of groups) for (const c of g.members) listed.add(c);
    return {
      Groups: groups.map((g) => this.fullGroup(g, keys)),
      Personas: this.contacts.filter((c) => listed.has(c)).map((c) => this.persona(c, keys)),
    };
  }

  /** 3.1.4.7 */
  getImItems(
    contactIds: T.NonEmptyArrayOfBaseItemIdsType | undefined,
    groupIds: T.NonEmptyArrayOfBaseItemIdsType | undefined,
    extendedProperties?: readonly T.PathToExtendedFieldType[],
  ): T.ImItemListType {
    const keys = requestedKeys(extendedProperties);
    const groups: GroupRecord[] = [];
    for (const entry of groupIds ?? []) {
      if (!('ItemId' in entry)) throw new UcsError('ErrorInvalidImGroupId', MESSAGES.groupId);
      const g = this.resolveGroup(entry.ItemId, false);
      if (!RECOGNISED_TYPES.has(g.groupType)) throw new UcsError('ErrorInvalidImGroupId', MESSAGES.groupId);
      if (!groups.includes(g)) groups.push(g);
    }
    const contacts = new Set<ContactRecord>();
    for (const entry of contactIds ?? []) {
      if (!('ItemId' in entry)) throw new UcsError('ErrorInvalidImContactId', MESSAGES.contactId);
      contacts.add(this.resolveContact(entry.ItemId, false));
    }
    return { Groups: groups.map((g) => this.fullGroup(g, keys)), Personas: [...contacts].map((c) => this.persona(c, keys)) };
  }

  /** 3.1.4.8 */
  removeContactFromImList(contactId: ItemRef): void {
    this.deleteContact(this.resolveContact(contactId, true));
  }

  /** 3.1.4.9 */
  removeDistributionGroupFromImList(groupId: ItemRef): void {
    const g = this.resolveGroup(groupId, true);
    if (g.groupType !== GROUP_TYPES.DG) throw new UcsError('ErrorInvalidImGroupId', MESSAGES.notDistributionGroup);
    this.deleteGroup(g);
  }

  /** 3.1.4.10 */
  removeImContactFromGroup(contactId: ItemRef, groupId: ItemRef): void {
    const c = this.resolveContact(contactId, false);
    const g = this.resolveGroup(groupId, true);
    if (!g.members.has(c)) throw new UcsError('ErrorUnableToRemoveImContactFromGroup', MESSAGES.notMember);
    this.leaveGroup(c, g);
  }

  /** 3.1.4.11 */
  removeImGroup(groupId: ItemRef): void {
    const g = this.resolveGroup(groupId, true);
    for (const c of [...g.members]) this.leaveGroup(c, g);
    this.deleteGroup(g);
  }

  /** 3.1.4.12 */
  setImGroup(groupId: ItemRef, newDisplayName: string): void {
    const g = this.resolveGroup(groupId, true);
    if (g.displayName === newDisplayName) return;
    if (this.groups.some((x) => x !== g && sameText(x.displayName, newDisplayName))) {
      throw new UcsError('ErrorImGroupDisplayNameAlreadyExists', MESSAGES.nameExists);
    }
    g.displayName = newDisplayName;
    g.changeNumber = this.nextChange();
  }

  /** 3.1.4.13 */
  setImListMigrationCompleted(completed: boolean): void {
    this.migrationCompleted = completed;
  }

  // ---- seeding and inspection (not part of the protocol) ----------------------------------------

  /**
   * The mailbox's Tagged, OtherContacts or Favorites group, created if missing (there is at most one
   * of each, 2.2.4.2). Returns it as the Add* operations would.
   */
  ensureSpecialGroup(kind: SpecialGroupKind, displayName?: string): T.ImGroupType {
    return this.shortGroup(this.ensureSpecialRecord(kind, displayName));
  }

  /**
   * A group of any GroupType, bypassing the protocol's rules, e.g. one a user created by hand that
   * GetImItemList does not recognise (3.1.4.6). Special types still yield their single group.
   */
  createGroup(groupType: string, displayName: string): T.ImGroupType {
    const special = SPECIAL_KINDS.find((k) => GROUP_TYPES[k] === groupType);
    if (special !== undefined) return this.ensureSpecialGroup(special, displayName);
    return this.shortGroup(this.createGroupRecord(groupType, displayName));
  }

  /** Sets an extended property on a group (store id) or contact (persona or item id). */
  setExtendedProperty(id: string, uri: T.PathToExtendedFieldType, value: string | readonly string[]): void {
    const key = propertyKey(uri);
    const stored: StoredProperty = { uri: plainUri(uri), value: typeof value === 'string' ? value : [...value] };
    const kind = this.decode({ Id: id });
    const target = kind === 'group' ? this.resolveGroup({ Id: id }, false) : this.resolveContact({ Id: id }, false);
    target.extended.set(key, stored);
  }

  snapshot(): MailboxSnapshot {
    return {
      name: this.name,
      guid: this.guid,
      imListMigrationCompleted: this.migrationCompleted,
      groups: this.groups.map((g) => ({
        id: g.id,
        changeKey: this.groupChangeKey(g),
        displayName: g.displayName,
        groupType: g.groupType,
        ...(g.smtpAddress === undefined ? {} : { smtpAddress: g.smtpAddress }),
        members: [...g.members].map((c) => c.personaId),
      })),
      contacts: this.contacts.map((c) => ({
        personaId: c.personaId,
        itemId: c.itemId,
        displayName: c.displayName,
        imAddress: c.imAddress,
        ...(c.telUri === undefined ? {} : { telUri: c.telUri }),
        ...(c.telephoneNumber === undefined ? {} : { telephoneNumber: c.telephoneNumber }),
      })),
    };
  }
}

/** All mailboxes, keyed case-insensitively by name (an SMTP address or a user name). */
export class UcsStore {
  readonly now: () => Date;
  readonly maxGroups: number;
  readonly maxContactsPerGroup: number;
  private readonly directory: ReadonlySet<string> | undefined;
  private readonly mailboxes = new Map<string, MailboxStore>();

  constructor(options: UcsStoreOptions = {}) {
    this.now = options.now ?? (() => new Date());
    this.maxGroups = options.maxGroups ?? DEFAULT_MAX_GROUPS;
    this.maxContactsPerGroup = options.maxContactsPerGroup ?? DEFAULT_MAX_CONTACTS_PER_GROUP;
    this.directory = options.distributionGroups === undefined ? undefined : new Set(options.distributionGroups.map((a) => a.toLowerCase()));
  }

  /** The mailbox with this name, created empty on first use. */
  mailbox(name: string): MailboxStore {
    const key = name.toLowerCase();
    let m = this.mailboxes.get(key);
    if (m === undefined) {
      m = new MailboxStore(this, name);
      this.mailboxes.set(key, m);
    }
    return m;
  }

  hasMailbox(name: string): boolean {
    return this.mailboxes.has(name.toLowerCase());
  }

  mailboxNames(): string[] {
    return [...this.mailboxes.values()].map((m) => m.name);
  }

  distributionGroupExists(smtpAddress: string): boolean {
    return this.directory === undefined || this.directory.has(smtpAddress.toLowerCase());
  }
}
