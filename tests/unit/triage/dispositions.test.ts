import { describe, expect, it } from 'vitest';
import { classify, dangerSignsZh } from '../../../shared/domain/triage';

describe('dispositions (docs/reference/clinical-triage.md §2)', () => {
  it.each([
    ['我发烧三天了，今天39度2，咳嗽有黄痰'],
    ['我老伴从早上开始拉肚子拉了七八次了，水都喝不进去'],
    ['俺家老爷子从昨晚到现在尿不出来，小肚子胀得老大'],
    ['昨晚开始右下腹痛，越来越明显，按下去更疼'],
    ['被生锈的铁钉扎到脚了，扎得挺深，要不要打破伤风'],
    ['右眼突然看东西有很多黑点飘来飘去，还一闪一闪的有光'],
    ['一只小腿肿起来了，又红又痛，前几天坐了二十几个钟头的火车'],
  ])('a doctor today, not 120: %s', (text) => {
    const c = classify(text);
    expect(c).toMatchObject({ disposition: 'urgent', emergency: false, role: 'family_doctor', intent: 'medical' });
  });

  it('an urgent message names the kinds whose danger signs mean 120, or the general signs when there is none', () => {
    const bp = classify('血压170/105');
    expect(bp.disposition === 'urgent' && bp.watchFor).toEqual(['blood_pressure']);
    expect(dangerSignsZh(['blood_pressure'])).toContain('180/110');
    const fever = classify('发烧39度5，咳嗽有黄痰');
    expect(fever.disposition === 'urgent' && fever.watchFor).toEqual([]);
    expect(dangerSignsZh([])).toContain('胸痛');
  });

  it('routine questions stay routine, whatever they mention', () => {
    for (const text of ['我的保单怎么理赔', '积分怎么兑换体检套餐', '去年崴过脚，现在爬山要注意什么', '预防中暑吃什么好']) {
      expect(classify(text).disposition, text).toBe('routine');
    }
  });

  it('a bare call for help is an emergency until a human has spoken with the member', () => {
    for (const text of ['救命', 'help', '🆘🆘🆘', '快来人啊', 'jiu ming']) expect(classify(text).emergency, text).toBe(true);
  });
});
