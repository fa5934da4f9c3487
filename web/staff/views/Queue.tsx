import { api } from '../api';
import type { TicketSummary } from '../api-types';
import { ErrorView } from '../components/ErrorView';
import { Loading } from '../components/Loading';
import { Page } from '../components/Page';
import { useLoad, useNow } from '../hooks';
import { DISPOSITION_ZH, TICKET_RED_FLAG_ZH, TICKET_STATUS_ZH, label } from '../labels';
import { dashboardHref, onLinkClick, ticketHref } from '../router';
import { useSession } from '../session-context';
import { dispositionOf, isEmergency, memberLabel, queueOrder } from '../tickets';
import { countdown, formatDateTime } from '../../shared/time';

/** My queue: my open tickets, emergencies first, then by SLA deadline, each with a live countdown. */
export function QueueView() {
  const [load, reload] = useLoad(() => api.get<{ tickets: TicketSummary[] }>('/api/triage/tickets?mine=1'), []);
  const now = useNow(1000);
  const session = useSession();
  // Supervisors and ops read the outcome metrics (policy action stats.read); the 4R team does not.
  const oversees = session?.role === 'supervisor' || session?.role === 'ops_admin';
  if (load.state === 'loading') return <Page title="我的工单"><Loading /></Page>;
  if (load.state === 'error') return <ErrorView error={load.error} retry={reload} />;
  const tickets = queueOrder(load.data.tickets);
  return (
    <Page title="我的工单">
      <ReviewsLink />
      {session?.role === 'ops_admin' && (
        <p class="weui-btn-area">
          <a class="weui-btn weui-btn_default" href="/staff/content" onClick={onLinkClick}>
            内容管理
          </a>
        </p>
      )}
      {oversees && (
        <p class="outcome-note">
          <a href={dashboardHref} onClick={onLinkClick}>
            查看运营看板（核心指标与目标）
          </a>
        </p>
      )}
      {tickets.length === 0 ? (
        <p class="empty">目前没有待处理的工单。</p>
      ) : (
        <ul class="weui-cells queue" aria-label="待处理工单">
          {tickets.map((t) => (
            <li key={t.id}>
              <QueueItem ticket={t} now={now} />
            </li>
          ))}
        </ul>
      )}
    </Page>
  );
}

/** Roles that decide on held outbound texts (policy `outbound.review`) get a way to the review queue. */
function ReviewsLink() {
  const session = useSession();
  if (session?.role !== 'family_doctor' && session?.role !== 'compliance_reviewer') return null;
  return (
    <p class="hint">
      <a href="/staff/reviews" onClick={onLinkClick}>
        内容审核：查看待审核的消息
      </a>
    </p>
  );
}

function QueueItem({ ticket: t, now }: { ticket: TicketSummary; now: number }) {
  const sla = countdown(t.slaDueAtMs, now);
  const acknowledged = t.status === 'acknowledged';
  const disposition = dispositionOf(t);
  return (
    <a class="weui-cell weui-cell_access queue__item" href={ticketHref(t.id)} onClick={onLinkClick} data-ticket-id={t.id} data-disposition={disposition}>
      <div class="weui-cell__bd">
        <p class="queue__head">
          <span class={`badge badge_${disposition}`}>{label(DISPOSITION_ZH, disposition)}</span>
          <span class="queue__name">{memberLabel(t.memberName, t.memberId)}</span>
          <span class="badge badge_status">{label(TICKET_STATUS_ZH, t.status)}</span>
        </p>
        {t.summary && <p class="queue__summary">{t.summary}</p>}
        {t.redFlags.length > 0 && (
          <p class="queue__flags">{t.redFlags.map((f) => label(TICKET_RED_FLAG_ZH, f)).join('、')}</p>
        )}
        <p class="queue__meta">
          <span>创建于 {formatDateTime(t.createdAtMs)}</span>
          {!acknowledged && (
            <span class={sla.overdue ? 'countdown countdown_overdue' : isEmergency(t) ? 'countdown countdown_urgent' : 'countdown'} data-countdown>
              接单时限 {sla.text}
            </span>
          )}
        </p>
      </div>
      <span class="weui-cell__ft" aria-hidden="true" />
    </a>
  );
}
