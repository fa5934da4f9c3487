import { api, ApiError } from '../api';
import type { TicketDetail } from '../api-types';
import { ErrorView } from '../components/ErrorView';
import { Loading } from '../components/Loading';
import { Page, Section } from '../components/Page';
import { useAction, useLoad, useNow } from '../hooks';
import { DISPOSITION_ZH, MESSAGE_FROM_ZH, RESOLUTION_ZH, ROLE_ZH, TICKET_RED_FLAG_ZH, TICKET_STATUS_ZH, label } from '../labels';
import { memberHref, onLinkClick } from '../router';
import { dispositionOf, memberLabel } from '../tickets';
import { countdown, formatDateTime } from '../../shared/time';
import { idempotencyKey } from '../../shared/api';
import { ReplyForm } from './ReplyForm';
import { CloseForm } from './CloseForm';

/** One ticket: who, how urgent, what was said and sent, and the three things staff do with it. */
export function TicketView({ ticketId }: { ticketId: string }) {
  const [load, reload] = useLoad(() => api.get<TicketDetail>(`/api/triage/tickets/${encodeURIComponent(ticketId)}`), [ticketId]);
  const { busy, result: notice, run } = useAction();
  const now = useNow(1000);
  const back = { href: '/staff/', text: '我的工单' };
  if (load.state === 'loading') return <Page title="工单" back={back}><Loading /></Page>;
  if (load.state === 'error') return <ErrorView error={load.error} retry={reload} />;
  const t = load.data;
  const disposition = dispositionOf(t);

  const ack = () =>
    run(
      async () => {
        await api.post(`/api/triage/tickets/${encodeURIComponent(t.id)}/ack`, undefined, { 'idempotency-key': idempotencyKey() });
        reload();
        return '已接单';
      },
      (err) => (err instanceof ApiError ? `接单失败：${err.message}` : '接单失败，请重试'),
    );

  return (
    <Page title={`${label(DISPOSITION_ZH, disposition)}工单`} back={back}>
      <div class="weui-cells" data-ticket-status={t.status}>
        <div class="weui-cell">
          <div class="weui-cell__bd">客户</div>
          <div class="weui-cell__ft">
            <a href={memberHref(t.memberId)} onClick={onLinkClick}>
              {memberLabel(t.memberName, t.memberId)}
            </a>
          </div>
        </div>
        <div class="weui-cell">
          <div class="weui-cell__bd">分级</div>
          <div class="weui-cell__ft">
            <span class={`badge badge_${disposition}`}>{label(DISPOSITION_ZH, disposition)}</span>
          </div>
        </div>
        <div class="weui-cell">
          <div class="weui-cell__bd">状态</div>
          <div class="weui-cell__ft" id="ticket-status">{label(TICKET_STATUS_ZH, t.status)}</div>
        </div>
        <div class="weui-cell">
          <div class="weui-cell__bd">负责角色</div>
          <div class="weui-cell__ft">{label(ROLE_ZH, t.role)}</div>
        </div>
        <div class="weui-cell">
          <div class="weui-cell__bd">创建时间</div>
          <div class="weui-cell__ft">{formatDateTime(t.createdAtMs)}</div>
        </div>
        {t.status === 'open' && (
          <div class="weui-cell">
            <div class="weui-cell__bd">接单时限</div>
            <div class="weui-cell__ft">{countdown(t.slaDueAtMs, now).text}</div>
          </div>
        )}
        {t.acknowledgedAtMs !== null && (
          <div class="weui-cell">
            <div class="weui-cell__bd">接单时间</div>
            <div class="weui-cell__ft">{formatDateTime(t.acknowledgedAtMs)}</div>
          </div>
        )}
        <div class="weui-cell">
          <div class="weui-cell__bd">升级级别</div>
          <div class="weui-cell__ft">{t.escalationLevel > 0 ? `已升级至第 ${t.escalationLevel} 级值班医生` : '未升级'}</div>
        </div>
        {t.resolution && (
          <div class="weui-cell">
            <div class="weui-cell__bd">结案结果</div>
            <div class="weui-cell__ft">{label(RESOLUTION_ZH, t.resolution)}</div>
          </div>
        )}
      </div>

      {t.redFlags.length > 0 && (
        <Section title="危险信号" id="red-flags">
          <ul class="flags">
            {t.redFlags.map((f) => (
              <li key={f} class="badge badge_emergency">
                {label(TICKET_RED_FLAG_ZH, f)}
              </li>
            ))}
          </ul>
        </Section>
      )}

      {t.firstAidZh.length > 0 && (
        <Section title="已发送给客户的急救指引" id="first-aid">
          <ol class="first-aid">
            {t.firstAidZh.map((line, i) => (
              <li key={i}>{line}</li>
            ))}
          </ol>
        </Section>
      )}

      <Section title="对话记录" id="conversation">
        <ol class="chat">
          {t.messages.map((m) => (
            <li key={m.msgKey} class={`chat__msg chat__msg_${m.from ?? 'member'}`}>
              <p class="chat__who">
                {label(MESSAGE_FROM_ZH, m.from ?? 'member')} · <time>{formatDateTime(m.atMs)}</time>
              </p>
              <p class="chat__text">{m.text}</p>
            </li>
          ))}
        </ol>
      </Section>

      {(t.heldReplies?.length ?? 0) > 0 && (
        <Section title="待审核的回复" id="held-replies">
          <ol class="chat">
            {t.heldReplies?.map((h) => (
              <li key={h.id} class="chat__msg chat__msg_staff chat__msg_held" data-status={h.status}>
                <p class="chat__who">
                  <span class={h.status === 'held' ? 'badge badge_urgent' : 'badge badge_emergency'}>{h.status === 'held' ? '合规审核中，未发送' : '未通过审核，未发送'}</span> · <time>{formatDateTime(h.atMs)}</time>
                </p>
                <p class="chat__text">{h.text}</p>
                {h.rejectReasonZh && <p class="notice notice_warn">驳回原因：{h.rejectReasonZh}</p>}
              </li>
            ))}
          </ol>
        </Section>
      )}

      {notice && (
        <p class="notice" role="status">
          {notice.text}
        </p>
      )}

      {t.status === 'open' && (
        <div class="weui-btn-area">
          <button type="button" class="weui-btn weui-btn_primary" disabled={busy} onClick={ack}>
            确认接单
          </button>
        </div>
      )}
      {t.status !== 'closed' && <ReplyForm ticket={t} onSent={reload} />}
      {t.status !== 'closed' && <CloseForm ticketId={t.id} onClosed={reload} />}
    </Page>
  );
}
