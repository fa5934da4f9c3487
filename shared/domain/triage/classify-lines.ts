import * as z from 'zod';
import { classify } from './classify';
import { classificationRecord } from './record';

/** Longest message accepted per line; WeCom text messages are far shorter. */
export const MAX_TEXT_CHARS = 4000;

const LineSchema = z.object({ text: z.string().trim().min(1).max(MAX_TEXT_CHARS) });

const errorLine = (lineNo: number, why: string): string =>
  JSON.stringify({ error: { code: 'invalid_line', message: `line ${lineNo}: ${why}` } });

function describe(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid input';
  if (issue.code === 'too_big') return `text is longer than ${MAX_TEXT_CHARS} characters`;
  if (issue.code === 'too_small') return 'text is empty';
  return 'expected an object with a string "text"';
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
      out.push(errorLine(lineNo, 'not valid JSON'));
      return;
    }
    const parsed = LineSchema.safeParse(data);
    if (!parsed.success) {
      out.push(errorLine(lineNo, describe(parsed.error)));
      return;
    }
    out.push(JSON.stringify(classificationRecord(classify(parsed.data.text))));
  });
  return out;
}
