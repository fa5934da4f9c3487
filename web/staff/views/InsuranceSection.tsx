import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import type { GapListItem, GapReport } from '../api-types';
import { Loading } from '../components/Loading';
import { Section } from '../components/Page';
import { ResultNotice, TextAreaCell } from '../components/TextArea';
import { useAction, useLoad } from '../hooks';
import { COVERAGE_ZH, TIER_SOURCE_ZH, label } from '../labels';
import { formatCny } from '../../../shared/domain/gap/format';
import { plainText } from '../format';
import { formatDateTime } from '../../shared/time';
import { wecom } from '../wecom';

/** The insurance consultant's view: the latest gap analysis and its draft, which can go into the chat. */
export function InsuranceSection({ memberId, inChat }: { memberId: string; inChat: boolean }) {
  const [load] = useLoad(async () => {
    const { reports } = await api.get<{ reports: GapListItem[] }>(`/api/gap-analysis/members/${encodeURIComponent(memberId)}/reports`);
    const latest = [...reports].sort((a, b) => b.createdAtMs - a.createdAtMs)[0];
    return latest ? api.get<GapReport>(`/api/gap-analysis/reports/${encodeURIComponent(latest.reportId)}`) : null;
  }, [memberId]);
  if (load.state === 'loading') return <Loading />;
  if (load.state === 'error') return <p class="notice notice_warn">保障缺口分析暂时无法加载。</p>;
  const r = load.data;
  if (!r) {
    return (
      <Section title="保障缺口分析" id="gap">
        <p class="empty">还没有为这位客户做过保障缺口分析。</p>
      </Section>
    );
  }
  return (
    <>
      <Section title="保障缺口分析" id="gap">
        <p class="hint">
          {r.createdAtMs ? `${formatDateTime(r.createdAtMs)} 生成` : ''}
          {r.tierSource ? ` · 风险等级来源：${label(TIER_SOURCE_ZH, r.tierSource)}` : ''}
        </p>
        <table class="gap-table">
          <caption class="visually-hidden">各类保障的建议保额、已有保额和缺口</caption>
          <thead>
            <tr>
              <th scope="col">保障</th>
              <th scope="col">建议</th>
              <th scope="col">已有</th>
              <th scope="col">缺口</th>
            </tr>
          </thead>
          <tbody>
            {(r.priority.length ? r.priority : Object.keys(r.dimensions)).map((type) => {
              const d = r.dimensions[type];
              if (!d) return null;
              return (
                <tr key={type}>
                  <th scope="row">{label(COVERAGE_ZH, type)}</th>
                  <td>{formatCny(d.recommended)}</td>
                  <td>{formatCny(d.existing)}</td>
                  <td class={d.gap > 0 ? 'gap-table__gap' : ''}>{formatCny(d.gap)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <p class="hint">
          年保费预算 {formatCny(r.premiumBudget)} · 现有年保费 {formatCny(r.currentPremium)}
        </p>
        <h3 class="chart-title">客户看到的说明</h3>
        <p class="member-summary">{plainText(r.memberSummary)}</p>
      </Section>
      <DraftSection reportId={r.reportId} draft={plainText(r.consultantDraft)} inChat={inChat} />
    </>
  );
}

function DraftSection({ reportId, draft, inChat }: { reportId: string | undefined; draft: string; inChat: boolean }) {
  const [text, setText] = useState(draft);
  const { busy, result, run } = useAction();
  useEffect(() => setText(draft), [draft]);
  const insert = () =>
    run(
      async () => {
        await (await wecom()).sendChatMessage(text);
        // The report counts as discussed with the member (outcome metrics); a failure here does not undo the chat.
        if (reportId) await api.post(`/api/gap-analysis/reports/${encodeURIComponent(reportId)}/discussed`, {}).catch(() => undefined);
        return '已插入聊天，请在聊天窗口确认后发送';
      },
      (err) => `未能插入聊天：${err instanceof Error ? err.message : '请重试'}`,
    );
  return (
    <Section title="沟通话术草稿" id="draft">
      <TextAreaCell id="draft-text" label="话术草稿" class="draft" rows={10} value={text} onInput={setText} />
      <ResultNotice result={result} />
      {inChat ? (
        <div class="weui-btn-area">
          <button type="button" class="weui-btn weui-btn_primary" disabled={busy || !text.trim()} onClick={insert}>
            插入聊天
          </button>
        </div>
      ) : (
        <p class="hint">从与客户的聊天工具栏打开本页，即可把草稿插入聊天。</p>
      )}
    </Section>
  );
}
