import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalStack, type LocalStack } from '../../dev/local-stack';
import { SandboxClient } from '../../dev/wecom-sandbox/inspect';
import type { AuditEntry } from '../../shared/ports/audit-log';
import { memberIdForExternalUser } from '../../shared/services/members/member';
import type { TicketDetail, TicketSummary } from '../../shared/services/triage/views';
import { addMember as addTeamMember, importTeam } from '../helpers/team';
import { kfCustomerWrites } from '../helpers/kf-customer';

/*
 * Issue 20 "Done when": a staff reply with a cure promise is held for review and never reaches WeCom
 * (read from the sandbox's own record, GET /_sandbox/sent); a reviewer releases one held reply (it
 * reaches WeCom exactly once) and rejects another (never sent); the audit trail names who did which.
 */

const OPEN_KF_ID = 'wkReviewE2E';
const team = { family_doctor: 'rv-doc', health_butler: 'rv-butler', rights_consultant: 'rv-rights', insurance_consultant: 'rv-ins' } as const;
const CURE = '这个方子坚持吃保证根治';
const CURE_2 = '放心，这个病吃我们推荐的茶就能根治，永不复发';

let stack: LocalStack;
let sandbox: SandboxClient;
let doc: string;
let reviewer: string;
let ops: string;

async function api<T>(path: string, token: string, init: RequestInit = {}): Promise<{ status: number; body: T }> {
  const res = await fetch(`${stack.url}${path}`, { ...init, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...init.headers } });
  return { status: res.status, body: (await res.json()) as T };
}

/** What WeCom received over 微信客服 for this customer, as the sandbox reports it over HTTP. */
async function kfTexts(ext: string): Promise<string[]> {
  return (await sandbox.sent({ api: 'kf/send_msg', touser: ext })).map((s) => (s.body as { text: { content: string } }).text.content);
}

async function openTicket(ext: string, question: string): Promise<string> {
  const memberId = await addTeamMember(stack, team, ext);
  expect(await kfCustomerWrites(stack, sandbox, { openKfId: OPEN_KF_ID, externalUserId: ext, text: question })).toBe(200);
  const mine = await api<{ tickets: TicketSummary[] }>('/api/triage/tickets?mine=1', doc);
  return mine.body.tickets.find((t) => t.memberId === memberId)?.id as string;
}

type Held = { sent: false; held: true; status: string; reviewId: string; replyId: string };

beforeAll(async () => {
  stack = await startLocalStack({ env: { LOG_LEVEL: 'silent' } });
  sandbox = new SandboxClient(stack.sandbox.url);
  await importTeam(stack, team, { family_doctor: '孙医生', health_butler: '周管家', rights_consultant: '吴顾问', insurance_consultant: '郑顾问' });
  doc = stack.staffToken(team.family_doctor, 'family_doctor');
  reviewer = stack.staffToken('rv-compliance', 'compliance_reviewer');
  ops = stack.adminToken;
});
afterAll(async () => {
  await stack?.close();
});

describe('a workbench reply promising a cure, over HTTP', () => {
  it('is held (202), never reaches the WeCom sandbox, and shows as held on the author’s ticket', async () => {
    const ext = 'wmReviewHold01';
    const ticketId = await openTicket(ext, '血糖一直控制不好，有什么偏方吗');
    const before = await kfTexts(ext);
    expect(before).toHaveLength(1); // the butler's acknowledgement

    const res = await api<Held>(`/api/triage/tickets/${ticketId}/reply`, doc, { method: 'POST', body: JSON.stringify({ text: CURE, key: 'rv-hold-1' }) });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ sent: false, held: true, status: 'held' });
    expect(await kfTexts(ext)).toEqual(before);

    const ticket = await api<TicketDetail>(`/api/triage/tickets/${ticketId}`, doc);
    expect(ticket.body.heldReplies).toEqual([expect.objectContaining({ text: CURE, status: 'held' })]);
  });

  it('a reviewer releases one (sent exactly once, also when clicked twice) and rejects another (never sent); the audit names the reviewer', async () => {
    const extA = 'wmReviewRel01';
    const extB = 'wmReviewRej01';
    const ticketA = await openTicket(extA, '我妈糖尿病十年了');
    const ticketB = await openTicket(extB, '血压高吃什么好');
    const heldA = (await api<Held>(`/api/triage/tickets/${ticketA}/reply`, doc, { method: 'POST', body: JSON.stringify({ text: CURE, key: 'rv-rel-1' }) })).body;
    const heldB = (await api<Held>(`/api/triage/tickets/${ticketB}/reply`, doc, { method: 'POST', body: JSON.stringify({ text: CURE_2, key: 'rv-rej-1' }) })).body;
    expect([heldA.status, heldB.status]).toEqual(['held', 'held']);

    // The queue shows both, with the rule hit and the explanation the reviewer reads.
    const queue = await api<{ reviews: { id: string; text: string; hits: { ruleId: string; explanationZh: string }[] }[] }>('/api/triage/reviews', reviewer);
    expect(queue.status).toBe(200);
    const ids = queue.body.reviews.map((r) => r.id);
    expect(ids).toEqual(expect.arrayContaining([heldA.reviewId, heldB.reviewId]));
    expect(queue.body.reviews.find((r) => r.id === heldA.reviewId)?.hits).toEqual(expect.arrayContaining([expect.objectContaining({ ruleId: 'cure.claim', explanationZh: expect.stringContaining('治愈') })]));

    // The author may not release their own text.
    const own = await api<{ error: { code: string } }>(`/api/triage/reviews/${encodeURIComponent(heldA.reviewId)}/release`, doc, { method: 'POST' });
    expect(own.status).toBe(403);
    expect(own.body.error.code).toBe('own_text');

    const released = await api<{ status: string; delivery: string; replayed: boolean }>(`/api/triage/reviews/${encodeURIComponent(heldA.reviewId)}/release`, reviewer, { method: 'POST' });
    expect(released.status).toBe(200);
    expect(released.body).toMatchObject({ status: 'released', delivery: 'sent', replayed: false });
    const twice = await fetch(`${stack.url}/api/triage/reviews/${encodeURIComponent(heldA.reviewId)}/release`, { method: 'POST', headers: { authorization: `Bearer ${reviewer}` } });
    expect(twice.status).toBe(200);
    expect(twice.headers.get('idempotent-replayed')).toBe('true');
    expect((await kfTexts(extA)).filter((t) => t === CURE)).toHaveLength(1);

    const noReason = await api<{ error: { code: string; fields: { field: string }[] } }>(`/api/triage/reviews/${encodeURIComponent(heldB.reviewId)}/reject`, reviewer, { method: 'POST', body: '{}' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.fields[0]?.field).toBe('reason');
    const rejected = await api<{ status: string }>(`/api/triage/reviews/${encodeURIComponent(heldB.reviewId)}/reject`, reviewer, { method: 'POST', body: JSON.stringify({ reason: '含治愈承诺和产品疗效宣称，请删去' }) });
    expect(rejected.status).toBe(200);
    expect(rejected.body.status).toBe('rejected');
    const lateRelease = await api<{ error: { code: string } }>(`/api/triage/reviews/${encodeURIComponent(heldB.reviewId)}/release`, reviewer, { method: 'POST' });
    expect(lateRelease.status).toBe(409);
    expect(await kfTexts(extB)).not.toContain(CURE_2);

    // The author reads the outcome on their tickets.
    const ticketViewB = (await api<TicketDetail>(`/api/triage/tickets/${ticketB}`, doc)).body;
    expect(ticketViewB.heldReplies).toEqual([expect.objectContaining({ status: 'rejected', rejectReasonZh: '含治愈承诺和产品疗效宣称，请删去' })]);
    const ticketViewA = (await api<TicketDetail>(`/api/triage/tickets/${ticketA}`, doc)).body;
    expect(ticketViewA.messages.at(-1)).toMatchObject({ from: 'staff', text: CURE });

    // The audit trail (ops read it over HTTP) shows who released and who rejected, with the rules hit.
    const trail = await api<{ entries: AuditEntry[] }>('/api/privacy/audit?actorId=rv-compliance&limit=200', ops);
    expect(trail.status).toBe(200);
    const decisions = trail.body.entries.filter((e) => e.action === 'outbound.review' && e.outcome === 'done');
    expect(decisions.map((e) => [e.meta?.reviewId, e.meta?.decision, e.actor.id]).sort()).toEqual(
      [
        [heldA.reviewId, 'released', 'rv-compliance'],
        [heldB.reviewId, 'rejected', 'rv-compliance'],
      ].sort(),
    );
    expect(decisions.every((e) => String(e.meta?.rules).includes('cure.claim'))).toBe(true);
    const memberA = memberIdForExternalUser(stack.config.WECOM_CORP_ID, extA);
    expect(decisions.find((e) => e.meta?.decision === 'released')?.subjectMemberId).toBe(memberA);
    expect(JSON.stringify(trail.body)).not.toContain('根治');
  });
});
