// Opaque identifiers and change keys for the in-memory Unified Contact Store.
//
// Exchange store identifiers are base64 blobs that embed the mailbox they belong to; the
// AddNewImContactToGroup documentation page shows that an identifier from another mailbox is
// answered with ErrorNonExistentMailbox ("No mailbox with such guid.") carrying the mailbox GUID.
// To reproduce that, every identifier here embeds its mailbox GUID:
//
//   byte 0      format version (1)
//   byte 1      kind (group, contact item, persona, folder)
//   bytes 2-17  mailbox GUID
//   bytes 18-21 per-mailbox sequence number, little endian
//
// Change keys are base64 of a 4-byte class prefix followed by the mailbox's change number at the
// time of the last save, so every save of any item yields a change key never seen before.

import { createHash } from 'node:crypto';

export const ID_FORMAT_VERSION = 1;

export type IdKind = 'group' | 'contact' | 'persona' | 'folder';

const KIND_BYTES: Readonly<Record<IdKind, number>> = { group: 0x11, contact: 0x12, persona: 0x13, folder: 0x14 };

const ID_LENGTH = 22;

export interface DecodedId {
  kind: IdKind;
  /** Lower-case hyphenated GUID text of the mailbox the id belongs to. */
  mailboxGuid: string;
  sequence: number;
}

/** Why an id could not be decoded: empty, or not one of this store's ids. */
export type IdProblem = 'empty' | 'malformed';

/** A deterministic GUID for a mailbox name (case-insensitive), in the usual 8-4-4-4-12 text form. */
export function mailboxGuidFor(name: string): string {
  const hex = createHash('sha256').update(name.toLowerCase(), 'utf8').digest('hex').slice(0, 32);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

function guidBytes(guid: string): Buffer {
  return Buffer.from(guid.replace(/-/g, ''), 'hex');
}

function guidText(bytes: Buffer): string {
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

export function encodeId(kind: IdKind, mailboxGuid: string, sequence: number): string {
  const b = Buffer.alloc(ID_LENGTH);
  b[0] = ID_FORMAT_VERSION;
  b[1] = KIND_BYTES[kind];
  guidBytes(mailboxGuid).copy(b, 2);
  b.writeUInt32LE(sequence, 18);
  return b.toString('base64');
}

/** Decodes an id; anything that is not the canonical base64 of one of our ids is 'malformed'. */
export function decodeId(id: string): DecodedId | IdProblem {
  if (id === '') return 'empty';
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(id)) return 'malformed';
  const b = Buffer.from(id, 'base64');
  if (b.length !== ID_LENGTH || b.toString('base64') !== id || b[0] !== ID_FORMAT_VERSION) return 'malformed';
  const kindByte = b[1];
  const kind = (Object.keys(KIND_BYTES) as IdKind[]).find((k) => KIND_BYTES[k] === kindByte);
  if (kind === undefined) return 'malformed';
  return { kind, mailboxGuid: guidText(b.subarray(2, 18)), sequence: b.readUInt32LE(18) };
}

/** Change key classes, as the first four bytes of the key (the documented examples show 0x12 for groups). */
const CHANGE_KEY_CLASS: Readonly<Record<'group' | 'contact', number>> = { group: 0x12, contact: 0x11 };

export function encodeChangeKey(kind: 'group' | 'contact', changeNumber: number): string {
  const b = Buffer.alloc(8);
  b.writeUInt32LE(CHANGE_KEY_CLASS[kind], 0);
  b.writeUInt32LE(changeNumber, 4);
  return b.toString('base64');
}

/** The fixed change key reported for the QuickContacts folder (folders are never modified here). */
export const FOLDER_CHANGE_KEY = Buffer.from([1, 0, 0, 0]).toString('base64');
