import type { TicketSummary } from './api-types';

/** Emergencies first, then by SLA deadline (the API sorts too; the page does not rely on it). */
export function queueOrder(tickets: TicketSummary[]): TicketSummary[] {
  return tickets
    .filter((t) => t.status !== 'closed')
    .sort((a, b) => Number(isEmergency(b)) - Number(isEmergency(a)) || a.slaDueAtMs - b.slaDueAtMs);
}

export const isEmergency = (t: Pick<TicketSummary, 'emergency' | 'disposition'>): boolean => t.emergency || t.disposition === 'emergency';

export const dispositionOf = (t: Pick<TicketSummary, 'emergency' | 'disposition'>): string => t.disposition ?? (t.emergency ? 'emergency' : 'routine');

/** How a member is named on a page: the name when the API has one, else a short form of the id. */
export const memberLabel = (name: string | null | undefined, memberId: string): string => name ?? `客户 ${memberId.slice(-6)}`;
