/**
 * Addresses of the staff workbench pages (web/staff, served by the `web` function on the API's
 * origin) that staff notifications link to: a card opens a page, never a JSON route. The paths are
 * the ones the workbench's router reads (web/staff/router.ts).
 */
const base = (publicBaseUrl: string) => publicBaseUrl.replace(/\/+$/, '');

export function ticketPageUrl(publicBaseUrl: string, ticketId: string): string {
  return `${base(publicBaseUrl)}/staff/tickets/${encodeURIComponent(ticketId)}`;
}

/** The member page, `readingId` highlighted on its trend (the red-flag reading card). */
export function memberPageUrl(publicBaseUrl: string, memberId: string, readingId?: string): string {
  const reading = readingId === undefined ? '' : `?reading=${encodeURIComponent(readingId)}`;
  return `${base(publicBaseUrl)}/staff/members/${encodeURIComponent(memberId)}${reading}`;
}
