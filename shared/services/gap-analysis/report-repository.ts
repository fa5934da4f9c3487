import type { FieldCipher } from '../../ports/field-cipher';
import type { DocumentStore } from '../../ports/document-store';
import { ENCRYPTED_PATHS, GAP_REPORTS, type GapReportDoc, type GapReportRecord } from './report-doc';
import { onceUntilFailure } from '../../once-until-failure';

export interface SealedReport {
  memberId: string;
  open(): GapReportRecord;
}

export interface GapReportRepository {
  /** Inserts; DuplicateKeyError when the id is taken (an idempotency key already used). */
  insert(record: GapReportRecord): Promise<void>;
  /**
   * The report still sealed: its owner is readable without decrypting, so the caller can be
   * authorised against the member before any content is opened.
   */
  find(reportId: string): Promise<SealedReport | null>;
  /** Latest first. */
  listByMember(memberId: string, limit: number): Promise<GapReportRecord[]>;
}

function toDoc(r: GapReportRecord, cipher: FieldCipher): GapReportDoc {
  const plain: GapReportDoc = {
    _id: r.reportId,
    memberId: r.memberId,
    createdAtMs: r.createdAtMs,
    createdBy: r.createdBy,
    tierSource: r.tierSource,
    input: r.input,
    report: r.report,
    consultantDraft: r.consultantDraft,
    memberSummary: r.memberSummary,
  };
  return cipher.encryptFields(plain, ENCRYPTED_PATHS, r.memberId);
}

function fromDoc(d: GapReportDoc, cipher: FieldCipher): GapReportRecord {
  const plain = cipher.decryptFields(d, ENCRYPTED_PATHS, d.memberId);
  return {
    reportId: plain._id,
    memberId: plain.memberId,
    createdAtMs: plain.createdAtMs,
    createdBy: plain.createdBy,
    tierSource: plain.tierSource,
    input: plain.input as GapReportRecord['input'],
    report: plain.report as GapReportRecord['report'],
    consultantDraft: plain.consultantDraft as string,
    memberSummary: plain.memberSummary as string,
  };
}

/** Reports in collection `gap_reports`, content encrypted with the member id as AAD (a copied ciphertext fails on another member). */
export function createGapReportRepository(store: DocumentStore, cipher: FieldCipher): GapReportRepository {
  const reports = store.collection<GapReportDoc>(GAP_REPORTS);
  const ready = onceUntilFailure(() => reports.ensureIndex({ fields: ['memberId', 'createdAtMs'] }));
  return {
    async insert(record) {
      await ready();
      await reports.insert(toDoc(record, cipher));
    },
    async find(reportId) {
      const doc = await reports.get(reportId);
      return doc ? { memberId: doc.memberId, open: () => fromDoc(doc, cipher) } : null;
    },
    async listByMember(memberId, limit) {
      await ready();
      const docs = await reports.find({ memberId }, { sort: { createdAtMs: -1, _id: -1 }, limit });
      return docs.map((d) => fromDoc(d, cipher));
    },
  };
}
