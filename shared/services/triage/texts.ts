import { dangerSignsZh, firstAidFor } from '../../domain/triage/first-aid';
import type { RedFlag } from '../../domain/triage/types';
import { localDayNumber, localParts } from '../../domain/reminders/shanghai-time';
import { ROLE_LABELS_ZH, type FourRRole } from '../../domain/team/roles';
import { ticketPageUrl } from '../../domain/team/staff-pages';

/**
 * Everything triage says to customers and staff. Pure. Customer texts always end with the service
 * boundary (docs/prd.md §3.3 "明确健康咨询与诊疗服务的边界"); staff cards carry no health content (they
 * show on lock screens), only that there is a ticket, how urgent, and by when.
 */

export const SERVICE_BOUNDARY_ZH = '温馨提示：我们提供健康咨询与健康管理建议，不能替代医生面诊、诊断和治疗；身体不适请及时就医，紧急情况请拨打120。';

/** kf/send_msg and message/send text limit (docs/reference/wecom-protocol.md §3.4, §4): 2048 bytes UTF-8. */
export const TEXT_MAX_BYTES = 2048;

/** Cuts at a character boundary so the UTF-8 encoding fits `maxBytes`. */
export function fitBytes(text: string, maxBytes = TEXT_MAX_BYTES): string {
  if (Buffer.byteLength(text, 'utf8') <= maxBytes) return text;
  let out = '';
  let used = 0;
  for (const ch of text) {
    const n = Buffer.byteLength(ch, 'utf8');
    if (used + n + 3 > maxBytes) break;
    out += ch;
    used += n;
  }
  return `${out}…`;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** "今天 14:30" / "明天 10:30" / "3月9日 10:30", Shanghai wall clock. */
export function shanghaiWhen(atMs: number, nowMs: number): string {
  const p = localParts(atMs);
  const days = localDayNumber(atMs) - localDayNumber(nowMs);
  const day = days === 0 ? '今天' : days === 1 ? '明天' : `${p.month}月${p.day}日`;
  return `${day} ${pad2(p.hour)}:${pad2(p.minute)}`;
}

export const roleLabelZh = (role: FourRRole): string => ROLE_LABELS_ZH[role];

/** A routine question was received: who answers and by when; basic guidance for service questions. */
export function acknowledgementText(i: { role: FourRRole; assigneeName?: string; dueAtMs: number; nowMs: number; guidance?: string }): string {
  const who = `您的${roleLabelZh(i.role)}${i.assigneeName ? `（${i.assigneeName}）` : ''}`;
  const lines = [`您好，您的消息已收到，将由${who}为您解答，预计${shanghaiWhen(i.dueAtMs, i.nowMs)}前回复。`];
  if (i.guidance) lines.push(i.guidance);
  lines.push(SERVICE_BOUNDARY_ZH);
  return fitBytes(lines.join('\n'));
}

/**
 * Emergencies: who to call and what to do now, first, as one instruction set that never contradicts
 * itself whatever red flags fired (domain/triage/first-aid.ts); then that people are on it.
 */
export function emergencyText(redFlags: readonly RedFlag[], o: { familyDoctor: boolean }): string {
  const lines = [...firstAidFor(redFlags)];
  lines.push(
    o.familyDoctor ? '我们已通知您的家庭医生和值班医生，会尽快联系您。' : '我们已通知值班医生，会尽快联系您。',
    '以上为紧急处置建议，不能替代医生诊断，请以急救人员和医院的意见为准。',
  );
  return fitBytes(lines.join('\n'));
}

/**
 * Urgent (a doctor today, not 120): when and how the doctor will be in touch, and which signs mean
 * calling 120 without waiting (docs/reference/clinical-triage.md §2).
 */
export function urgentText(i: { watchFor: readonly RedFlag[]; dueAtMs: number; nowMs: number; assigneeName?: string }): string {
  const who = `您的家庭医生${i.assigneeName ? `（${i.assigneeName}）` : ''}`;
  const signs = dangerSignsZh(i.watchFor);
  return fitBytes(
    [
      `您描述的情况需要今天请医生看一下。${who}会在${shanghaiWhen(i.dueAtMs, i.nowMs)}前通过企业微信或电话联系您，请保持手机畅通。`,
      `等待期间如出现以下任一情况，请不要等待，立即拨打120：${signs}`,
      SERVICE_BOUNDARY_ZH,
    ].join('\n'),
  );
}

/**
 * A customer we do not know yet (not a member), or no longer serve (consent withdrawn, erased): one
 * generic text, so it reveals nothing about which, with the way back for each — join (again), or
 * give the health-data consent again on the form.
 */
export function unregisteredText(): string {
  return fitBytes(
    [
      '您好，您的消息已收到。您还没有开通健康管理服务（或服务已停止），开通后将由专属的家庭医生、健康管家为您服务：请添加您的保险服务人员企业微信，或通过保单服务页面加入健康社群；如您曾撤回健康信息授权，重新填写健康表单并同意授权即可恢复服务。',
      SERVICE_BOUNDARY_ZH,
    ].join('\n'),
  );
}

/** A question added to a ticket that is already with someone (mini-program answer only; kf stays quiet). */
export function appendedText(role: FourRRole): string {
  return `已补充到您的咨询中，${roleLabelZh(role)}会一并回复您。\n${SERVICE_BOUNDARY_ZH}`;
}

/** Shown on the mini-program instead of an automatic answer the outbound review held for a person (services/review). */
export function heldNoticeText(): string {
  return `您好，您的消息已收到，服务人员会尽快回复您。\n${SERVICE_BOUNDARY_ZH}`;
}

/** Voice, image and other non-text messages cannot be triaged. */
export function unsupportedText(): string {
  return '目前只能识别文字消息，请用文字描述您的问题。如有紧急情况请立即拨打120。';
}

// ---- staff ----


export type StaffCardKind = 'new' | 'urgent' | 'emergency' | 'on_call' | 'new_message';

const CARD_TITLES: Record<StaffCardKind, string> = {
  new: '新的客户服务工单',
  urgent: '【今日】需医生当天处理的工单',
  emergency: '【紧急】客户求助工单',
  on_call: '【紧急·值班】客户求助工单',
  new_message: '工单有客户新消息',
};

/** message/send textcard: no health text in title or description. */
export function staffCard(i: { kind: StaffCardKind; ticketId: string; role: FourRRole; dueAtMs: number; nowMs: number; publicBaseUrl: string }) {
  const urgent = i.kind === 'emergency' || i.kind === 'on_call' || i.kind === 'urgent';
  const description = [
    `<div class="gray">${shanghaiWhen(i.nowMs, i.nowMs)}</div>`,
    `<div class="${urgent ? 'highlight' : 'normal'}">${urgent ? '请立即响应' : '请及时响应'}：${shanghaiWhen(i.dueAtMs, i.nowMs)}前确认</div>`,
    `<div class="normal">${roleLabelZh(i.role)} · 工单 ${i.ticketId}</div>`,
  ].join('');
  return { title: CARD_TITLES[i.kind], description, url: ticketPageUrl(i.publicBaseUrl, i.ticketId), btntxt: '查看' };
}

/** The answer to a staff member who forwarded a customer's words to the app. */
export function forwardReceiptText(i: { ticketId: string; role: FourRRole; emergency: boolean; opened: boolean; onCall: boolean }): string {
  const what = i.opened ? '已登记新工单' : '已补充到进行中的工单';
  if (!i.emergency) return `${what} ${i.ticketId}，转给${roleLabelZh(i.role)}。`;
  return `【紧急】${what} ${i.ticketId}，已通知${roleLabelZh(i.role)}${i.onCall ? '和值班医生' : ''}。请立即提醒客户拨打120。`;
}

export const FORWARD_USAGE_ZH = '转发客户消息请按格式发送：#客户编号 客户原话（客户编号为会员编号 m_… 或客户的 external_userid）。';
