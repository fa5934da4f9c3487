import * as z from 'zod';
import { classify } from './classify';
import { classificationRecord } from './record';
import { MAX_TEXT_CHARS } from './types';

const LineSchema = z.object({ text: z.string().trim().min(1).max(MAX_TEXT_CHARS) });

/** Same error shape as the `risk` and `gap` commands: the line, and the field at fault. */
const errorLine = (lineNo: number, why: string, field: string): string =>
  JSON.stringify({ error: { code: 'invalid_line', message: `line ${lineNo}: ${why}`, fields: [{ field, message: why }] } });

function describe(error: z.ZodError): { why: string; field: string } {
  const issue = error.issues[0];
  if (issue?.code === 'too_big') return { why: `text is longer than ${MAX_TEXT_CHARS} characters`, field: 'text' };
  if (issue?.code === 'too_small') return { why: 'text is empty', field: 'text' };
  if (issue?.path.length) return { why: 'expected a string "text"', field: 'text' };
  return { why: 'expected an object with a string "text"', field: '(root)' };
}

/**
 * For the CLI `classify --in FILE`: each line is JSON `{"text": "..."}`; each yields one JSON line
 * `{"intent","role","emergency","redFlags","confidence"}` in order. A bad line yields an
 * `invalid_line` error naming its 1-based line number (never echoing its content: it may hold
 * health data) and the rest continue. Blank lines (e.g. a trailing newline) are skipped.
 */
export function classifyLines(lines: readonly string[]): string[] {
  const out: string[] = [];
  lines.forEach((line, idx) => {
    const lineNo = idx + 1;
    if (line.trim() === '') return;
    let data: unknown;
    try {
      data = JSON.parse(line);
    } catch {
      out.push(errorLine(lineNo, 'not valid JSON', '(root)'));
      return;
    }
    const parsed = LineSchema.safeParse(data);
    if (!parsed.success) {
      const { why, field } = describe(parsed.error);
      out.push(errorLine(lineNo, why, field));
      return;
    }
    out.push(JSON.stringify(classificationRecord(classify(parsed.data.text))));
  });
  return out;
}
