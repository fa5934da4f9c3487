import * as z from 'zod';
import { ValidationError } from '../../errors';
import { formIssues } from '../../domain/health/form';

/** Client-chosen ids make retries idempotent: the same id is the same reading or report. */
const CLIENT_ID = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'must be 8–64 characters of A-Z a-z 0-9 _ -');
/** A reading may be entered late, but not in the future (5 min of clock slack) nor years back. */
const MEASURED_AT = z.int().positive();

const common = {
  readingId: CLIENT_ID,
  measuredAtMs: MEASURED_AT,
  source: z.enum(['device', 'manual']),
  /** Device serial or model, when the source is a device. */
  deviceId: z.string().min(1).max(64).optional(),
  note: z.string().max(200).optional(),
};

/** POST /api/intake/readings — docs/prd.md §2.2.1 健康监测数据 (智能设备或手动). Unknown fields are rejected. */
export const ReadingSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('blood_pressure'),
    systolic: z.int().min(50).max(300),
    diastolic: z.int().min(20).max(200),
    pulse: z.int().min(20).max(250).optional(),
    ...common,
  }),
  z.strictObject({ type: z.literal('fasting_glucose'), mmolL: z.number().min(0.5).max(50), ...common }),
  z.strictObject({ type: z.literal('postprandial_glucose'), mmolL: z.number().min(0.5).max(50), ...common }),
  z.strictObject({ type: z.literal('weight'), kg: z.number().min(20).max(300), ...common }),
  z.strictObject({ type: z.literal('steps'), count: z.int().min(0).max(200_000), ...common }),
]);
export type ReadingInput = z.infer<typeof ReadingSchema>;

function isFileRef(value: string): boolean {
  if (/^cloud:\/\/\S{3,}$/.test(value)) return true;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && url.hostname !== '' && !url.username && !url.password;
  } catch {
    return false;
  }
}

/** Exam report upload: a CloudBase storage file id or an https URL, never the file itself. */
export const ReportSchema = z.strictObject({
  reportId: CLIENT_ID,
  fileRef: z.string().max(2048).refine(isFileRef, 'must be a cloud:// file id or an https URL'),
  examDate: z.iso.date().optional(),
  institution: z.string().min(1).max(64).optional(),
  note: z.string().max(500).optional(),
});
export type ReportInput = z.infer<typeof ReportSchema>;

/** callFunction payloads: who the member is comes from OPENID or the link token, never from the body. */
export const TokenOnlySchema = z.strictObject({ token: z.string().min(1).max(2048).optional() });
export const BindOpenIdSchema = z.strictObject({ token: z.string().min(1).max(2048) });

/** Like parseInput, but an unknown field is reported under its own name (as the health form does). */
export function parseStrict<S extends z.ZodType>(schema: S, data: unknown, what: string): z.infer<S> {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const fields = formIssues(result.error);
  throw new ValidationError(`invalid ${what}: ${fields.map((f) => `${f.field}: ${f.message}`).join('; ')}`, fields);
}
