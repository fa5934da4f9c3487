import { useState } from 'preact/hooks';
import { api, ApiError } from '../api';
import type { OutboundReview } from '../api-types';
import { ErrorView } from '../components/ErrorView';
import { Loading } from '../components/Loading';
import { Page } from '../components/Page';
import { ResultNotice, TextAreaCell } from '../components/TextArea';
import { useAction, useLoad } from '../hooks';
import { onLinkClick, ticketHref } from '../router';
import { formatDateTime } from '../../shared/time';

/** What the reviewer reads when a decision is refused (the API's codes). */
const REFUSALS_ZH: Record<string, string> = {
  own_text: '这是您自己写的消息，不能由您审核，请交给其他审核人。',
  review_decided: '这条消息已经有人处理过了，请刷新。',
  review_not_held: '这条消息已经发送，只是标记待复查。',
  review_not_flagged: '这条消息不是待复查的消息，请刷新。',
  not_own_team: '这位会员不在您的服务团队中。',
  validation_failed: '请写明驳回原因（2–500字），作者会看到。',
};
const refusal = (err: unknown) => (err instanceof ApiError ? (REFUSALS_ZH[err.code] ?? err.message) : '操作失败，请重试。');

const DELIVERY_ZH: Record<string, string> = {
  sent: '已放行并发送给会员',
  queued: '已放行，下一轮提醒发送时发出',
  channel_closed: '已放行，但发送渠道已关闭，未能发出（请通过其他方式联系会员）',
  failed: '已放行，但发送失败',
  unknown: '已放行，发送结果未知，请在企业微信中确认',
};

/**
 * 内容审核: texts to members the outbound review held (shared/services/review). The reviewer reads the
 * text, which rule it hit and why, then releases it (sent once through its own channel) or rejects
 * it with a reason its author reads on the ticket. A flagged text (already sent) is marked 已复查 once
 * looked at, and leaves that list.
 */
export function ReviewsView() {
  const [status, setStatus] = useState<'held' | 'flagged'>('held');
  const [load, reload] = useLoad(() => api.get<{ reviews: OutboundReview[] }>(`/api/triage/reviews?status=${status}`), [status]);
  if (load.state === 'error') return <ErrorView error={load.error} retry={reload} />;
  return (
    <Page title="内容审核">
      <div class="weui-navbar tabs" role="tablist" aria-label="审核状态">
        {TABS.map(([code, text]) => (
          <button type="button" role="tab" key={code} aria-selected={status === code} class={`weui-navbar__item${status === code ? ' weui-bar__item_on' : ''}`} onClick={() => setStatus(code)}>
            {text}
          </button>
        ))}
      </div>
      <div role="tabpanel" aria-label={status === 'held' ? '待审核' : '已发送待复查'}>
        <p class="hint review__intro">{status === 'held' ? '以下消息含诊断处方、疗效承诺、收益承诺、违规产品宣称或销售施压用语，已暂缓发送，请逐条放行或驳回。' : '以下消息已经发出，其中的用语建议复查（如具体用量、返本、催促购买）。'}</p>
        {load.state === 'loading' ? (
          <Loading />
        ) : load.data.reviews.length === 0 ? (
          <p class="empty">{status === 'held' ? '目前没有待审核的消息。' : '目前没有待复查的消息。'}</p>
        ) : (
          <ul class="review-list" aria-label={status === 'held' ? '待审核消息' : '待复查消息'}>
            {load.data.reviews.map((r) => (
              <li key={r.id}>
                <ReviewCard review={r} />
              </li>
            ))}
          </ul>
        )}
      </div>
    </Page>
  );
}

const TABS = [
  ['held', '待审核'],
  ['flagged', '已发送待复查'],
] as const;

function ReviewCard({ review: r }: { review: OutboundReview }) {
  const [decided, setDecided] = useState<string | null>(null);
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const { busy, result, run } = useAction();
  const path = `/api/triage/reviews/${encodeURIComponent(r.id)}`;

  const release = () =>
    run(async () => {
      const out = await api.post<OutboundReview>(`${path}/release`);
      const text = DELIVERY_ZH[out.delivery ?? ''] ?? '已放行';
      setDecided(text);
      return text;
    }, refusal);
  const checked = () =>
    run(async () => {
      await api.post<OutboundReview>(`${path}/checked`);
      setDecided('已复查');
      return '已复查，不再列在待复查中';
    }, refusal);
  const reject = (e: Event) => {
    e.preventDefault();
    return run(async () => {
      await api.post<OutboundReview>(`${path}/reject`, { reason: reason.trim() });
      setDecided('已驳回，作者会看到驳回原因');
      return '已驳回，作者会看到驳回原因';
    }, refusal);
  };

  return (
    <article class="weui-form-preview review" data-review-id={r.id} aria-label={`${r.channelZh}待审核`}>
      <div class="weui-form-preview__hd">
        <p class="review__head">
          <span class="badge badge_status">{r.channelZh}</span>
          <span>{r.author.kind === 'staff' ? `作者 ${r.author.id}` : '系统消息'}</span>
          <time>{formatDateTime(r.createdAtMs)}</time>
        </p>
        <blockquote class="review__text">{r.text}</blockquote>
      </div>
      <div class="weui-form-preview__bd">
        <ul class="review__hits" aria-label="命中的审核规则">
          {r.hits.map((h) => (
            <li key={h.ruleId} class="review__hit" data-rule={h.ruleId}>
              <p>
                <span class={h.action === 'block' ? 'badge badge_emergency' : 'badge badge_urgent'}>{h.categoryZh}</span>
                {h.excerpt && <mark class="review__excerpt">{h.excerpt}</mark>}
              </p>
              <p class="review__why">{h.explanationZh}</p>
            </li>
          ))}
          {r.model && r.model.verdict !== 'pass' && r.model.verdict !== 'unavailable' && (
            <li class="review__hit" data-rule="model">
              <p>
                <span class="badge badge_urgent">模型意见</span>
              </p>
              <p class="review__why">{r.model.reasonZh ?? '模型建议人工审核'}</p>
            </li>
          )}
        </ul>
        {r.ticketId && (
          <p class="hint">
            <a href={ticketHref(r.ticketId)} onClick={onLinkClick}>
              查看工单
            </a>
          </p>
        )}
      </div>
      <ResultNotice result={result} />
      {!decided && r.status === 'flagged' && (
        <div class="weui-form-preview__ft review__actions">
          <div class="weui-btn-area review__buttons">
            <button type="button" class="weui-btn weui-btn_default" disabled={busy} onClick={checked}>
              已复查
            </button>
          </div>
        </div>
      )}
      {!decided && r.status === 'held' && (
        <div class="weui-form-preview__ft review__actions">
          {rejecting ? (
            <form class="review__reject" onSubmit={reject}>
              <TextAreaCell id={`reason-${r.id}`} label="驳回原因（作者会看到）" rows={2} maxLength={500} value={reason} onInput={setReason} placeholder="例如：含治愈承诺，请改为“坚持规范治疗有助于控制病情”" />
              <div class="weui-btn-area">
                <button type="submit" class="weui-btn weui-btn_warn" disabled={busy || reason.trim().length < 2}>
                  确认驳回
                </button>
                <button type="button" class="weui-btn weui-btn_default" onClick={() => setRejecting(false)}>
                  取消
                </button>
              </div>
            </form>
          ) : (
            <div class="weui-btn-area review__buttons">
              <button type="button" class="weui-btn weui-btn_primary" disabled={busy} onClick={release}>
                放行并发送
              </button>
              <button type="button" class="weui-btn weui-btn_default" disabled={busy} onClick={() => setRejecting(true)}>
                驳回
              </button>
            </div>
          )}
        </div>
      )}
    </article>
  );
}
