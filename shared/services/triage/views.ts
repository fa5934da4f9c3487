import { firstAidFor } from '../../domain/triage/first-aid';
import { redFlagLabelZh } from '../../domain/triage/labels';
import type { RedFlag } from '../../domain/triage/types';
import type { FieldCipher } from '../../ports/field-cipher';
import type { StoredClassification, Ticket, TicketEvent, TriageMessage } from './records';
import type { ReplyChannel } from './reply-channel';
import { roleLabelZh } from './texts';

export type Disposition = 'emergency' | 'urgent' | 'routine';

export interface TicketSummary {
  id: string;
  memberId: string;
  /**
   * The member's display name (staff remark or WeChat name, fetched when they joined): only for staff
   * on the member's team; null for anyone else, and while WeCom has not told us the name.
   */
  memberName: string | null;
  memberKnown: boolean;
  disposition: Disposition;
  /** First line of the message that opened the ticket, at most SUMMARY_MAX_CHARS (null: none stored). */
  summary: string | null;
  role: Ticket['role'];
  roleLabelZh: string;
  status: Ticket['status'];
  emergency: boolean;
  redFlags: RedFlag[];
  assignee: string | null;
  createdAtMs: number;
  lastMessageAtMs: number;
  slaDueAtMs: number;
  acknowledgedAtMs: number | null;
  acknowledgedBy: string | null;
  closedAtMs: number | null;
}

/** member: the customer's words (also when a staff member forwarded them); butler: our automatic answer; staff: a workbench reply. */
export type MessageFrom = 'member' | 'butler' | 'staff';

export interface TicketMessageView {
  msgKey: string;
  from: MessageFrom;
  channel: TriageMessage['channel'];
  atMs: number;
  text: string;
  forwardedBy: string | null;
  /** from = staff: who answered. */
  staffId: string | null;
  classification: Omit<StoredClassification, 'role'> | null;
}

export const SUMMARY_MAX_CHARS = 60;

/** The queue's one-line preview: the first line only, cut to SUMMARY_MAX_CHARS characters (code points). */
export function summaryLine(text: string): string {
  const first = (text.split(/\r?\n/).find((l) => l.trim() !== '') ?? '').trim();
  const chars = Array.from(first);
  return chars.length <= SUMMARY_MAX_CHARS ? first : `${chars.slice(0, SUMMARY_MAX_CHARS - 1).join('')}…`;
}

export const dispositionOf = (t: Pick<Ticket, 'emergency' | 'urgent'>): Disposition => (t.emergency ? 'emergency' : t.urgent ? 'urgent' : 'routine');

export interface TicketDetail extends TicketSummary {
  redFlagLabelsZh: string[];
  /** What the customer was told to do now (emergencies), for the doctor calling back. */
  firstAidZh: string[];
  onCallList: string[];
  /** Highest on-call escalation level the reminder cron has notified (0 = only the first alert). */
  escalationLevel: number;
  resolution: string | null;
  /** Oldest first. */
  messages: TicketMessageView[];
  replyChannel: ReplyChannel;
  events: { atMs: number; type: TicketEvent['type']; actor: TicketEvent['actor']; meta: TicketEvent['meta'] | null }[];
  /** Workbench replies the outbound review held (waiting for a reviewer) or a reviewer rejected (with the reason): never sent. */
  heldReplies: HeldReplyView[];
}

export interface HeldReplyView {
  id: string;
  atMs: number;
  staffId: string;
  text: string;
  status: 'held' | 'rejected';
  reviewId: string;
  rejectReasonZh: string | null;
}

export function ticketSummary(t: Ticket, summary: string | null = null, memberName: string | null = null): TicketSummary {
  return {
    id: t._id,
    memberId: t.memberId,
    memberName,
    memberKnown: t.memberKnown,
    disposition: dispositionOf(t),
    summary,
    role: t.role,
    roleLabelZh: roleLabelZh(t.role),
    status: t.status,
    emergency: t.emergency,
    redFlags: [...t.redFlags],
    assignee: t.assignee,
    createdAtMs: t.createdAtMs,
    lastMessageAtMs: t.lastMessageAtMs,
    slaDueAtMs: t.slaDueAtMs,
    acknowledgedAtMs: t.acknowledgedAtMs ?? null,
    acknowledgedBy: t.acknowledgedBy ?? null,
    closedAtMs: t.closedAtMs ?? null,
  };
}

export interface DetailParts {
  messages: TriageMessage[];
  staffReplies: { id: string; atMs: number; staffId: string; text: string }[];
  heldReplies?: HeldReplyView[];
  events: TicketEvent[];
  escalationLevel: number;
  replyChannel: ReplyChannel;
}

/** The full record; message text is decrypted here, for a caller the policy already allowed. */
export function ticketDetail(t: Ticket, p: DetailParts, cipher: FieldCipher): TicketDetail {
  const open = (m: TriageMessage, path: 'text' | 'replyText'): string => (cipher.decryptFields({ [path]: m[path] }, [path], m.memberId) as unknown as Record<string, string>)[path] as string;
  const memberSide = p.messages.flatMap((m): TicketMessageView[] => {
    const { role: _role, ...classification } = m.classification ?? ({} as StoredClassification);
    const said: TicketMessageView = {
      msgKey: m._id,
      from: 'member',
      channel: m.channel,
      atMs: m.atMs,
      text: open(m, 'text'),
      forwardedBy: m.staffId ?? null,
      staffId: null,
      classification: m.classification ? classification : null,
    };
    if (!m.replyText) return [said];
    const answer: TicketMessageView = { msgKey: `${m._id}#reply`, from: 'butler', channel: m.channel, atMs: m.repliedAtMs ?? m.atMs, text: open(m, 'replyText'), forwardedBy: null, staffId: null, classification: null };
    return [said, answer];
  });
  const staffSide = p.staffReplies.map((r): TicketMessageView => ({ msgKey: r.id, from: 'staff', channel: 'kf', atMs: r.atMs, text: r.text, forwardedBy: null, staffId: r.staffId, classification: null }));
  // Stable: a member message and our answer in the same millisecond keep their order.
  const messages = [...memberSide, ...staffSide].sort((a, b) => a.atMs - b.atMs);
  return {
    ...ticketSummary(t, memberSide[0] ? summaryLine(memberSide[0].text) : null),
    redFlagLabelsZh: t.redFlags.map(redFlagLabelZh),
    firstAidZh: t.emergency ? firstAidFor(t.redFlags) : [],
    onCallList: [...t.onCallList],
    escalationLevel: p.escalationLevel,
    resolution: t.resolution ?? null,
    messages,
    replyChannel: p.replyChannel,
    events: p.events.map((e) => ({ atMs: e.atMs, type: e.type, actor: e.actor, meta: e.meta ?? null })),
    heldReplies: p.heldReplies ?? [],
  };
}
