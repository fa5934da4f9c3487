import * as z from 'zod';
import { MemberIdSchema } from '../members/member-id';
import { PRIVACY_REQUEST_STATUSES, PRIVACY_REQUEST_TYPES } from './records';

/** Opaque member ids (`m_…`), the alphabet tokens accept as `sub`. */
export { MemberIdSchema };
export const PrivacyRequestIdSchema = z.string().regex(/^pr_[A-Za-z0-9_-]{22}$/, 'must be a privacy request id');

export const MemberParamSchema = z.object({ memberId: MemberIdSchema });

export const CreateRequestBodySchema = z.strictObject({ type: z.enum(PRIVACY_REQUEST_TYPES) });

/** Staff name the member's request they act on; the member themself needs none. */
const requestId = PrivacyRequestIdSchema.optional();

export const WithdrawBodySchema = z.strictObject({
  /** The withdrawal notice version the member confirmed; defaults to the current one. */
  textVersion: z.string().min(1).max(64).optional(),
  requestId,
});

/** Erasure cannot be undone, so the caller says so explicitly. */
export const EraseBodySchema = z.strictObject({ confirm: z.literal(true), requestId });

export const ExportQuerySchema = z.strictObject({ requestId });

const toNumber = (v: unknown) => (typeof v === 'string' && v !== '' ? Number(v) : v);

export const AuditQuerySchema = z.strictObject({
  memberId: MemberIdSchema.optional(),
  /** Ops only: entries by one actor (a staff userid). */
  actorId: z.string().regex(/^[A-Za-z0-9_.@:-]{1,128}$/, 'must be an opaque id').optional(),
  sinceMs: z.preprocess(toNumber, z.int().nonnegative().optional()),
  limit: z.preprocess(toNumber, z.int().min(1).max(200).default(50)),
});
export type AuditQueryInput = z.infer<typeof AuditQuerySchema>;

export const RequestQueueQuerySchema = z.strictObject({
  status: z.enum(PRIVACY_REQUEST_STATUSES).optional(),
  limit: z.preprocess(toNumber, z.int().min(1).max(200).default(50)),
});
export type RequestQueueQuery = z.infer<typeof RequestQueueQuerySchema>;
