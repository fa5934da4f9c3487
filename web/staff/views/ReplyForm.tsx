import { useRef, useState } from 'preact/hooks';
import { api, ApiError } from '../api';
import type { TicketDetail } from '../api-types';
import { Section } from '../components/Page';
import { ResultNotice, TextAreaCell } from '../components/TextArea';
import { useAction } from '../hooks';
import { formatDateTime } from '../../shared/time';
import { idempotencyKey } from '../../shared/api';

/**
 * 回复: through the 微信客服 window while it is open; when it is closed, the API's own sentence says
 * which channel will carry the answer instead (and a 409 at send time says the same).
 */
/** The server's limit on a reply (shared/services/triage/schemas.ts): 2048 bytes of UTF-8, about 680 汉字. */
const MAX_REPLY_BYTES = 2048;
const bytesOf = (text: string) => new TextEncoder().encode(text).length;

/** What the doctor reads when a reply is refused; the closed-window reason is the server's own Chinese sentence. */
const REFUSALS_ZH: Record<string, string> = {
  idempotency_key_reused: '这条回复和上次发送的不一样，请再点一次「回复」。',
  reply_in_progress: '上一条回复正在发送，请稍候再看。',
  reply_outcome_unknown: '上一条回复可能已送达客户；为免重复不再重发，请在聊天中确认。',
  ticket_closed: '工单已结案，不能再回复。',
  validation_failed: `回复内容无效：不能为空，最多约 680 个汉字。`,
};

export function ReplyForm({ ticket, onSent }: { ticket: TicketDetail; onSent: () => void }) {
  const [text, setText] = useState('');
  const { busy, result, run } = useAction();
  // One key per answer: a double tap or a retry after a timeout sends it once; a changed answer is
  // another reply and gets its own key (the server refuses a key reused for other text).
  const key = useRef(idempotencyKey());
  const edit = (next: string) => {
    if (next !== text) key.current = idempotencyKey();
    setText(next);
  };
  const tooLong = bytesOf(text.trim()) > MAX_REPLY_BYTES;
  const channel = ticket.replyChannel;

  if (channel && channel.kind === 'none') {
    return (
      <Section title="回复客户" id="reply">
        <p class="notice notice_info" id="reply-closed">
          {channel.why}
        </p>
      </Section>
    );
  }

  const send = async (e: Event) => {
    e.preventDefault();
    if (!text.trim() || tooLong) return;
    await run(
      async () => {
        const res = await api.post<{ sent: boolean }>(`/api/triage/tickets/${encodeURIComponent(ticket.id)}/reply`, { text: text.trim(), key: key.current });
        key.current = idempotencyKey();
        setText('');
        onSent();
        return res.sent ? '已通过微信客服发送给客户' : '这条回复含需要合规审核的用语，已暂缓发送；审核通过后会自动发给客户，结果见下方「待审核的回复」。';
      },
      (err) => (err instanceof ApiError ? (err.code === 'reply_channel_closed' ? err.message : (REFUSALS_ZH[err.code] ?? '发送失败，请重试。')) : '发送失败，请重试。'),
    );
  };

  return (
    <Section title="回复客户" id="reply">
      <form class="reply" onSubmit={send}>
        {channel?.kind === 'kf' && <p class="hint">通过微信客服发送，窗口开放至 {formatDateTime(channel.openUntilMs)}</p>}
        <TextAreaCell id="reply-text" label="回复内容" rows={3} placeholder="输入要发给客户的回复" value={text} onInput={edit} />
        {tooLong && (
          <p class="notice notice_warn" role="alert">
            回复太长了：最多约 680 个汉字，请分两条发送。
          </p>
        )}
        <ResultNotice result={result} id="reply-result" />
        <div class="weui-btn-area">
          <button type="submit" class="weui-btn weui-btn_default" disabled={busy || !text.trim() || tooLong}>
            回复
          </button>
        </div>
      </form>
    </Section>
  );
}
