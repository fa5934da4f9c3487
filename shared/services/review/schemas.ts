import * as z from 'zod';

/** A review id: `${channel}:${ref}` (ticket reply ids and reminder occurrence keys inside). */
export const ReviewParamSchema = z.object({ id: z.string().min(3).max(300).regex(/^[a-z_]+:[\x21-\x7e]+$/, 'not a review id') });

/** GET …/reviews?status=held|flagged (default held). */
export const ListReviewsQuerySchema = z.strictObject({ status: z.enum(['held', 'flagged']).default('held') });

/** POST …/reviews/:id/reject: the reason the author reads on their ticket. */
export const RejectBodySchema = z.strictObject({
  reason: z.string().trim().min(2, '请写明驳回原因（作者会看到）').max(500, '驳回原因最多500字'),
});
export type RejectBody = z.infer<typeof RejectBodySchema>;
