import * as z from 'zod';
import { IdempotencyKeySchema } from '../reminders/schemas';

/** The occurrence being marked done: its instant as the task list gave it (UTC epoch ms). */
export const TaskDoneSchema = z.strictObject({ occurrenceAtMs: z.int().min(0) });

/** The mini-program's `done` action: which reminder, which occurrence. */
export const TaskDoneDataSchema = TaskDoneSchema.extend({ reminderId: IdempotencyKeySchema });
