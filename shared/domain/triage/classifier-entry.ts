/**
 * What the triage service loads on a member's first message (shared/services/triage/classify-step.ts):
 * the classifier with its lexicons, half of the triage function's bundle. The build emits this module
 * as a file of its own beside the bundle (LAZY_MODULES in scripts/build.ts), so a cold start that
 * answers a timer, a staff page or /healthz never parses it.
 */
export { classify } from './classify';
export { mergeSecondOpinion } from './refine';
