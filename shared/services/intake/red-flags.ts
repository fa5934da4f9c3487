/**
 * Readings that need the family doctor at once (the brief's red-flag range):
 * - blood pressure: systolic ≥ 180 or diastolic ≥ 110 mmHg (hypertensive crisis range);
 * - glucose, fasting or after a meal: ≥ 16.7 mmol/L (hyperglycaemic crisis range) or ≤ 3.9 mmol/L
 *   (hypoglycaemia).
 * Pure: no I/O.
 */
export const RED_FLAG = { systolicAtLeast: 180, diastolicAtLeast: 110, glucoseHighAtLeast: 16.7, glucoseLowAtMost: 3.9 } as const;

export type RedFlagCode = 'bp_crisis' | 'glucose_high' | 'glucose_low';

export const RED_FLAG_LABELS_ZH: Record<RedFlagCode, string> = {
  bp_crisis: '血压读数达到红色预警阈值',
  glucose_high: '血糖读数过高，达到红色预警阈值',
  glucose_low: '血糖读数过低，达到红色预警阈值',
};

export type ReadingValue =
  | { type: 'blood_pressure'; systolic: number; diastolic: number }
  | { type: 'fasting_glucose' | 'postprandial_glucose'; mmolL: number }
  | { type: 'weight' | 'steps' };

export function redFlagOf(reading: ReadingValue): RedFlagCode | null {
  switch (reading.type) {
    case 'blood_pressure':
      return reading.systolic >= RED_FLAG.systolicAtLeast || reading.diastolic >= RED_FLAG.diastolicAtLeast ? 'bp_crisis' : null;
    case 'fasting_glucose':
    case 'postprandial_glucose':
      if (reading.mmolL >= RED_FLAG.glucoseHighAtLeast) return 'glucose_high';
      return reading.mmolL <= RED_FLAG.glucoseLowAtMost ? 'glucose_low' : null;
    default:
      return null;
  }
}
