/**
 * Every time a person reads is Asia/Shanghai, whatever the phone's own zone (the API stores and
 * sends UTC epoch milliseconds). Intl does the zone arithmetic; no date library is needed in the page.
 */
const ZONE = 'Asia/Shanghai';

const dateTime = new Intl.DateTimeFormat('zh-CN', { timeZone: ZONE, month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false });
const dateOnly = new Intl.DateTimeFormat('zh-CN', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });
const timeOnly = new Intl.DateTimeFormat('zh-CN', { timeZone: ZONE, hour: '2-digit', minute: '2-digit', hour12: false });

/** 12/06 14:05 */
export const formatDateTime = (ms: number): string => dateTime.format(ms);
/** 2026/12/06 */
export const formatDate = (ms: number): string => dateOnly.format(ms);
/** 14:05 */
export const formatTime = (ms: number): string => timeOnly.format(ms);

/** "还剩 4 分 05 秒" / "已超时 2 分" for an SLA deadline. */
export function countdown(deadlineMs: number, nowMs: number): { text: string; overdue: boolean } {
  const left = Math.round((deadlineMs - nowMs) / 1000);
  const abs = Math.abs(left);
  const h = Math.floor(abs / 3600);
  const m = Math.floor((abs % 3600) / 60);
  const s = abs % 60;
  const span = h > 0 ? `${h} 小时 ${m} 分` : m > 0 ? `${m} 分 ${String(s).padStart(2, '0')} 秒` : `${s} 秒`;
  return left >= 0 ? { text: `还剩 ${span}`, overdue: false } : { text: `已超时 ${span}`, overdue: true };
}
