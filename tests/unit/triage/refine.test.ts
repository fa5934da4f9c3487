import { describe, expect, it } from 'vitest';
import { classify, mergeSecondOpinion, type Classification } from '../../../shared/domain/triage';

describe('the language model as a second opinion that can only raise', () => {
  it('never lowers or changes an emergency, whatever the model says', () => {
    const local = classify('我爸胸口疼得厉害，出冷汗');
    expect(local.emergency).toBe(true);
    for (const disposition of ['routine', 'urgent', 'emergency']) {
      for (const intent of ['insurance', 'rights', 'service', 'other', 'medical']) {
        expect(mergeSecondOpinion(local, { disposition, intent, kind: 'stroke', confidence: 0.99 })).toEqual(local);
      }
    }
  });

  it('raises a routine message to an emergency with the kind it names, for the family doctor', () => {
    const local = classify('我妈今天有点不对劲');
    expect(local.disposition).toBe('routine');
    expect(mergeSecondOpinion(local, { disposition: 'emergency', kind: 'stroke', intent: 'medical', confidence: 0.8 })).toEqual({
      intent: 'medical',
      role: 'family_doctor',
      disposition: 'emergency',
      emergency: true,
      redFlags: ['stroke'],
      confidence: 0.8,
    } satisfies Classification);
  });

  it('raises to an emergency as a call for help when the kind is unknown or missing', () => {
    const local = classify('我妈今天有点不对劲');
    const raised = mergeSecondOpinion(local, { disposition: 'emergency', kind: 'heart_attack_xyz' });
    expect(raised.emergency && raised.redFlags).toEqual(['urgent_help']);
  });

  it('raises routine to urgent but never urgent or emergency down', () => {
    const routine = classify('最近老是失眠');
    expect(mergeSecondOpinion(routine, { disposition: 'urgent', kind: 'headache' }).disposition).toBe('urgent');
    const urgent = classify('血压170/105');
    expect(urgent.disposition).toBe('urgent');
    expect(mergeSecondOpinion(urgent, { disposition: 'routine', intent: 'insurance' })).toEqual(urgent);
  });

  it('lets the model re-route a routine message that stays routine, and ignores what it cannot use', () => {
    const local = classify('这个怎么弄');
    expect(mergeSecondOpinion(local, { disposition: 'routine', intent: 'insurance', confidence: 0.82 })).toMatchObject({
      intent: 'insurance',
      role: 'insurance_consultant',
      disposition: 'routine',
    });
    expect(mergeSecondOpinion(local, { intent: 'surgery' })).toEqual(local);
    expect(mergeSecondOpinion(local, { disposition: 'panic' })).toEqual(local);
    expect(mergeSecondOpinion(local, {})).toEqual(local);
    expect(mergeSecondOpinion(local, { intent: 'medical', confidence: 7 }).confidence).toBe(1);
  });
});
