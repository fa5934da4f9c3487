import type { z } from 'zod';
import { ValidationError, type FieldIssue } from './errors';

export function zodIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({
    field: issue.path.length ? issue.path.map(String).join('.') : '(root)',
    message: issue.message,
  }));
}

/** Validates at the edge; the message names every offending field. Every invalid input is 400 `validation_failed`. */
export function parseInput<S extends z.ZodType>(schema: S, data: unknown, what = 'request'): z.infer<S> {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const fields = zodIssues(result.error);
  const summary = fields.map((f) => `${f.field}: ${f.message}`).join('; ');
  throw new ValidationError(`invalid ${what}: ${summary}`, fields);
}
