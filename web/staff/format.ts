/** Small display helpers that are not times (time.ts) nor labels (labels.ts). */
import { AUDIENCE_ZH, REMINDER_KIND_ZH, WEEKDAY_ZH, label } from './labels';
import type { ScheduleEntry } from './api-types';

/** 每天 08:00, 每周一、周四 09:00, 每 3 天 08:00, 每月 1 日 09:00. */
export function recurrenceText(r: ScheduleEntry['recurrence']): string {
  const at = r.time ? ` ${r.time}` : '';
  switch (r.type) {
    case 'once':
      return '一次';
    case 'daily':
      return `每天${at}`;
    case 'weekly':
      return `每${(r.days ?? []).map((d) => WEEKDAY_ZH[d] ?? '').join('、')}${at}`;
    case 'every_n_days':
      return `每 ${r.n} 天${at}`;
    case 'every_n_weeks':
      return `每 ${r.n} 周${at}`;
    case 'monthly':
      return `每月 ${r.day} 日${at}`;
    default:
      return '按计划';
  }
}

export const planEntryText = (e: ScheduleEntry): string => `${label(REMINDER_KIND_ZH, e.kind)} · ${recurrenceText(e.recurrence)} · 提醒${label(AUDIENCE_ZH, e.audience)}`;

/** The gap texts are Markdown (## headings, > notes, **bold**); a page cell and a chat message are plain text. */
export const plainText = (markdown: string): string => markdown.replace(/^(#{1,6}|>)\s?/gm, '').replace(/\*\*(.+?)\*\*/g, '$1');
