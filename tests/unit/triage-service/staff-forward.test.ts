import { describe, expect, it } from 'vitest';
import { parseStaffForward } from '../../../shared/services/triage';

describe('parseStaffForward: "#<member id | external_userid> <customer words>"', () => {
  it.each([
    ['#m_AbC123-xyz 最近老是头晕', 'm_AbC123-xyz', '最近老是头晕'],
    ['＃wmAbCdEf123：孩子发烧了怎么办', 'wmAbCdEf123', '孩子发烧了怎么办'],
    ['  #m_abc:  保单怎么续保  ', 'm_abc', '保单怎么续保'],
    ['#m_abc\u3000积分怎么兑换', 'm_abc', '积分怎么兑换'],
    ['#m_abc 第一行\n第二行', 'm_abc', '第一行\n第二行'],
  ])('%j', (content, memberRef, text) => {
    expect(parseStaffForward(content)).toEqual({ ok: true, memberRef, text });
  });

  it.each([
    ['最近老是头晕', 'no_reference'],
    ['#m_abc最近老是头晕', 'no_reference'],
    ['#', 'no_reference'],
    ['#m_abc', 'no_text'],
    ['#m_abc ：  ', 'no_text'],
  ])('refuses %j (%s)', (content, reason) => {
    expect(parseStaffForward(content)).toEqual({ ok: false, reason });
  });
});
