import { renewalReminders as renewalPlan } from '../../domain/reminders/renewal';
import { localDayNumber, shanghaiInstant } from '../../domain/reminders/shanghai-time';
import type { Doc } from '../../ports/document-store';
import { parseInput } from '../../validation';
import { shanghaiLabel } from './content';
import { assertMemberActive, createReminder, type CreatedBy, type CreationDeps } from './creation';
import { cancelWhere } from './member-controls';
import { ensureReminderIndexes, REMINDERS, type ReminderDoc } from './reminder-doc';
import { PolicyExpirySchema, type PolicyExpiryInput } from './schemas';

export const POLICY_EXPIRIES = 'policy_expiries';

export interface PolicyExpiryDoc extends Doc {
  memberId: string;
  policyId: string;
  expiryAtMs: number;
  productName?: string;
  updatedAtMs: number;
}

/**
 * Registers (or moves) a policy's expiry and schedules renewal reminders 30, 7 and 1 day(s) ahead
 * (shared/domain/reminders/renewal.ts), to the member and their insurance consultant. Idempotent per
 * (policy, expiry date); a moved expiry cancels the reminders of the old date.
 */
export async function renewalReminders(
  deps: CreationDeps,
  raw: PolicyExpiryInput,
  createdBy: CreatedBy = 'system',
): Promise<{ expiryAtMs: number; ids: string[]; created: number; cancelled: number }> {
  const { store } = deps;
  const input = parseInput(PolicyExpirySchema, raw, 'policy expiry');
  // Before the expiry is stored: nothing is kept about a member we no longer serve.
  await assertMemberActive(deps, input.memberId);
  const expiryAtMs = input.expiryAtMs ?? endOfShanghaiDate(input.expiresOn as string);
  const nowMs = deps.clock.nowMs();
  await ensureReminderIndexes(store);
  const policyKey = `${input.memberId}:${input.policyId}`;
  await store.collection<PolicyExpiryDoc>(POLICY_EXPIRIES).updateOne(
    { _id: policyKey },
    { $set: { memberId: input.memberId, policyId: input.policyId, expiryAtMs, ...(input.productName && { productName: input.productName }), updatedAtMs: nowMs } },
    { upsert: true },
  );
  const expiryDay = localDayNumber(expiryAtMs);
  const prefix = `renewal:${policyKey}:`;
  const stale = (await store.collection<ReminderDoc>(REMINDERS).find({ status: 'scheduled', kind: 'policy_renewal', memberId: input.memberId })).filter(
    (d) => d._id.startsWith(prefix) && !d._id.startsWith(`${prefix}${expiryDay}:`),
  );
  let cancelled = 0;
  for (const d of stale) cancelled += await cancelWhere(deps, { _id: d._id }, 'policy_expiry_changed');

  const date = shanghaiLabel(expiryAtMs).slice(0, 10);
  const product = input.productName ? `「${input.productName}」` : '';
  let created = 0;
  const ids: string[] = [];
  for (const r of renewalPlan(expiryAtMs, nowMs)) {
    const title =
      r.audience === 'member'
        ? `您的保单${product}将于 ${date} 到期（还有 ${r.offsetDays} 天）。为保障不中断，请及时续保，您的保险顾问会与您联系。`
        : `会员保单${product}将于 ${date} 到期（${r.offsetDays} 天后），请联系会员办理续保。`;
    const res = await createReminder(
      deps,
      { idempotencyKey: `${prefix}${expiryDay}:${r.offsetDays}:${r.audience}`, memberId: input.memberId, kind: 'policy_renewal', audience: r.audience, title, startAtMs: r.atMs },
      createdBy,
      'renewal',
    );
    if (res.created) created += 1;
    ids.push(res.reminder._id);
  }
  return { expiryAtMs, ids, created, cancelled };
}

/** "YYYY-MM-DD" (validated by the schema): cover ends at 23:59 that day, Shanghai. */
function endOfShanghaiDate(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return shanghaiInstant(y, m, d, 23, 59);
}
