import type { z } from 'zod';
import type { FieldIssue } from '../../errors';
import { formIssues } from './form';

export interface LineError {
  error: { code: 'invalid_line'; message: string; fields: FieldIssue[] };
}

/**
 * The CLI's JSON-lines contract: one output line per non-blank input line, in order. A bad line
 * yields an error object naming its 1-based line number and fields, and the rest carry on.
 * Blank lines (e.g. the trailing newline of a file) produce nothing but still count for numbering.
 */
export function mapJsonLines<S extends z.ZodType>(
  lines: readonly string[],
  schema: S,
  compute: (value: z.infer<S>) => unknown,
): string[] {
  const out: string[] = [];
  lines.forEach((raw, index) => {
    if (raw.trim() === '') return;
    out.push(JSON.stringify(processLine(raw, index + 1, schema, compute)));
  });
  return out;
}

function processLine<S extends z.ZodType>(raw: string, lineNo: number, schema: S, compute: (value: z.infer<S>) => unknown) {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return lineError(lineNo, [{ field: '(root)', message: 'not valid JSON' }]);
  }
  const result = schema.safeParse(parsed);
  if (!result.success) return lineError(lineNo, formIssues(result.error));
  return compute(result.data);
}

function lineError(lineNo: number, fields: FieldIssue[]): LineError {
  const summary = fields.map((f) => `${f.field}: ${f.message}`).join('; ');
  return { error: { code: 'invalid_line', message: `line ${lineNo}: ${summary}`, fields } };
}
