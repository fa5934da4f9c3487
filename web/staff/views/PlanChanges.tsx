import { useState } from 'preact/hooks';
import { api, ApiError } from '../api';
import { Section } from '../components/Page';
import { useAction, useLoad } from '../hooks';
import { formatDate, formatDateTime } from '../../shared/time';
import type { PlanChangesView } from '../../../shared/domain/health/plan-change-text';
import { ADJUSTMENT_RULES, type AdjustmentCode } from '../../../shared/domain/health/plan-adjustments';

interface PlanView {
  version: number;
  revision: number;
  changes: PlanChangesView;
}


/**
 * 计划调整: what the data changed in the member's plan and why, every version with its reasons, and
 * — for the member's family doctor (policy plan.override) — the override: revert an adjustment or
 * keep the normal cadence for some weeks. Each override is a plan version of its own, audited.
 */
/** `onChanged`: the page reloads what the override changed (the plan's entries above). */
export function PlanChanges({ memberId, canOverride, onChanged }: { memberId: string; canOverride: boolean; onChanged?: () => void }) {
  const path = `/api/intake/members/${encodeURIComponent(memberId)}/plan`;
  const [load, reload] = useLoad(() => api.get<PlanView>(path), [memberId]);
  if (load.state === 'loading') return null;
  if (load.state === 'error') {
    return (
      <Section title="计划调整" id="plan-changes">
        <p class={load.error instanceof ApiError && load.error.status === 404 ? 'empty' : 'notice notice_warn'}>{load.error instanceof ApiError && load.error.status === 404 ? '尚未生成健康计划。' : '计划调整暂时无法加载。'}</p>
      </Section>
    );
  }
  const c = load.data.changes;
  return (
    <Section title="计划调整" id="plan-changes">
      {c.current.length === 0 ? (
        <p class="empty">当前按健康档案的原计划执行，没有因数据调整。</p>
      ) : (
        <ul class="weui-cells">
          {c.current.map((a) => (
            <li class="weui-cell" key={a.code}>
              <div class="weui-cell__bd">
                <p>
                  <strong>{a.titleZh}</strong>（{formatDate(a.sinceMs)} 起）
                </p>
                <p>{a.effectZh}</p>
                <p class="hint">原因：{a.reasonZh}</p>
              </div>
            </li>
          ))}
        </ul>
      )}
      {c.holds.length > 0 && (
        <p class="hint">
          {c.holds.map((h) => `医生已决定：${formatDate(h.untilMs)} 前不因「${h.titleZh}」调整`).join('；')}
        </p>
      )}
      <h3 class="chart-title">版本记录</h3>
      <ol class="weui-cells plan-history">
        {c.history.map((h) => (
          <li class="weui-cell" key={`${h.version}.${h.revision}`}>
            <div class="weui-cell__bd">
              <p>
                {formatDateTime(h.atMs)} · {h.causeZh}
                {h.revision > 0 && <span class="hint">（第 {h.version} 版·调整 {h.revision}）</span>}
              </p>
              {h.changes.map((x, i) => (
                <p class="hint" key={i}>
                  {x.changeZh}「{x.titleZh}」：{x.reasonZh}
                </p>
              ))}
            </div>
          </li>
        ))}
      </ol>
      {canOverride && <OverrideForm path={path} active={c.current.map((a) => a.code)} onDone={() => (reload(), onChanged?.())} />}
    </Section>
  );
}

function OverrideForm({ path, active, onDone }: { path: string; active: AdjustmentCode[]; onDone: () => void }) {
  const [code, setCode] = useState<AdjustmentCode>(active[0] ?? 'bp_high');
  const [weeks, setWeeks] = useState(4);
  const { busy, result, run } = useAction();
  const submit = async (e: Event) => {
    e.preventDefault();
    await run(
      async () => {
        await api.post(`${path}/overrides`, { code, weeks });
        onDone();
        return '已保存医生决定';
      },
      (err) => (err instanceof ApiError ? `保存失败：${err.message}` : '保存失败，请重试'),
    );
  };
  return (
    <form onSubmit={submit} aria-label="医生调整">
      <div class="weui-cells weui-cells_form">
        <label class="weui-cell">
          <div class="weui-cell__hd">
            <span class="weui-label">调整项</span>
          </div>
          <div class="weui-cell__bd">
            <select class="weui-select" value={code} onChange={(e) => setCode((e.target as HTMLSelectElement).value as AdjustmentCode)}>
              {ADJUSTMENT_RULES.map((r) => (
                <option value={r.code} key={r.code}>
                  {r.titleZh}
                  {active.includes(r.code) ? '（撤销当前调整）' : ''}
                </option>
              ))}
            </select>
          </div>
        </label>
        <label class="weui-cell">
          <div class="weui-cell__hd">
            <span class="weui-label">保持原计划（周）</span>
          </div>
          <div class="weui-cell__bd">
            <input class="weui-input" type="number" min={1} max={12} value={weeks} onInput={(e) => setWeeks(Number((e.target as HTMLInputElement).value))} />
          </div>
        </label>
      </div>
      {result && (
        <p class={result.ok ? 'hint' : 'notice notice_warn'} role="status">
          {result.text}
        </p>
      )}
      <div class="weui-btn-area">
        <button type="submit" class="weui-btn weui-btn_default" disabled={busy}>
          按医生决定保持原计划
        </button>
      </div>
    </form>
  );
}
