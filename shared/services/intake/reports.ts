import { DuplicateKeyError } from '../../errors';
import { deriveTags } from '../../domain/health/tags';
import type { AuditActor } from '../../ports/audit-log';
import type { Doc } from '../../ports/document-store';
import { createMemberRepository } from '../members/member-repository';
import { createTagSync } from '../members/tag-sync';
import type { IntakeDeps } from './deps';
import { createProfileStore } from './profile-store';
import { parseStrict, ReportSchema } from './schemas';
import { answerPlanTask } from './plan-task-evidence';
import { REPORT_ENCRYPTED } from './sensitive-fields';
import { ensureIntakeIndexes } from './indexes';
import { memberForHealthRecord } from './member-gate';

export const EXAM_REPORTS = 'exam_reports';

export interface ExamReportDoc extends Doc {
  _id: string;
  memberId: string;
  reportId: string;
  /** Encrypted: file ids and URLs can carry names; the file itself stays in storage. */
  fileRef: unknown;
  institution?: unknown;
  note?: unknown;
  examDate?: string;
  uploadedAtMs: number;
  submittedBy: AuditActor;
}

export interface ReportView {
  reportId: string;
  fileRef: string;
  examDate?: string;
  institution?: string;
  note?: string;
  uploadedAtMs: number;
}

/**
 * Records a physical-exam report (docs/prd.md §4.5 step 2 "引导上传体检报告") by reference, once per client
 * report id. The member then carries the 关注体检 service-preference tag, and the check-up task is done.
 */
export async function recordExamReport(deps: IntakeDeps, memberId: string, body: unknown, actor: AuditActor): Promise<{ reportId: string; duplicate: boolean }> {
  const input = parseStrict(ReportSchema, body, 'exam report');
  const member = await memberForHealthRecord(deps, memberId);
  const now = deps.clock.nowMs();
  const doc: ExamReportDoc = { _id: `${memberId}:${input.reportId}`, memberId, ...input, uploadedAtMs: now, submittedBy: actor };
  try {
    await deps.store.collection<ExamReportDoc>(EXAM_REPORTS).insert(deps.cipher.encryptFields(doc, REPORT_ENCRYPTED, memberId));
  } catch (err) {
    if (!(err instanceof DuplicateKeyError)) throw err;
    return { reportId: input.reportId, duplicate: true };
  }
  await createMemberRepository(deps.store).checkUpReportUploaded(memberId, now);
  // The report is what the check-up task asks for (plan-task-evidence.ts).
  await answerPlanTask(deps, memberId, 'exam_report', now);

  const profile = await createProfileStore(deps.store, deps.cipher).current(memberId);
  const tags = deriveTags({
    ...(profile && { form: profile.form }),
    ...(member.scene && { scene: member.scene }),
    behaviour: { checkUpReportUploaded: true, lowCooperation: member.intakeStatus === 'low_cooperation' },
  });
  try {
    await createTagSync(deps).apply(memberId, tags);
  } catch (err) {
    deps.log.warn('tag mirroring failed', { memberId, error: err instanceof Error ? err.message : 'unknown' });
  }
  return { reportId: input.reportId, duplicate: false };
}

export async function listExamReports(deps: Pick<IntakeDeps, 'store' | 'cipher'>, memberId: string): Promise<ReportView[]> {
  await ensureIntakeIndexes(deps.store);
  const docs = await deps.store.collection<ExamReportDoc>(EXAM_REPORTS).find({ memberId }, { sort: { uploadedAtMs: -1, _id: 1 } });
  return docs.map((d) => {
    const open = deps.cipher.decryptFields(d, REPORT_ENCRYPTED, memberId);
    return {
      reportId: open.reportId,
      fileRef: open.fileRef as string,
      ...(open.examDate !== undefined && { examDate: open.examDate }),
      ...(open.institution !== undefined && { institution: open.institution as string }),
      ...(open.note !== undefined && { note: open.note as string }),
      uploadedAtMs: open.uploadedAtMs,
    };
  });
}
