import { createHmac } from 'node:crypto';
import type { EncryptedField, FieldCipher } from '../../ports/field-cipher';
import { localParts } from '../../domain/reminders/shanghai-time';
import type { ReminderKind } from '../../domain/schedule/recurrence';
import type { ReminderDoc } from './reminder-doc';

/** The owner a reminder's ciphertext is bound to: its member, else the reminder itself. */
export const textAad = (doc: Pick<ReminderDoc, '_id' | 'memberId'>): string => doc.memberId ?? doc._id;

export function encryptText(cipher: FieldCipher, text: { title: string; content?: string }, aad: string): { title: EncryptedField; content?: EncryptedField } {
  return cipher.encryptFields(text, ['title', 'content'], aad) as unknown as { title: EncryptedField; content?: EncryptedField };
}

export function decryptText(cipher: FieldCipher, doc: Pick<ReminderDoc, '_id' | 'memberId' | 'title' | 'content'>): { title: string; content?: string } {
  const enc = { title: doc.title, ...(doc.content && { content: doc.content }) };
  return cipher.decryptFields(enc, ['title', 'content'], textAad(doc)) as unknown as { title: string; content?: string };
}

/** What a member or staff member reads. */
export const renderText = (t: { title: string; content?: string }): string => (t.content ? `${t.title}\n${t.content}` : t.title);

/**
 * Keyed hash of what a member received, for the duplicate-content rule. Keyed (HMAC) because the
 * texts come from a small set ("请测量血糖") and a plain hash would tell a reader of the store
 * which condition the member is monitored for.
 */
export function contentHash(key: string, memberId: string, text: string): string {
  return createHmac('sha256', key).update(`${memberId}\n${text}`).digest('base64url').slice(0, 22);
}

export const KIND_LABELS_ZH: Record<ReminderKind, string> = {
  monitoring: '健康监测',
  medication: '用药提醒',
  follow_up_visit: '复诊提醒',
  exercise_task: '运动计划',
  check_up: '体检提醒',
  policy_renewal: '保单到期',
  activity: '活动提醒',
  staff_follow_up: '随访任务',
  sla_escalation: '工单超时',
  health_content: '健康知识',
  offer: '为您推荐',
};

/** "2026-03-01 08:00" in Shanghai, for texts people read. */
export function shanghaiLabel(ms: number): string {
  const p = localParts(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${p.year}-${two(p.month)}-${two(p.day)} ${two(p.hour)}:${two(p.minute)}`;
}

/** WeChat `thing` keywords hold at most 20 characters. */
export function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}
