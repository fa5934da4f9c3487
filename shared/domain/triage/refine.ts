import type { Classification } from './types';
import { INTENTS, ROLE_FOR_INTENT, type Intent } from './types';

const DEFAULT_REFINED_CONFIDENCE = 0.7;

const isIntent = (x: unknown): x is Intent => typeof x === 'string' && (INTENTS as readonly string[]).includes(x);

/**
 * Merges an optional LLM refinement into the local result. The LLM may only re-route routine
 * messages: an emergency is returned unchanged whatever the model says, and an answer that is not
 * a known intent (model output is untrusted) is ignored. It never raises or lowers `emergency`.
 */
export function mergeRefinement(
  local: Classification,
  llmIntent: unknown,
  llmConfidence: number = DEFAULT_REFINED_CONFIDENCE,
): Classification {
  if (local.emergency) return local;
  if (!isIntent(llmIntent)) return local;
  if (llmIntent === local.intent) return local;
  const confidence = Number.isFinite(llmConfidence) ? Math.min(1, Math.max(0, llmConfidence)) : DEFAULT_REFINED_CONFIDENCE;
  return { intent: llmIntent, role: ROLE_FOR_INTENT[llmIntent], emergency: false, redFlags: [], confidence };
}
