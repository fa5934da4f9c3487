import { firstAidFor, redFlagLabelZh, type RedFlag } from '../../domain/triage';
import type { FieldCipher } from '../../adapters/crypto/field-cipher';
import type { StoredClassification, Ticket, TicketEvent, TriageMessage } from './records';
import { roleLabelZh } from './texts';

export interface TicketSummary {
  id: string;
  memberId: string;
  memberKnown: boolean;
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

export interface TicketMessageView {
  msgKey: string;
  channel: TriageMessage['channel'];
  atMs: number;
  text: string;
  forwardedBy: string | null;
  classification: Omit<StoredClassification, 'role'> | null;
}

export interface TicketDetail extends TicketSummary {
  redFlagLabelsZh: string[];
  /** What the customer was told to do now (emergencies), for the doctor calling back. */
  firstAidZh: string[];
  onCallList: string[];
  /** Highest on-call escalation level the reminder cron has notified (0 = only the first alert). */
  escalationLevel: number;
  resolution: string | null;
  messages: TicketMessageView[];
  events: { atMs: number; type: TicketEvent['type']; actor: TicketEvent['actor']; meta: TicketEvent['meta'] | null }[];
}

export function ticketSummary(t: Ticket): TicketSummary {
  return {
    id: t._id,
    memberId: t.memberId,
    memberKnown: t.memberKnown,
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

/** The full record; message text is decrypted here, for a caller the policy already allowed. */
export function ticketDetail(t: Ticket, messages: TriageMessage[], events: TicketEvent[], escalationLevel: number, cipher: FieldCipher): TicketDetail {
  return {
    ...ticketSummary(t),
    redFlagLabelsZh: t.redFlags.map(redFlagLabelZh),
    firstAidZh: t.emergency ? firstAidFor(t.redFlags) : [],
    onCallList: [...t.onCallList],
    escalationLevel,
    resolution: t.resolution ?? null,
    messages: messages.map((m) => {
      const { role: _role, ...classification } = m.classification ?? ({} as StoredClassification);
      return {
        msgKey: m._id,
        channel: m.channel,
        atMs: m.atMs,
        text: (cipher.decryptFields({ text: m.text }, ['text'], m.memberId) as unknown as { text: string }).text,
        forwardedBy: m.staffId ?? null,
        classification: m.classification ? classification : null,
      };
    }),
    events: events.map((e) => ({ atMs: e.atMs, type: e.type, actor: e.actor, meta: e.meta ?? null })),
  };
}
