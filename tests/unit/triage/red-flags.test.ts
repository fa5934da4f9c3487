import { describe, expect, it } from 'vitest';
import { classify, firstAidFor, RED_FLAG_RULES, RED_FLAGS, type RedFlag } from '../../../shared/domain/triage';

const CASES: Record<RedFlag, readonly string[]> = {
  chest_pain: [
    '我爸胸口疼，脑门上全是冷汗',
    '心口窝像被石头压着，疼到左边胳膊',
    '胸口痛得利害 半个小时了还不缓解',
    '胸口疼得受不了😫😫',
    '胸口悶痛，冒冷汗', // traditional
    '我老公突然心口疼',
    '我妈心脏病犯了',
  ],
  stroke: [
    '我外公嘴巴歪到一边去了',
    '我妈说话突然大舌头，右手也没劲',
    '奶奶左半边身子麻了，站不起来',
    '爸爸突然一只眼看不见了',
    '我老公好像中风了',
    '阿婆讲嘢讲话唔清楚',
    '突然头痛得像要炸开，还吐了',
  ],
  breathing: ['喘不上氣了', '我爸憋得喘不过气来，嘴唇发紫', '孩子呼吸特别急促，一直喘', '川不上气', '老人被年糕噎住了，说不出话'],
  unconscious: ['我爸在客厅晕倒了 叫他不应', '奶奶昏迷不醒', '老公喝醉了怎么叫都叫不醒', '人倒地不起了', '外婆突然不认识人了'],
  bleeding: ['手被玻璃割了，血流不止', '我爸吐了好多血', '大便全是血 拉了好几次 头晕', '鼻血止不住流了一个小时', '咳了一大口血'],
  anaphylaxis: ['吃了花生以后喉咙发紧喘不上气', '输完液全身起风团，胸闷', '青霉素过敏性休克', '被马蜂蛰了以后晕倒了'],
  seizure: ['孩子高烧抽搐了', '我爸羊角风犯了，口吐白沫', '老人突然四肢抽动，牙关紧闭', '我儿子抽风了'],
  suicide: ['我不想活了', '活着没意义，想一了百了', '我妈说要跳楼', '我想紫砂', '最近想轻生'],
  poisoning: ['我爸喝了百草枯', '孩子误食了老鼠药', '一家人一氧化碳中毒了', '我吃了好多安眠药', '小孩把洗洁精喝了'],
  critical_reading: ['血压195/125', '高壓２１０', '血糖 1.9', '血糖 33.3 mmol/L', '血压一百八十五', '空腹血糖20多'],
  urgent_help: ['救命！！', '快叫救护车', '已经拨了120'],
};

describe('red-flag categories', () => {
  for (const flag of RED_FLAGS) {
    it.each(CASES[flag].map((t) => [t]))(`${flag}: %s`, (text) => {
      const c = classify(text);
      expect(c.emergency).toBe(true);
      expect(c.redFlags).toContain(flag);
      expect(c.intent).toBe('medical');
      expect(c.role).toBe('family_doctor');
      expect(c.confidence).toBeGreaterThan(0.5);
      expect(c.confidence).toBeLessThanOrEqual(1);
    });
  }

  it('every category has a Chinese label and a first-aid line in data', () => {
    for (const flag of RED_FLAGS) {
      const rule = RED_FLAG_RULES[flag];
      expect(rule.labelZh, flag).toMatch(/[\u4e00-\u9fff]/);
      expect(rule.firstAidZh.length, flag).toBeGreaterThan(15);
      expect(rule.patterns.length, flag).toBeGreaterThan(0);
    }
  });

  it('first aid follows the flags in order', () => {
    const c = classify('我爸突然嘴歪了，还喘不上气');
    expect(c.redFlags).toEqual(['stroke', 'breathing']);
    expect(firstAidFor(c.redFlags)).toEqual([RED_FLAG_RULES.stroke.firstAidZh, RED_FLAG_RULES.breathing.firstAidZh]);
    expect(firstAidFor(c.redFlags).join('')).toContain('120');
  });

  it('reports several categories at once, in stable order', () => {
    const c = classify('我妈抽搐完叫不醒，血压测了200/120');
    expect(c.redFlags).toEqual(['unconscious', 'seizure', 'critical_reading']);
  });

  it('finds an emergency buried in a message about something else', () => {
    const c = classify('你好，我想问问积分兑换的事。另外我爸刚才突然说不出话了，嘴也歪了，怎么办');
    expect(c.emergency).toBe(true);
    expect(c.redFlags).toContain('stroke');
  });
});
