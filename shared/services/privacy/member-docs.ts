import { FieldCipherError, type FieldCipher } from '../../ports/field-cipher';
import type { Doc, DocumentStore } from '../../ports/document-store';
import type { MemberDataEntry } from './member-data-map';
import { REDACTED_AT } from './redaction-marker';

/** Bookkeeping of the stores and the services, not the member's data. */
const INTERNAL_FIELDS = ['expireAt', 'v', 'leaseId', 'leaseUntilMs', 'fingerprint', 'streamKey', 'recent'];

/** The member's documents in one collection. */
export async function findMemberDocs(store: DocumentStore, entry: MemberDataEntry, memberId: string): Promise<Doc[]> {
  const col = store.collection(entry.collection);
  switch (entry.find.by) {
    case 'id': {
      const doc = await col.get(memberId);
      return doc ? [doc] : [];
    }
    case 'field':
      return col.find({ [entry.find.field]: memberId }, { sort: { _id: 1 } });
    case 'ids': {
      const ids = await entry.find.ids(memberId, { store });
      return ids.length ? col.find({ _id: { $in: ids } }, { sort: { _id: 1 } }) : [];
    }
  }
}

export interface EntryOutcome {
  collection: string;
  strategy: MemberDataEntry['erase']['strategy'];
  /** Documents deleted, redacted now, or left (retained, or redacted by an earlier run). */
  deleted: number;
  redacted: number;
  kept: number;
}

/** Top-level update turning `doc` into `tomb`: set what the tombstone has, unset the rest. */
function tombstoneUpdate(doc: Doc, tomb: Doc, nowMs: number): { $set: Record<string, unknown>; $unset?: Record<string, true> } {
  const { _id: _ignored, ...fields } = tomb;
  const unset = Object.keys(doc).filter((k) => k !== '_id' && !(k in tomb));
  return { $set: { ...fields, [REDACTED_AT]: nowMs }, ...(unset.length ? { $unset: Object.fromEntries(unset.map((k) => [k, true as const])) } : {}) };
}

/** Applies one entry's erasure to the member's documents. Idempotent: a second run changes nothing. */
export async function eraseEntry(store: DocumentStore, entry: MemberDataEntry, memberId: string, nowMs: number): Promise<EntryOutcome> {
  const out: EntryOutcome = { collection: entry.collection, strategy: entry.erase.strategy, deleted: 0, redacted: 0, kept: 0 };
  const col = store.collection(entry.collection);
  const erase = entry.erase;
  if (erase.strategy === 'retain') {
    out.kept = (await findMemberDocs(store, entry, memberId)).length;
    return out;
  }
  if (erase.strategy === 'delete') {
    const find = entry.find;
    if (find.by === 'id') out.deleted = await col.deleteOne({ _id: memberId });
    else if (find.by === 'field') out.deleted = await col.deleteMany({ [find.field]: memberId });
    else {
      const ids = await find.ids(memberId, { store });
      if (ids.length) out.deleted = await col.deleteMany({ _id: { $in: ids } });
    }
    return out;
  }
  for (const doc of await findMemberDocs(store, entry, memberId)) {
    if (doc[REDACTED_AT] !== undefined) {
      out.kept += 1;
      continue;
    }
    // Only the version we read is replaced: a concurrent change is redacted by the next run.
    const res = await col.updateOne({ _id: doc._id, [REDACTED_AT]: { $exists: false } }, tombstoneUpdate(doc, erase.tombstone(doc, { nowMs }), nowMs));
    if (res.matched) out.redacted += 1;
    else out.kept += 1;
  }
  return out;
}

/** A document as the member reads it: encrypted fields opened with the owner's AAD, bookkeeping left out. */
export function openForMember(cipher: FieldCipher, entry: MemberDataEntry, doc: Doc): Record<string, unknown> {
  let open: Record<string, unknown> = doc;
  if (entry.encryption) {
    try {
      open = cipher.decryptFields(doc, entry.encryption.paths, entry.encryption.aad(doc));
    } catch (err) {
      if (!(err instanceof FieldCipherError)) throw err;
      // A field that cannot be opened (key retired, tampered) must not hide the rest of the export.
      open = { ...doc };
      for (const p of entry.encryption.paths) if (p in open) open[p] = { unreadable: err.code };
    }
  }
  return Object.fromEntries(Object.entries(open).filter(([k]) => !INTERNAL_FIELDS.includes(k)));
}
