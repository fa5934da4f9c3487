import { applyQuietHours, isQuietHour } from '../../../domain/reminders/quiet-hours';
import { decryptText, renderText } from '../content';
import { latestDueOccurrence, quietExempt } from '../occurrences';
import { occurrenceKey, type ReminderDoc } from '../reminder-doc';
import { cadenceDecision } from './follow-ups';
import { cancel, defer } from './lease';
import { finalizeFailure, recordInterrupted } from './outcomes';
import type { RunState } from './run-state';
import { sendToMember } from './member-sending';
import { sendToStaff } from './staff-sending';

/**
 * One claimed reminder, in order: an interrupted send of this occurrence (not resent), the member's
 * status, the occurrence due now (a missed one sent once; a plan task's due event), quiet hours, the follow-up cadence, then
 * the staff or member sender.
 */
export async function processOne(run: RunState, doc: ReminderDoc): Promise<void> {
  run.checkCrash();
  const nowMs = run.clock.nowMs();

  // A previous run was sending this very occurrence when it died.
  if (doc.inFlight && doc.inFlight.occurrence === occurrenceKey(doc) && doc.inFlight.channel !== 'app_message') {
    return recordInterrupted(run, doc, doc.inFlight.channel, nowMs);
  }

  const member = doc.memberId ? await run.memberOf(doc.memberId) : null;
  // An escalation is about staff answering a ticket already raised: it goes out whatever the member's status.
  if (doc.memberId && doc.kind !== 'sla_escalation' && (!member || member.status !== 'active')) return cancel(run, doc, member ? `member_${member.status}` : 'member_unknown');

  doc.occurrenceAtMs = latestDueOccurrence(doc, nowMs);
  // A plan task falls due here, before quiet hours or any rule puts its send off (DispatcherDeps.onOccurrenceDue).
  await run.deps.onOccurrenceDue?.(doc);

  if (!quietExempt(doc) && isQuietHour(nowMs)) return defer(run, doc, applyQuietHours(nowMs, { exempt: false }), 'quiet_hours');

  let cadenceNextAtMs: number | undefined;
  const decision = await cadenceDecision(run, doc, nowMs);
  if (decision?.action === 'stop' && member) {
    await cancel(run, doc, 'low_cooperation');
    await run.deps.onLowCooperation(member, doc, nowMs);
    return;
  }
  if (decision?.action === 'schedule') cadenceNextAtMs = decision.atMs;

  const text = decryptText(run.deps.cipher, doc);
  if (doc.audience !== 'member') return sendToStaff(run, doc, member, renderText(text));
  if (!member) return finalizeFailure(run, doc, { kind: 'no_channel', code: 'no_member', errcode: null });
  return sendToMember(run, doc, member, text, cadenceNextAtMs);
}
