import { describe, expect, it } from 'vitest';
import { deriveTags, wecomTagName } from '../../../shared/domain/health/tags';
import { TAG_CATALOGUE, TAG_DIMENSIONS, TAG_GROUP_NAMES_ZH } from '../../../shared/domain/health/tag-catalogue';
import { baseForm } from './form-fixture';

const codes = (tags: ReturnType<typeof deriveTags>, dimension: string) => tags.filter((t) => t.dimension === dimension).map((t) => t.code);
const noGap = { gap: 0 };

describe('deriveTags', () => {
  it('tags the risk level with its WeCom group and Chinese name', () => {
    const tags = deriveTags({ form: baseForm({ conditions: ['diabetes'] }) });
    const risk = tags.find((t) => t.dimension === 'risk_level');
    expect(risk).toEqual({ dimension: 'risk_level', code: 'high', labelZh: '高风险' });
    expect(risk && wecomTagName(risk)).toEqual({ groupName: '风险等级', tagName: '高风险' });
  });

  it('uses a given risk assessment instead of recomputing', () => {
    const tags = deriveTags({ form: baseForm(), risk: { tier: 'medium', score: 3, factors: [] } });
    expect(codes(tags, 'risk_level')).toEqual(['medium']);
  });

  it('derives health status from conditions, readings and habits', () => {
    const form = baseForm({
      conditions: ['hyperlipidemia'],
      systolic: 132,
      diastolic: 80,
      fastingGlucose: 7.2,
      heightCm: 150,
      weightKg: 63,
      waistCm: 92,
      smoking: 'current',
      drinking: 'frequent',
      exerciseDaysPerWeek: 1,
      familyHistory: ['cancer'],
      medications: '二甲双胍',
    });
    expect(codes(deriveTags({ form }), 'health_status')).toEqual([
      'hyperlipidemia',
      'elevated_bp',
      'high_glucose',
      'obesity',
      'central_obesity',
      'smoker',
      'frequent_drinking',
      'sedentary',
      'family_history',
      'on_medication',
    ]);
  });

  it('separates overweight from obesity and elevated from high readings', () => {
    expect(codes(deriveTags({ form: baseForm({ heightCm: 150, weightKg: 54 }) }), 'health_status')).toEqual(['overweight']);
    expect(codes(deriveTags({ form: baseForm({ systolic: 140, diastolic: 80 }) }), 'health_status')).toEqual(['high_bp']);
    expect(codes(deriveTags({ form: baseForm({ fastingGlucose: 5.6 }) }), 'health_status')).toEqual(['elevated_glucose']);
  });

  it('says 暂无异常 when nothing stands out, and nothing about health without a form', () => {
    expect(deriveTags({ form: baseForm() }).filter((t) => t.dimension === 'health_status')).toEqual([
      { dimension: 'health_status', code: 'no_findings', labelZh: '暂无异常' },
    ]);
    expect(codes(deriveTags({ scene: 'reactivation' }), 'health_status')).toEqual([]);
  });

  it('reads the entry scene into service preference and insurance need', () => {
    const tags = deriveTags({ scene: 'claims_service' });
    expect(codes(tags, 'service_preference')).toEqual(['rehab_guidance']);
    expect(codes(tags, 'insurance_need')).toEqual(['claims_support']);
    expect(codes(deriveTags({ scene: 'policy_delivery' }), 'insurance_need')).toEqual(['new_policy']);
  });

  it('needs two doctor consultations before calling it a preference', () => {
    expect(codes(deriveTags({ behaviour: { consultationsByRole: { family_doctor: 1 } } }), 'service_preference')).toEqual([]);
    expect(codes(deriveTags({ behaviour: { consultationsByRole: { family_doctor: 2 } } }), 'service_preference')).toEqual(['doctor_consult']);
  });

  it('tags engagement at 60 % plan completion, not below', () => {
    expect(codes(deriveTags({ behaviour: { taskCompletionRate: 0.59 } }), 'service_preference')).toEqual([]);
    expect(codes(deriveTags({ behaviour: { taskCompletionRate: 0.6 } }), 'service_preference')).toEqual(['engaged']);
  });

  it('turns behaviour signals into preference tags', () => {
    const tags = deriveTags({
      form: baseForm({ conditions: ['hypertension'] }),
      behaviour: { checkUpReportUploaded: true, benefitRedemptions: 1, activitySignUps: 2, lowCooperation: true, consultationsByRole: { insurance_consultant: 1 } },
    });
    expect(codes(tags, 'service_preference')).toEqual(['chronic_care', 'check_up', 'benefits', 'activities', 'low_cooperation']);
    expect(codes(tags, 'insurance_need')).toContain('insurance_inquiry');
  });

  it('tags open protection gaps, missing social insurance and underwriting attention', () => {
    const tags = deriveTags({
      form: baseForm({ conditions: ['stroke'] }),
      socialInsurance: false,
      gap: { dimensions: { critical_illness: { gap: 100 }, medical: noGap, accident: { gap: 1 }, life: noGap } },
    });
    expect(codes(tags, 'insurance_need')).toEqual(['critical_illness_gap', 'accident_gap', 'no_social_insurance', 'underwriting_attention']);
  });

  it('orders dimensions and tags by the catalogue and never repeats a tag', () => {
    const tags = deriveTags({ form: baseForm({ conditions: ['diabetes', 'hypertension'] }), scene: 'claims_service', socialInsurance: false });
    expect(tags.map((t) => TAG_DIMENSIONS.indexOf(t.dimension))).toEqual([...tags.map((t) => TAG_DIMENSIONS.indexOf(t.dimension))].sort());
    expect(new Set(tags.map((t) => `${t.dimension}:${t.code}`)).size).toBe(tags.length);
    expect(codes(tags, 'health_status').slice(0, 2)).toEqual(['hypertension', 'diabetes']);
  });
});

describe('tag catalogue', () => {
  it('has a Chinese group name per dimension and unique Chinese tag names within each group', () => {
    for (const dimension of TAG_DIMENSIONS) {
      expect(TAG_GROUP_NAMES_ZH[dimension]).toMatch(/^[\u4e00-\u9fff]+$/);
      const labels = Object.values(TAG_CATALOGUE[dimension]);
      expect(new Set(labels).size).toBe(labels.length);
      for (const label of labels) expect(label).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});
