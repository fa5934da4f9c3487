/**
 * Words for a child, as ../vitals.ts reads a number beside them as the child's age (45天的宝宝,
 * 老二三个月了). Pure data, literal words (no phrase syntax); not part of the words the lexicon
 * readers repair (../lexicon-phrases.ts), so adding one here changes only the age reading.
 */

/** Words that name a child wherever they stand in the sentence. */
export const CHILD_WORDS = ['宝宝', '孩子', '婴儿', '小孩', '娃', 'bb', '儿子', '女儿', '孙子', '孙女', '外孙', '闺女', '囡', '崽'] as const;

/**
 * A child by birth order or as a sibling: read as a child only when the age follows right after
 * (老二三个月了), since 我弟弟 or 老大 elsewhere in a message may well be a grown-up.
 */
export const SIBLING_WORDS = ['老大', '老二', '老三', '二宝', '大宝', '小宝', '幺儿', '弟弟', '妹妹'] as const;
