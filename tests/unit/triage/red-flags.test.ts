import { describe, expect, it } from 'vitest';
import { classify, RED_FLAG_RULES, RED_FLAGS, type RedFlag } from '../../../shared/domain/triage';

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
    'my dad suddenly has a droopy face and slurred speech',
  ],
  headache: ['突然头痛得像要炸开，还吐了', '头一下子疼得厉害，从来没这么疼过', '头痛欲裂 血压测了190/115'],
  aortic_dissection: ['后背像被撕开一样疼', '胸口到后背撕裂样的疼，我爸有高血压', 'sudden tearing pain in his back'],
  breathing: ['喘不上氣了', '我爸憋得喘不过气来，嘴唇发紫', '孩子呼吸特别急促，一直喘', '川不上气'],
  choking: ['老人被年糕噎住了，说不出话', '孩子吃果冻卡住了，咳不出来脸发紫', 'my son is choking and cant cough'],
  unconscious: ['我爸在客厅晕倒了 叫他不应', '奶奶昏迷不醒', '老公喝醉了怎么叫都叫不醒', '人倒地不起了', '外婆突然不认识人了'],
  bleeding: ['手被玻璃割了，血流不止', '我爸吐了好多血', '大便全是血 拉了好几次 头晕', '鼻血止不住流了一个小时', '咳了一大口血'],
  anaphylaxis: ['吃了花生以后喉咙发紧喘不上气', '输完液全身起风团，胸闷', '青霉素过敏性休克', '被马蜂蛰了以后晕倒了'],
  seizure: ['孩子高烧抽搐了', '我爸羊角风犯了，口吐白沫', '老人突然四肢抽动，牙关紧闭', '我儿子抽风了'],
  suicide: ['我不想活了', '活着没意义，想一了百了', '我妈说要跳楼', '我想紫砂', '最近想轻生'],
  blood_pressure: ['血压195/125', '高壓２１０', '血压一百八十五'],
  high_glucose: ['血糖 33.3 mmol/L', '空腹血糖20多', '血糖仪显示HI'],
  low_glucose: ['血糖 1.9', '低血糖，吃了两回糖还是三点多', '血糖2.5 人有点迷糊'],
  child_fever: ['宝宝45天，发烧38.2度', '孩子发烧39度，叫不醒', '两个月的宝宝体温38度'],
  pregnancy: ['怀孕32周，肚子痛还见红了', '怀孕36周破水了', '孕30周，今天感觉不到胎动了'],
  poisoning: ['我爸喝了百草枯', '孩子误食了老鼠药', '一家人一氧化碳中毒了', '我吃了好多安眠药', '小孩把洗洁精喝了'],
  burns: ['孩子被开水烫了，胸口一大片起泡', '脸被热油烫伤了', '手被硫酸溅到了'],
  head_injury: ['奶奶80岁，今天摔了一跤磕到头', '我爸吃着华法林，头撞到柜子角', '孩子从床上摔下来磕到头，吐了两次'],
  arrhythmia: ['心率180，心慌', '心跳才38下，头晕眼前发黑', '心慌得厉害，差点晕倒'],
  trauma: ['我爸从三楼摔下来了', '孩子溺水刚捞上来', '工人触电了', '被蛇咬了，腿肿起来了'],
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

  it('every category has a Chinese label and criteria in data', () => {
    for (const flag of RED_FLAGS) {
      const rule = RED_FLAG_RULES[flag];
      expect(rule.labelZh, flag).toMatch(/[\u4e00-\u9fff]/);
      expect(rule.patterns.some((p) => p.disposition !== 'urgent'), flag).toBe(true);
    }
  });

  it('reports several categories at once, in stable order', () => {
    const c = classify('我妈抽搐完叫不醒，血压测了200/120');
    expect(c.redFlags).toEqual(['unconscious', 'seizure', 'blood_pressure']);
  });

  it('finds an emergency buried in a message about something else', () => {
    const c = classify('你好，我想问问积分兑换的事。另外我爸刚才突然说不出话了，嘴也歪了，怎么办');
    expect(c.emergency).toBe(true);
    expect(c.redFlags).toContain('stroke');
  });
});
