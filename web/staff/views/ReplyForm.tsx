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
export function ReplyForm({ ticket, onSent }: { ticket: TicketDetail; onSent: () => void }) {
  const [text, setText] = useState('');
  const { busy, result, run } = useAction();
  // One key per answer: a double tap or a retry after a timeout sends it once.
  const key = useRef(idempotencyKey());
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
    if (!text.trim()) return;
    await run(
      async () => {
        await api.post(`/api/triage/tickets/${encodeURIComponent(ticket.id)}/reply`, { text: text.trim(), key: key.current });
        key.current = idempotencyKey();
        setText('');
        onSent();
        return '已通过微信客服发送给客户';
      },
      (err) => (err instanceof ApiError ? err.message : '发送失败，请重试'),
    );
  };

  return (
    <Section title="回复客户" id="reply">
      <form class="reply" onSubmit={send}>
        {channel?.kind === 'kf' && <p class="hint">通过微信客服发送，窗口开放至 {formatDateTime(channel.openUntilMs)}</p>}
        <TextAreaCell id="reply-text" label="回复内容" rows={3} maxLength={1000} placeholder="输入要发给客户的回复" value={text} onInput={setText} />
        <ResultNotice result={result} id="reply-result" />
        <div class="weui-btn-area">
          <button type="submit" class="weui-btn weui-btn_default" disabled={busy || !text.trim()}>
            回复
          </button>
        </div>
      </form>
    </Section>
  );
}
