export { classify } from './classify';
export { classifyLines } from './classify-lines';
export { mergeSecondOpinion, type SecondOpinion } from './refine';
export { redFlagLabelZh } from './labels';
export { composeFirstAid, dangerSignsZh, firstAidFor } from './first-aid';
export { classificationRecord } from './record';
export { foldChars, normalizeText } from './normalize';
export { RED_FLAG_RULES } from './lexicon/red-flags';
export {
  DISPOSITIONS,
  MAX_TEXT_CHARS,
  INTENTS,
  RED_FLAGS,
  ROLE_FOR_INTENT,
  type Classification,
  type Disposition,
  type UrgentClassification,
  type EmergencyClassification,
  type Intent,
  type RedFlag,
  type RoutineClassification,
} from './types';
