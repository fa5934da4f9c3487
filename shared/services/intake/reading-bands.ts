import { BP_BANDS, FASTING_GLUCOSE_BANDS } from '../../domain/health/risk';
import { RED_FLAG } from './red-flags';

/**
 * What a trend chart draws behind a member's readings (docs/prd.md §2.6.3 近期健康趋势图表): the
 * guideline bands the risk tiering grades with (domain/health/risk.ts) and the red-flag thresholds
 * that alert the doctor (red-flags.ts). Built from those constants, never restated, so the chart
 * and the decisions cannot drift apart.
 */
type BpBandCode = (typeof BP_BANDS)[number]['code'];
type GlucoseBandCode = (typeof FASTING_GLUCOSE_BANDS)[number]['code'];

/** Legend text only; the numbers come from the domain constants. */
const BP_LABELS_ZH: Record<BpBandCode, string> = { normal: '正常', elevated: '偏高', high_normal: '正常高值', hypertensive: '高血压范围' };
const GLUCOSE_LABELS_ZH: Record<GlucoseBandCode, string> = { normal: '正常', elevated: '偏高', impaired: '空腹血糖受损', diabetic: '糖尿病范围' };

export interface ReadingBands {
  bloodPressure: {
    unit: 'mmHg';
    /** Ascending; a reading is in the highest band whose systolic OR diastolic start it reaches. */
    bands: { code: BpBandCode; labelZh: string; systolicFrom: number; diastolicFrom: number }[];
    redFlag: { systolicAtLeast: number; diastolicAtLeast: number };
  };
  /** Fasting readings are graded; postprandial ones only have the red-flag lines. */
  glucose: {
    unit: 'mmol/L';
    fastingBands: { code: GlucoseBandCode; labelZh: string; from: number }[];
    redFlag: { highAtLeast: number; lowAtMost: number };
  };
}

export function readingBands(): ReadingBands {
  return {
    bloodPressure: {
      unit: 'mmHg',
      bands: BP_BANDS.map(({ code, systolicFrom, diastolicFrom }) => ({ code, labelZh: BP_LABELS_ZH[code], systolicFrom, diastolicFrom })),
      redFlag: { systolicAtLeast: RED_FLAG.systolicAtLeast, diastolicAtLeast: RED_FLAG.diastolicAtLeast },
    },
    glucose: {
      unit: 'mmol/L',
      fastingBands: FASTING_GLUCOSE_BANDS.map(({ code, from }) => ({ code, labelZh: GLUCOSE_LABELS_ZH[code], from })),
      redFlag: { highAtLeast: RED_FLAG.glucoseHighAtLeast, lowAtMost: RED_FLAG.glucoseLowAtMost },
    },
  };
}
