import type { Classification } from './types';

/** The public JSON shape of one verdict (CLI `classify`, labelled-set tools): one place decides its fields. */
export function classificationRecord(c: Classification): Record<string, unknown> {
  return {
    disposition: c.disposition,
    intent: c.intent,
    role: c.role,
    emergency: c.emergency,
    redFlags: c.redFlags,
    ...(c.disposition === 'urgent' && { watchFor: c.watchFor }),
    confidence: c.confidence,
  };
}
