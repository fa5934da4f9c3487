import { createHash } from 'node:crypto';
import { FOUR_R_ROLES } from '../../domain/team/roles';
import { RED_FLAGS } from '../../domain/triage/types';
import { appendedText, emergencyText, heldNoticeText, unregisteredText, unsupportedText } from '../triage/texts';

export const textHash = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * The system's fixed texts, approved when they were written (their wording is held to the rules by
 * tests/unit/review/rules.test.ts): a text whose hash is here goes out without rules or model. Texts
 * built around a name or a time (acknowledgements, welcomes) are not fixed and are reviewed by the
 * rules. Built on first use, not at cold start.
 */
function fixedTexts(): string[] {
  return [
    unregisteredText(),
    unsupportedText(),
    heldNoticeText(),
    ...FOUR_R_ROLES.map((role) => appendedText(role)),
    ...RED_FLAGS.flatMap((f) => [emergencyText([f], { familyDoctor: true }), emergencyText([f], { familyDoctor: false })]),
  ];
}

let approved: ReadonlySet<string> | undefined;

export function isPreApproved(text: string): boolean {
  approved ??= new Set(fixedTexts().map(textHash));
  return approved.has(textHash(text));
}
