import { createHash } from 'node:crypto';
import type { ReminderDoc } from './reminder-doc';

/** The deferral reason a reminder held by the outbound review carries (a reviewer's release finds it by this). */
export const HELD_FOR_REVIEW = 'held_for_review';

/** The review's key: the reminder and a hash of its text, so an edited text is reviewed anew. */
export const reminderReviewRef = (doc: Pick<ReminderDoc, '_id'>, rendered: string): string => `${doc._id}#${createHash('sha256').update(rendered).digest('hex').slice(0, 16)}`;
