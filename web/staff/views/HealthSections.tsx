import { useEffect, useMemo, useState } from 'preact/hooks';
import { api } from '../api';
import type { HealthProfile, Reading, ReadingsPage } from '../api-types';
import { Cell, RiskFactorList } from '../components/Cells';
import { Loading } from '../components/Loading';
import { Section } from '../components/Page';
import { useLoad } from '../hooks';
import { CONDITION_ZH, DRINKING_ZH, INTAKE_STATUS_ZH, SEX_ZH, SMOKING_ZH, label } from '../labels';
import { planEntryText } from '../format';
import { bloodPressureTrend, glucoseTrend, rangeFor, RANGES, type RangeDays } from '../trend';
import { formatDate, formatDateTime } from '../../shared/time';
import { TrendChart } from './TrendChart';
import { PlanChanges } from './PlanChanges';
import { useSession } from '../session-context';

/** Health profile, plan, follow-up, trends and reports: the family doctor's and health butler's view. */
export function HealthSections(props: { memberId: string; readingId: string | null; showFactors: boolean }) {
  const [load, reload] = useLoad(() => api.get<HealthProfile>(`/api/intake/members/${encodeURIComponent(props.memberId)}/profile`), [props.memberId]);
  // Only the member's family doctor may override (policy plan.override); the butler reads the history.
  const canOverride = useSession()?.role === 'family_doctor';
  return (
    <>
      <Trends memberId={props.memberId} readingId={props.readingId} />
      {load.state === 'loading' && <Loading />}
      {load.state === 'error' && <p class="notice notice_warn">健康档案暂时无法加载。</p>}
      {load.state === 'done' && <Profile p={load.data} showFactors={props.showFactors} />}
      {load.state === 'done' && load.data.plan && <PlanChanges memberId={props.memberId} canOverride={canOverride} onChanged={reload} />}
    </>
  );
}

function Profile({ p, showFactors }: { p: HealthProfile; showFactors: boolean }) {
  const form = p.current?.form as Record<string, unknown> | undefined;
  const conditions = (form?.conditions as string[] | undefined) ?? [];
  return (
    <>
      <Section title="健康档案" id="profile">
        {!p.current ? (
          <p class="empty">客户尚未提交健康表单。</p>
        ) : (
          <div class="weui-cells">
            <Cell k="最近提交" v={`${formatDateTime(p.current.submittedAtMs)}（第 ${p.current.version} 版）`} />
            <Cell k="风险评分" v={`${p.current.score} 分`} />
            {typeof form?.age === 'number' && <Cell k="年龄 / 性别" v={`${form.age} 岁 · ${label(SEX_ZH, form.sex as string)}`} />}
            {typeof form?.heightCm === 'number' && <Cell k="身高 / 体重" v={`${form.heightCm} cm · ${form.weightKg as number} kg`} />}
            <Cell k="既往病史" v={conditions.length ? conditions.map((c) => label(CONDITION_ZH, c)).join('、') : '无'} />
            {typeof form?.smoking === 'string' && <Cell k="吸烟 / 饮酒" v={`${label(SMOKING_ZH, form.smoking)} · ${label(DRINKING_ZH, form.drinking as string)}`} />}
            {typeof form?.medications === 'string' && form.medications && <Cell k="用药" v={form.medications} />}
            {typeof form?.allergies === 'string' && form.allergies && <Cell k="过敏" v={form.allergies} />}
          </div>
        )}
        {showFactors && p.current && p.current.factors.length > 0 && (
          <RiskFactorList factors={p.current.factors} />
        )}
      </Section>

      <Section title="健康计划" id="plan">
        {!p.plan || p.plan.entries.length === 0 ? (
          <p class="empty">尚未生成健康计划。</p>
        ) : (
          <ul class="weui-cells">
            {p.plan.entries.map((e, i) => (
              <li class="weui-cell" key={i}>
                <div class="weui-cell__bd">
                  <p>{e.title}</p>
                  <p class="hint">{planEntryText(e)}</p>
                </div>
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section title="随访状态" id="follow-up">
        <div class="weui-cells">
          <Cell k="健康表单" v={label(INTAKE_STATUS_ZH, p.intakeStatus)} />
          {p.plan && <Cell k="计划提醒" v={p.plan.scheduled ? `已排期（${formatDate(p.plan.builtAtMs)} 生成）` : '尚未排期'} />}
          {p.followUp?.nextAtMs ? <Cell k="下次随访" v={formatDateTime(p.followUp.nextAtMs)} /> : null}
        </div>
      </Section>

      <Section title="体检报告" id="reports">
        {p.reports.length === 0 ? (
          <p class="empty">暂无体检报告。</p>
        ) : (
          <ul class="weui-cells">
            {p.reports.map((r) => (
              <li class="weui-cell" key={r.reportId}>
                <div class="weui-cell__bd">{r.institution ?? '体检报告'}</div>
                <div class="weui-cell__ft">{r.examDate ?? (r.receivedAtMs ? formatDate(r.receivedAtMs) : '')}</div>
              </li>
            ))}
          </ul>
        )}
      </Section>
    </>
  );
}

/** 7/30/90-day tabs over the blood-pressure and glucose charts; `?reading=` picks the range that shows it. */
function Trends({ memberId, readingId }: { memberId: string; readingId: string | null }) {
  const [days, setDays] = useState<RangeDays | null>(readingId ? null : 7);
  useEffect(() => {
    if (!readingId) return;
    api
      .get<Reading>(`/api/intake/members/${encodeURIComponent(memberId)}/readings/${encodeURIComponent(readingId)}`)
      .then((r) => setDays(rangeFor(r.measuredAtMs, Date.now())))
      .catch(() => setDays(7));
  }, [memberId, readingId]);
  const [load] = useLoad(
    () => (days === null ? new Promise<ReadingsPage>(() => undefined) : api.get<ReadingsPage>(`/api/intake/members/${encodeURIComponent(memberId)}/readings?days=${days}`)),
    [memberId, days],
  );
  const trends = useMemo(() => {
    if (load.state !== 'done' || !load.data.bands) return null;
    return { bp: bloodPressureTrend(load.data.readings, load.data.bands, readingId), glucose: glucoseTrend(load.data.readings, load.data.bands, readingId) };
  }, [load, readingId]);

  return (
    <Section title="近期健康趋势" id="trends">
      <div class="weui-navbar tabs" role="tablist" aria-label="时间范围">
        {RANGES.map((d) => (
          <button
            type="button"
            role="tab"
            key={d}
            aria-selected={days === d}
            class={`weui-navbar__item${days === d ? ' weui-bar__item_on' : ''}`}
            onClick={() => setDays(d)}
          >
            近 {d} 天
          </button>
        ))}
      </div>
      <div role="tabpanel" aria-label={days ? `近 ${days} 天` : '读数'}>
        {load.state === 'loading' && <Loading />}
        {load.state === 'error' && <p class="notice notice_warn">读数暂时无法加载。</p>}
        {load.state === 'done' && !trends && <p class="notice notice_warn">接口未提供参考范围，暂不绘制趋势图。</p>}
        {trends && (
          <>
            <h3 class="chart-title">血压（收缩压 / 舒张压）</h3>
            <TrendChart trend={trends.bp} title="血压" />
            <h3 class="chart-title">血糖</h3>
            <TrendChart trend={trends.glucose} title="血糖" />
          </>
        )}
      </div>
    </Section>
  );
}
