export { classify } from './classify';
export { classifyLines, MAX_TEXT_CHARS } from './classify-lines';
export { mergeSecondOpinion, type SecondOpinion } from './refine';
export { redFlagLabelZh } from './red-flags';
export { composeFirstAid, dangerSignsZh, firstAidFor } from './first-aid';
export { classificationRecord } from './record';
export { foldChars, normalizeText } from './normalize';
export { RED_FLAG_RULES } from './lexicon/red-flags';
export {
  DISPOSITIONS,
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
