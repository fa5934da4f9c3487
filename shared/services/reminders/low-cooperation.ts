import type { Member } from '../members/member';
import { createMemberRepository } from '../members/member-repository';
import { createReminder, type CreationDeps } from './creation';
import type { ReminderDoc } from './reminder-doc';

/**
 * Follow-ups unanswered for three weeks (the cadence stopped, shared/domain/reminders/follow-up-cadence.ts):
 * the member goes on the staff's low-cooperation list ("整理完成低配合用户名单", the partner's 2019 Q1
 * service review (爱睿智无限卡 Q1 服务总结)) and the health butler gets a notice, once per stopped reminder.
 */
export async function onLowCooperation(deps: CreationDeps, member: Member, reminder: ReminderDoc, nowMs: number): Promise<void> {
  await createMemberRepository(deps.store).followUpLowCooperation(member._id, nowMs);
  await createReminder(
    deps,
    {
      idempotencyKey: `low-coop:${reminder._id}`,
      memberId: member._id,
      kind: 'staff_follow_up',
      audience: 'health_butler',
      title: '低配合度会员：连续三周以上未回复随访，系统已停止自动随访，请人工跟进并确认后续服务方式。',
      startAtMs: nowMs,
    },
    'cadence',
    'cadence',
  );
}
