import * as z from 'zod';
import { IdempotencyKeySchema } from '../../idempotency-key';
import { GapInputSchema } from '../../domain/gap/input';
import { MemberIdSchema } from '../members/member-id';

export { MemberIdSchema };

/** `gr_` + 24 base64url characters (random, or derived from the caller's idempotency key). */
export const ReportIdSchema = z.string().regex(/^gr_[A-Za-z0-9_-]{24}$/, 'must be a gap report id');


/** `POST /api/gap-analysis`: the gap input plus, optionally, the member it is about. */
export const AnalyzeRequestSchema = GapInputSchema.extend({ memberId: MemberIdSchema.optional() });
export type AnalyzeRequest = z.infer<typeof AnalyzeRequestSchema>;

export const ListQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
export type ListQuery = z.infer<typeof ListQuerySchema>;

/** Wrappers so a refusal names the parameter ("memberId", "reportId") rather than "(root)". */
export const MemberParamSchema = z.object({ memberId: MemberIdSchema });
export const ReportParamSchema = z.object({ reportId: ReportIdSchema });
export const IdempotencyDataSchema = z.object({ idempotencyKey: IdempotencyKeySchema.optional() });
