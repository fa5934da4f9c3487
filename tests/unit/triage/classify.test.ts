import { describe, expect, it } from 'vitest';
import { classify, ROLE_FOR_INTENT } from '../../../shared/domain/triage';

describe('classify routing', () => {
  it.each([
    ['吃了二甲双胍胃不舒服', 'medical', 'family_doctor'],
    ['每天晚上九点提醒我吃药', 'service', 'health_butler'],
    ['体检卡怎么预约', 'rights', 'rights_consultant'],
    ['绿色通道能安排吗', 'rights', 'rights_consultant'],
    ['积分可以换什么', 'rights', 'rights_consultant'],
    ['周六的讲座还能报名吗', 'rights', 'rights_consultant'],
    ['保单理赔要多久', 'insurance', 'insurance_consultant'],
    ['续保要重新体检吗', 'insurance', 'insurance_consultant'],
    ['给老人买什么保险合适', 'insurance', 'insurance_consultant'],
    ['早上好呀', 'other', 'health_butler'],
  ])('%s → %s / %s', (text, intent, role) => {
    const c = classify(text);
    expect(c.emergency).toBe(false);
    expect(c.intent).toBe(intent);
    expect(c.role).toBe(role);
    expect(c.redFlags).toEqual([]);
  });

  it('routes other and service to the butler, and every intent has a role', () => {
    expect(ROLE_FOR_INTENT.other).toBe('health_butler');
    expect(ROLE_FOR_INTENT.service).toBe('health_butler');
  });

  it('sends an emergency to the family doctor even inside an insurance or rights question', () => {
    for (const text of ['保单续保的事先放放，我爸现在喘不上气了', '积分的事回头说，我妈刚刚晕倒了']) {
      const c = classify(text);
      expect([c.emergency, c.intent, c.role]).toEqual([true, 'medical', 'family_doctor']);
    }
  });
});

describe('confidence', () => {
  it('is lower for unrecognised text than for a clear request', () => {
    const unknown = classify('这个怎么弄');
    const clear = classify('我的保单理赔进度怎么查');
    expect(unknown.intent).toBe('other');
    expect(unknown.confidence).toBeLessThan(0.5);
    expect(clear.confidence).toBeGreaterThan(0.8);
  });

  it('is lower for a bare symptom than for a textbook emergency', () => {
    const bare = classify('胸口疼');
    const textbook = classify('胸口疼，出冷汗，疼到左胳膊');
    expect(bare.emergency && textbook.emergency).toBe(true);
    expect(bare.confidence).toBeLessThan(textbook.confidence);
  });

  it('stays within 0..1 and the same input always gives the same output', () => {
    for (const text of ['', '你好', '血压200/120', '转人工', '[捂脸]']) {
      const a = classify(text);
      expect(a).toEqual(classify(text));
      expect(a.confidence).toBeGreaterThanOrEqual(0);
      expect(a.confidence).toBeLessThanOrEqual(1);
    }
  });
});
