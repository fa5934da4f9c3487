import { RED_FLAG_RULES } from './lexicon/red-flags/rules';

/**
 * Staff-facing label; codes stored by earlier versions (critical_reading) show as themselves. Its own
 * module so the staff views need the rules' labels, not the classifier (classifier-entry.ts).
 */
export function redFlagLabelZh(flag: string): string {
  return (RED_FLAG_RULES as Partial<Record<string, { labelZh: string }>>)[flag]?.labelZh ?? flag;
}
