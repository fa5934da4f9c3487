import { chooseChannel } from '../../../domain/reminders/channel-router';
import type { FourRRole } from '../../../domain/team/roles';
import type { Member } from '../../members/member';
import { ApiBlocked, CHANNEL_API } from '../api-pacer';
import { KIND_LABELS_ZH } from '../content';
import { classifySendError, type SendFailure, type SendPhase } from '../delivery-outcome';
import type { ReminderDoc } from '../reminder-doc';
import { DeadlineReached } from '../throttle';
import { markInFlight } from './lease';
import { deferBlocked, finalizeFailure, finalizeSent, handleFailure } from './outcomes';
import { Crashed, type RunState } from './run-state';

/**
 * A reminder to staff: one app message (message/send) to the userids it names, else to the member's
 * team member in the reminder's role. WeCom's duplicate check (`dedupeWindowS`) drops a resent copy,
 * which is why an interrupted staff send is sent again (outcomes.ts).
 */
export async function sendToStaff(run: RunState, doc: ReminderDoc, member: Member | null, text: string): Promise<void> {
  const assigned = member?.team[doc.audience as FourRRole];
  const touser = doc.staffUserIds?.length ? doc.staffUserIds : assigned ? [assigned] : [];
  if (touser.length === 0) return finalizeFailure(run, doc, { kind: 'no_channel', code: 'no_staff_assigned', errcode: null });
  const choice = chooseChannel({ audience: 'staff', kfWindow: { lastCustomerMsgAtMs: null, sentSinceThen: 0 }, subscription: null, nowMs: run.clock.nowMs() });
  const content = `【${KIND_LABELS_ZH[doc.kind]}】${text}${doc.memberId ? `\n会员编号：${doc.memberId}` : ''}`;
  let outcome: 'sent' | 'lost' | SendFailure;
  let phase: SendPhase = 'before';
  try {
    await run.waitForToken(CHANNEL_API.app_message, doc);
    outcome = await (async () => {
      if (!(await markInFlight(run, doc, 'app_message'))) return 'lost' as const;
      phase = 'calling';
      const res = await run.deps.wecom.sendAppMessage({ touser, msgtype: 'text', text: { content }, dedupeWindowS: run.settings.staffDedupeWindowS });
      phase = 'after';
      if (res.invalidUsers.length >= touser.length) return { kind: 'final', code: 'invalid_staff_userid', errcode: null } as const;
      return 'sent' as const;
    })();
  } catch (err) {
    if (err instanceof DeadlineReached) return run.handBack(doc);
    if (err instanceof ApiBlocked) return deferBlocked(run, doc, err);
    if (err instanceof Crashed) throw err;
    outcome = classifySendError(err, phase);
  }
  if (outcome === 'lost') return;
  if (outcome === 'sent') {
    run.afterSend(1);
    return finalizeSent(run, doc, { channel: 'app_message', reason: choice.reason });
  }
  return handleFailure(run, doc, outcome, 'app_message');
}
