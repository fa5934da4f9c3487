/**
 * Pinyin that spells two lexicon words (tou bao: 头孢 the antibiotic, 投保 taking out a policy). The
 * decoder reads the default word unless the message is about the other sense: a drug word right around
 * it (吃了头孢, 头孢过敏) keeps the default; otherwise an insurance word anywhere in the message (保险,
 * 理赔, 条款, 健康告知 — in pinyin or in characters) picks the alternative. Pure data, syllables toneless.
 */
export interface PinyinSense {
  /** Toneless syllables joined by spaces. */
  readonly key: string;
  readonly word: string;
  /** Read instead of `word` when one of `when` is in the message and no `keepIf` syllable is next to it. */
  readonly alternative: string;
  /** Pinyin (toneless, spaced) or characters anywhere in the message. */
  readonly when: readonly string[];
  /** A syllable within two before (verbs of taking a drug) or syllables right after (过敏, 片, 胶囊) that keep `word`. */
  readonly keepBefore: readonly string[];
  readonly keepAfter: readonly string[];
}

export const PINYIN_SENSES: readonly PinyinSense[] = [
  {
    key: 'tou bao',
    word: '头孢',
    alternative: '投保',
    when: [
      'bao xian', 'li pei', 'bao dan', 'tiao kuan', 'he bao', 'bao fei', 'bao e', 'xu bao', 'tui bao', 'ju bao', 'cheng bao',
      'gao zhi', 'cai liao', 'shou xu', 'zhong ji', 'yi liao xian', 'yi wai xian', 'shou xian', 'xian zhong', 'deng dai qi', 'bu pei', 'pei fu', 'pei ma',
      '保险', '理赔', '保单', '条款', '核保', '保费', '告知', '重疾', '险种', '赔',
    ],
    keepBefore: ['chi', 'fu', 'da', 'shu', 'yong', 'kai'],
    keepAfter: ['guo min', 'pian', 'jiao nang', 'ke li', 'lei'],
  },
  {
    // 想死 (wo xiang si), not the 像撕 of a tearing pain, unless the message tells one (像撕裂一样).
    key: 'xiang si',
    word: '想死',
    alternative: '像撕',
    when: ['si lie', 'si kai', '撕裂', '撕开'],
    keepBefore: [],
    keepAfter: [],
  },
];
