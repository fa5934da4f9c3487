import * as z from 'zod';
import { MemberIdSchema } from '../members/member-id';
import { MAX_TEXT_CHARS } from '../../domain/triage/types';
import { TEXT_MAX_BYTES } from './texts';

/**
 * The one inbound message type every channel becomes (issue 5): a customer's question from
 * 微信客服 (kf/sync_msg), from the mini-program (callFunction `ask`), or forwarded by a staff member
 * to the self-built app. `msgKey` is the channel's own message id, prefixed by channel; it is the
 * idempotency key of everything the message causes.
 */
export const CHANNELS = ['kf', 'mini_program', 'staff_forward'] as const;
export type Channel = (typeof CHANNELS)[number];

export { MemberIdSchema };
export const TicketIdSchema = z.string().regex(/^t_[A-Za-z0-9_-]{22}$/, 'must be a ticket id');
/** Printable ASCII without spaces (a UUID, a hash, WeCom's msgid). */
const KeyPart = z.string().regex(/^[\x21-\x7e]{1,128}$/, 'must be 1–128 printable ASCII characters');
const Text = z.string().trim().min(1, 'text is empty').max(MAX_TEXT_CHARS, `text is longer than ${MAX_TEXT_CHARS} characters`);
const AtMs = z.number().int().nonnegative();

export const InboundMessageSchema = z.discriminatedUnion('channel', [
  z.strictObject({
    channel: z.literal('kf'),
    /** `kf:<msgid>` */
    msgKey: z.string().startsWith('kf:'),
    text: Text,
    /** When the customer sent it (WeCom's send_time). */
    atMs: AtMs,
    openKfId: z.string().min(1).max(64),
    externalUserId: z.string().min(1).max(64),
  }),
  z.strictObject({
    channel: z.literal('mini_program'),
    /** `mp:<client message id or a fresh uuid>` */
    msgKey: z.string().startsWith('mp:'),
    text: Text,
    atMs: AtMs,
    /** From the OPENID binding, never from the request body. */
    memberId: MemberIdSchema,
  }),
  z.strictObject({
    channel: z.literal('staff_forward'),
    /** `app:<MsgId>` */
    msgKey: z.string().startsWith('app:'),
    text: Text,
    atMs: AtMs,
    /** WeCom userid of the staff member who forwarded the customer's words. */
    staffId: z.string().min(1).max(64),
    /** Member id or external_userid the staff member named. */
    memberRef: z.string().min(1).max(64),
  }),
]);
export type InboundMessage = z.infer<typeof InboundMessageSchema>;

/** callFunction `ask` data. `clientMsgId` makes a retried call return the first answer. */
export const AskDataSchema = z.strictObject({ text: Text, clientMsgId: KeyPart.optional() });
export type AskData = z.infer<typeof AskDataSchema>;

export const TICKET_STATUSES = ['open', 'acknowledged', 'closed'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export const ListTicketsQuerySchema = z.strictObject({
  /** Staff: tickets assigned to the caller. Required for staff; members always see their own. */
  mine: z.enum(['1', 'true']).optional(),
  status: z.enum(TICKET_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export type ListTicketsQuery = z.infer<typeof ListTicketsQuerySchema>;

/** Why a ticket was closed: codes only, so no free text (health content) lands outside the messages. */
export const RESOLUTIONS = ['answered', 'referred', 'no_response', 'duplicate', 'other'] as const;
export const CloseBodySchema = z.strictObject({ resolution: z.enum(RESOLUTIONS).default('answered') });
export type CloseBody = z.infer<typeof CloseBodySchema>;

export const TicketParamSchema = z.object({ id: TicketIdSchema });

/**
 * POST /api/triage/tickets/:id/reply. The text goes out as one kf message, whose limit is 2048 bytes
 * UTF-8: a longer text is refused (never cut: these are a clinician's words). `key` is the page's
 * idempotency key: a retried request with the same key sends at most once.
 */
export const ReplyBodySchema = z.strictObject({
  text: z
    .string()
    .trim()
    .min(1, 'text is empty')
    .refine((t) => Buffer.byteLength(t, 'utf8') <= TEXT_MAX_BYTES, `text is longer than one WeCom message (${TEXT_MAX_BYTES} bytes UTF-8, about 680 Chinese characters)`),
  key: KeyPart,
});
export type ReplyBody = z.infer<typeof ReplyBodySchema>;
