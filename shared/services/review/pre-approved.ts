import { createHash } from 'node:crypto';

export const textHash = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * The system's fixed texts, approved when they were written (their wording is held to the rules by
 * tests/unit/review/rules.test.ts): a text whose hash is registered goes out without rules or model.
 * Each capability registers its own fixed texts when its module is imported
 * (services/triage/pre-approved-texts.ts), as a function run on the first review, so neither the
 * texts nor their hashes cost anything at cold start and a function that never sends them never
 * loads them. Texts built around a name or a time (acknowledgements, welcomes) are not fixed and are
 * reviewed by the rules.
 */
const sources: (() => readonly string[])[] = [];
let approved: Set<string> | undefined;

export function preApprove(texts: () => readonly string[]): void {
  sources.push(texts);
  approved = undefined;
}

export function isPreApproved(text: string): boolean {
  approved ??= new Set(sources.flatMap((s) => s().map(textHash)));
  return approved.has(textHash(text));
}
