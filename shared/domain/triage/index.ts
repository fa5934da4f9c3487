export { classify } from './classify';
export { classifyLines, MAX_TEXT_CHARS } from './classify-lines';
export { mergeRefinement } from './refine';
export { firstAidFor, redFlagLabelZh } from './red-flags';
export { foldChars, normalizeText } from './normalize';
export { RED_FLAG_RULES } from './lexicon/red-flags';
export {
  INTENTS,
  RED_FLAGS,
  ROLE_FOR_INTENT,
  type Classification,
  type EmergencyClassification,
  type Intent,
  type RedFlag,
  type RoutineClassification,
} from './types';
