import type { Classification, Disposition, RedFlag } from './types';
import { DISPOSITIONS, INTENTS, RED_FLAGS, ROLE_FOR_INTENT, type Intent } from './types';

const DEFAULT_REFINED_CONFIDENCE = 0.7;

const isIntent = (x: unknown): x is Intent => typeof x === 'string' && (INTENTS as readonly string[]).includes(x);
const isDisposition = (x: unknown): x is Disposition => typeof x === 'string' && (DISPOSITIONS as readonly string[]).includes(x);
const isRedFlag = (x: unknown): x is RedFlag => typeof x === 'string' && (RED_FLAGS as readonly string[]).includes(x);
const RANK: Record<Disposition, number> = { routine: 0, urgent: 1, emergency: 2 };

/** What the model said, untrusted: any field may be missing or wrong. */
export interface SecondOpinion {
  readonly disposition?: unknown;
  readonly kind?: unknown;
  readonly intent?: unknown;
  readonly confidence?: unknown;
}

const clamp = (x: unknown): number =>
  typeof x === 'number' && Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : DEFAULT_REFINED_CONFIDENCE;

/**
 * Merges the language model's second opinion into the local verdict. The model can only raise: a
 * routine or urgent message it calls an emergency becomes one (with the kind it names, or the generic
 * call for help when it names none we know), a routine one it calls urgent becomes urgent; it never
 * lowers a disposition and never touches an emergency. For routine messages that stay routine it may
 * re-route the intent (docs/prd.md §2.6.1 语义识别). Anything unusable leaves the local verdict as it is.
 */
export function mergeSecondOpinion(local: Classification, opinion: SecondOpinion): Classification {
  if (local.emergency) return local;
  const confidence = clamp(opinion.confidence);
  const raised = isDisposition(opinion.disposition) && RANK[opinion.disposition] > RANK[local.disposition] ? opinion.disposition : undefined;
  const kind: RedFlag = isRedFlag(opinion.kind) ? opinion.kind : 'urgent_help';
  if (raised === 'emergency') {
    return { intent: 'medical', role: 'family_doctor', disposition: 'emergency', emergency: true, redFlags: [kind], confidence };
  }
  if (raised === 'urgent') {
    const watchFor = isRedFlag(opinion.kind) ? [opinion.kind] : [];
    return { intent: 'medical', role: 'family_doctor', disposition: 'urgent', emergency: false, redFlags: [], watchFor, confidence };
  }
  if (local.disposition !== 'routine' || !isIntent(opinion.intent) || opinion.intent === local.intent) return local;
  return { intent: opinion.intent, role: ROLE_FOR_INTENT[opinion.intent], disposition: 'routine', emergency: false, redFlags: [], confidence };
}
