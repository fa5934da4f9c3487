import { useState } from 'preact/hooks';
import { api, ApiError } from '../api';
import { Section } from '../components/Page';
import { useAction } from '../hooks';
import { RESOLUTION_ZH } from '../labels';
import { idempotencyKey } from '../../shared/api';

/** 结案 with a resolution chosen from the API's list (WeUI radio cells). */
export function CloseForm({ ticketId, onClosed }: { ticketId: string; onClosed: () => void }) {
  const [resolution, setResolution] = useState('answered');
  const { busy, result, run } = useAction();

  const close = async (e: Event) => {
    e.preventDefault();
    await run(
      async () => {
        await api.post(`/api/triage/tickets/${encodeURIComponent(ticketId)}/close`, { resolution }, { 'idempotency-key': idempotencyKey() });
        onClosed();
        return ''; // the ticket's status row says 已结案
      },
      (err) => (err instanceof ApiError ? `结案失败：${err.message}` : '结案失败，请重试'),
    );
  };

  return (
    <Section title="结案" id="close">
      <form onSubmit={close}>
        <fieldset class="weui-cells weui-cells_radio">
          <legend class="visually-hidden">结案结果</legend>
          {Object.entries(RESOLUTION_ZH).map(([code, text]) => (
            <label class="weui-cell weui-check__label" key={code}>
              <div class="weui-cell__bd">{text}</div>
              <div class="weui-cell__ft">
                <input type="radio" class="weui-check" name="resolution" value={code} checked={resolution === code} onChange={() => setResolution(code)} />
                <span class="weui-icon-checked" aria-hidden="true" />
              </div>
            </label>
          ))}
        </fieldset>
        {result && !result.ok && (
          <p class="notice notice_warn" role="status">
            {result.text}
          </p>
        )}
        <div class="weui-btn-area">
          <button type="submit" class="weui-btn weui-btn_warn" disabled={busy}>
            结案
          </button>
        </div>
      </form>
    </Section>
  );
}
