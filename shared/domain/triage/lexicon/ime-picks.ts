/**
 * An IME's wrong picks that the homophone repair leaves alone (translate/homophones.ts repairs only words of three
 * characters or more, and keeps a three-character word's first character): 脑带 (脑袋), 糊图 (糊涂), 九命 (救命, but not
 * the nine-lived cat), 想四了 (想死了), 新跳 (心跳), 每分中 (每分钟), 头运 (头晕), 度子 (肚子), 出雪 (出血), 交不醒 (叫不醒),
 * and 装到 for 撞到 after the head. Read with the regional words (translate/dialect.ts), longest first; an entry mapped to
 * itself guards a word from a shorter pick inside it (新跳槽, 开头运).
 */
export const IME_PICKS: readonly (readonly [typed: string, meant: string])[] = [
  ['脑带', '脑袋'], ['糊图', '糊涂'], ['九命怪猫', '九命怪猫'], ['九命', '救命'], ['想四了', '想死了'],
  ['新跳槽', '新跳槽'], ['新跳舞', '新跳舞'], ['新跳', '心跳'], ['每分中', '每分钟'], ['开头运', '开头运'], ['头运', '头晕'], ['度子', '肚子'], ['出雪', '出血'], ['交不醒', '叫不醒'], ['脑袋装到', '脑袋撞到'], ['头装到', '头撞到'],
];
