import { useState } from 'preact/hooks';
import { api } from '../api';
import type { OutcomeCell, OutcomeMetric, OutcomesDashboard } from '../api-types';
import { ErrorView } from '../components/ErrorView';
import { Loading } from '../components/Loading';
import { Page, Section } from '../components/Page';
import { useLoad } from '../hooks';
import { FOUR_R_ORDER, ROLE_ZH, SCENE_ZH, label } from '../labels';
import { formatDateTime } from '../../shared/time';
import { RetentionChart } from './RetentionChart';

/** The metrics shown per group (the table columns), in the PRD's order (docs/prd.md §8.1). */
const GROUP_METRICS = ['profile_completion', 'plan_completion', 'insurance_conversion', 'retention'] as const;
const CAMPAIGN_ZH: Record<string, string> = { none: '（无活动）', 其他: '其他' };
const SCENE_LABELS: Record<string, string> = { ...SCENE_ZH, unknown: '未知场景', 其他: '其他' };

export const percent = (rate: number | null): string => (rate === null ? '—' : `${(rate * 100).toFixed(1)}%`);
const minutes = (ms: number | null): string => (ms === null ? '—' : `${Math.round(ms / 60_000)} 分钟`);

/**
 * 运营看板 (supervisors and ops): the programme's metrics against the PRD's targets, per scene and
 * campaign, the weekly cohort retention curves and the SLA per role. The server sends aggregates of
 * 10 members or more only; this page shows what it gets.
 */
export function DashboardView() {
  const [range, setRange] = useState<{ from?: string; to?: string }>({});
  const [load] = useLoad(async () => {
    const q = new URLSearchParams(Object.entries(range).filter(([, v]) => v) as [string, string][]).toString();
    // Names of the team members (the roster, which supervisors and ops may read); ids when it cannot be read.
    const [dashboard, roster] = await Promise.all([
      api.get<OutcomesDashboard>(`/api/outcomes/dashboard${q ? `?${q}` : ''}`),
      api.get<{ staff: { userId: string; name: string }[] }>('/api/team/staff').catch(() => ({ staff: [] })),
    ]);
    return { ...dashboard, staffNames: Object.fromEntries(roster.staff.map((s) => [s.userId, s.name])) as Record<string, string> };
  }, [range.from, range.to]);
  if (load.state === 'loading') return <Page title="运营看板" back={{ href: '/staff', text: '工作台' }}><Loading /></Page>;
  if (load.state === 'error') return <ErrorView error={load.error} />;
  const d = load.data;
  const names = Object.fromEntries(d.metricNames.map((m) => [m.id, m.nameZh]));
  return (
    <Page title="运营看板" back={{ href: '/staff', text: '工作台' }}>
      <RangeForm from={d.from} to={d.to} onChange={setRange} />
      <p class="hint outcome-note">
        {d.from} 至 {d.to}（北京时间）{d.asOfMs ? ` · 数据截至 ${formatDateTime(d.asOfMs)}` : ' · 尚无统计数据'} · 少于 10 人的分组不显示
      </p>
      <Section title="核心指标与目标" id="metrics">
        {d.overall ? <MetricBars cell={d.overall} names={names} /> : <p class="empty">这段时间的成员不足 10 人，不显示指标。</p>}
      </Section>
      <Section title="周留存曲线（按入群周）" id="cohorts">
        <RetentionChart cohorts={d.cohorts} target={d.targets.retention ?? null} />
      </Section>
      <Section title="按入群场景" id="by-scene">
        <GroupTable cells={d.byScene} names={names} labelOf={(v) => label(SCENE_LABELS, v, v)} caption="各入群场景的指标" />
      </Section>
      <Section title="按活动" id="by-campaign">
        <GroupTable cells={d.byCampaign} names={names} labelOf={(v) => CAMPAIGN_ZH[v] ?? v} caption="各活动的指标" />
      </Section>
      <Section title="按服务团队成员" id="by-team">
        {FOUR_R_ORDER.map((role) => (
          <div key={role}>
            <h3 class="chart-title">{label(ROLE_ZH, role)}</h3>
            <GroupTable cells={d.byTeamMember[role] ?? []} names={names} labelOf={(v) => d.staffNames[v] ?? v} caption={`各${label(ROLE_ZH, role)}服务的客户的指标`} />
          </div>
        ))}
      </Section>
      <Section title="各角色工单 SLA" id="sla">
        {d.slaByRole.length === 0 ? (
          <p class="empty">没有足够的工单数据。</p>
        ) : (
          <table class="gap-table outcome-table">
            <caption class="visually-hidden">各角色的首次响应 SLA 达标率</caption>
            <thead>
              <tr>
                <th scope="col">角色</th>
                <th scope="col">已响应工单</th>
                <th scope="col">SLA 内响应</th>
                <th scope="col">达标率</th>
                <th scope="col">平均首次响应</th>
              </tr>
            </thead>
            <tbody>
              {d.slaByRole.map((r) => (
                <tr key={r.role}>
                  <th scope="row">{label(ROLE_ZH, r.role)}</th>
                  <td>{r.ticketsAnswered}</td>
                  <td>{r.withinSla}</td>
                  <td>{percent(r.rate)}</td>
                  <td>{minutes(r.meanAnswerMs)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>
    </Page>
  );
}

function RangeForm({ from, to, onChange }: { from: string; to: string; onChange: (r: { from: string; to: string }) => void }) {
  const [f, setF] = useState(from);
  const [t, setT] = useState(to);
  return (
    <form
      class="outcome-range"
      onSubmit={(e) => {
        e.preventDefault();
        onChange({ from: f, to: t });
      }}
    >
      <label>
        开始日期 <input type="date" name="from" value={f} onInput={(e) => setF((e.target as HTMLInputElement).value)} />
      </label>
      <label>
        结束日期 <input type="date" name="to" value={t} onInput={(e) => setT((e.target as HTMLInputElement).value)} />
      </label>
      <button type="submit" class="weui-btn weui-btn_mini weui-btn_primary">
        查询
      </button>
    </form>
  );
}

/** One bar per metric, the PRD's target drawn as a mark across it. */
function MetricBars({ cell, names }: { cell: OutcomeCell; names: Record<string, string> }) {
  return (
    <ul class="outcome-bars" aria-label="指标与目标">
      {Object.values(cell.metrics).map((m) => (
        <li key={m.id} class="outcome-bar" data-metric={m.id} data-met={m.met === null ? '' : String(m.met)}>
          <div class="outcome-bar__head">
            <span>{names[m.id] ?? m.id}</span>
            <strong>{percent(m.rate)}</strong>
            <span class="outcome-bar__target">{m.target === null ? '按每张工单的时限' : `目标 ≥ ${percent(m.target)}`}</span>
          </div>
          <div class="outcome-bar__track" role="img" aria-label={`${names[m.id] ?? m.id} ${percent(m.rate)}${m.target === null ? '' : `，目标 ${percent(m.target)}`}`}>
            <div class={`outcome-bar__fill${m.met === false ? ' outcome-bar__fill_below' : ''}`} style={{ width: `${Math.min(100, (m.rate ?? 0) * 100)}%` }} />
            {m.target !== null && <div class="outcome-bar__mark" data-target={m.target} style={{ left: `${m.target * 100}%` }} />}
          </div>
          <p class="outcome-bar__detail">{detail(m)}</p>
        </li>
      ))}
    </ul>
  );
}

const detail = (m: OutcomeMetric): string => (m.withheld ? '人数不足 10 人，不显示' : m.denominator === 0 ? '尚无可计算的数据' : `${m.numerator} / ${m.denominator}`);

function GroupTable({ cells, names, labelOf, caption }: { cells: OutcomeCell[]; names: Record<string, string>; labelOf: (v: string) => string; caption: string }) {
  if (cells.length === 0) return <p class="empty">没有达到 10 人的分组。</p>;
  return (
    <table class="gap-table outcome-table">
      <caption class="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">分组</th>
          <th scope="col">成员</th>
          {GROUP_METRICS.map((id) => (
            <th key={id} scope="col">
              {names[id]}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {cells.map((c) => (
          <tr key={c.value} data-cell={c.value} data-members={c.members}>
            <th scope="row">{labelOf(c.value)}</th>
            <td>{c.members}</td>
            {GROUP_METRICS.map((id) => {
              const m = c.metrics[id];
              return (
                <td key={id} class={m?.met === false ? 'outcome-table__below' : ''}>
                  {m ? percent(m.rate) : '—'}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
