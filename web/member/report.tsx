import { useEffect, useState } from 'preact/hooks';
import type { MemberReport } from '../../shared/domain/health/report-text';
import { formatDate, formatDateTime } from '../shared/time';
import { ErrorCard, LinkProblemPage, Loading, Nav } from './common';
import { api, linkProblemOf, type LinkProblem } from './link';

const DAYS = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'];

/**
 * The first health report (issue #18 §2), as GET /api/intake/report assembles it: tier and why, what
 * to do now, the week's plan, the 4R team, the reminders and how to stop them, the service boundary.
 * 「打印 / 保存为 PDF」 uses the browser's print (print stylesheet in member.css): no image library
 * fits the page's budget, and nothing leaves the phone unless the member does it.
 */
export function ReportPage() {
  const [data, setData] = useState<MemberReport | null>(null);
  const [problem, setProblem] = useState<LinkProblem | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [fresh] = useState(() => new URLSearchParams(location.search).has('new'));

  useEffect(() => {
    api
      .get<MemberReport>('/api/intake/report')
      .then(setData)
      .catch((err: unknown) => {
        const p = linkProblemOf(err);
        if (p) setProblem(p);
        else setFailure(err);
      });
    if (fresh) history.replaceState(null, '', '/m/report');
  }, []);

  if (problem) return <LinkProblemPage problem={problem} />;
  if (failure) return <main class="page"><ErrorCard error={failure} /></main>;
  if (!data) return <Loading what="正在生成您的健康报告" />;
  const r = data.report;
  if (!r) {
    return (
      <main class="page">
        <div class="page-head">
          <h1>我的健康报告</h1>
        </div>
        <div class="card">
          <p>您还没有填写健康信息表。填完后这里会显示您的健康报告和个人计划。</p>
        </div>
        <div class="actions">
          <a class="btn" href="/m/form">去填写健康信息表</a>
        </div>
      </main>
    );
  }
  const canChange = r.factors.filter((f) => f.changeable);
  const fixed = r.factors.filter((f) => !f.changeable && f.code !== 'score');
  const total = r.factors.find((f) => f.code === 'score');
  return (
    <main class="page">
      <div class="page-head">
        {fresh && <p role="status">✓ 已提交，谢谢！这是您的健康报告。</p>}
        <h1>我的健康报告</h1>
        <p>
          {formatDate(r.submittedAtMs)} 填写 · 第 {r.version} 版
        </p>
      </div>

      <section class="card" aria-labelledby="tier-h">
        <h2 id="tier-h">
          风险等级：<span class={`tier tier-${r.tier}`}>{r.tierName}</span>
        </h2>
        <p>{r.tierMeaning}</p>
        <p class="muted">
          评分 {r.score} 分 · 体重指数（BMI）{r.bmi}
        </p>
      </section>

      {r.actNow.length > 0 && (
        <section class="card act" aria-labelledby="act-h">
          <h2 id="act-h">现在需要做的</h2>
          {r.actNow.map((a) => (
            <p key={a.code} class="act-item">
              <strong>{a.urgent ? '请尽快处理' : '请安排复查'}（{a.value}）：</strong>
              {a.what}
            </p>
          ))}
        </section>
      )}

      <section class="card" aria-labelledby="why-h">
        <h2 id="why-h">为什么是这个等级</h2>
        {r.factors.length === 0 && <p>您填写的各项都在理想范围内。</p>}
        {canChange.length > 0 && (
          <>
            <p>
              <strong>您可以改变的：</strong>
            </p>
            <ul class="factors">
              {canChange.map((f) => (
                <li key={f.code}>
                  {f.text}
                  <span class="chip chip-can">可以改善</span>
                  {f.lifts === 'high' && <span class="chip chip-fixed">单项即为高风险</span>}
                  {f.howToChange && <div class="muted">怎么做：{f.howToChange}</div>}
                </li>
              ))}
            </ul>
          </>
        )}
        {fixed.length > 0 && (
          <>
            <p>
              <strong>不能改变、但需要留意的：</strong>
            </p>
            <ul class="factors">
              {fixed.map((f) => (
                <li key={f.code}>
                  {f.text}
                  <span class="chip chip-fixed">{f.lifts === 'high' ? '单项即为高风险' : '不可改变'}</span>
                </li>
              ))}
            </ul>
          </>
        )}
        {total && <p class="muted">{total.text}，所以评为{r.tierName}。</p>}
      </section>

      <section class="card" aria-labelledby="plan-h">
        <h2 id="plan-h">我的一周计划</h2>
        <ul class="week">
          {r.week.map((d) => (
            <li key={d.day}>
              <span class="day">{DAYS[d.day]}</span>
              {d.items.length === 0 ? (
                <span class="muted">休息，照常生活</span>
              ) : (
                <ul>
                  {d.items.map((i, n) => (
                    <li key={n}>
                      <span class="time">{i.time}</span>
                      {i.title}
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
        <TitledList title="不是每周都有的：" items={r.longer.map((l) => `${l.when}：${l.title}`)} />
      </section>

      {r.planChanges && <PlanChangesCard changes={r.planChanges} />}

      <section class="card" aria-labelledby="team-h">
        <h2 id="team-h">为您服务的团队</h2>
        <ul class="team">
          {data.team.map((t) => (
            <li key={t.role}>
              <strong>
                {t.roleName}
                {t.name ? `：${t.name}` : ''}
              </strong>
              <div>{t.duty}</div>
            </li>
          ))}
        </ul>
        <TitledList title="团队会主动联系您：" items={r.teamCalls.map((c) => `${c.roleName} · ${c.when}`)} />
      </section>

      <section class="card" aria-labelledby="rem-h">
        <h2 id="rem-h">您会收到的提醒</h2>
        <ul>
          {r.reminders.map((m) => (
            <li key={m.kind}>
              {m.kindName}提醒 {m.count} 项
            </li>
          ))}
        </ul>
        <p>{r.howToStop}</p>
        <a class="btn btn-plain btn-small no-print" href="/m/reminders">
          打开「我的提醒」
        </a>
      </section>

      <section class="card no-print" aria-labelledby="more-h">
        <h2 id="more-h">更多</h2>
        <p>
          <a href="/m/score">我的健康行为分</a>：看看这个月做得怎么样，以及怎样提高。
        </p>
        <p>
          <a href="/m/consents">我的授权</a>：个性化推荐、健康行为分共享给保险公司，都由您决定，可以随时关闭。
        </p>
      </section>

      <section class="card boundary" aria-labelledby="b-h">
        <h2 id="b-h">请注意：这是建议，不是诊断</h2>
        <p>{data.boundary}</p>
      </section>

      <div class="actions">
        <button type="button" class="btn btn-plain" onClick={() => print()}>
          打印 / 保存为 PDF
        </button>
      </div>
      <Nav here="report" />
    </main>
  );
}

/** A bold lead-in and its list, or nothing when the list is empty. */
function TitledList({ title, items }: { title: string; items: readonly string[] }) {
  if (items.length === 0) return null;
  return (
    <>
      <p>
        <strong>{title}</strong>
      </p>
      <ul>
        {items.map((text, n) => (
          <li key={n}>{text}</li>
        ))}
      </ul>
    </>
  );
}

type PlanChanges = NonNullable<NonNullable<MemberReport['report']>['planChanges']>;

/**
 * 「计划调整」: what the plan changed because of the member's own readings, plan completion or their
 * doctor's decision — and why, in the member's words. The week above already shows the plan in force.
 */
function PlanChangesCard({ changes }: { changes: PlanChanges }) {
  const past = changes.history.filter((h) => h.cause !== 'profile');
  return (
    <section class="card" aria-labelledby="adj-h">
      <h2 id="adj-h">计划调整</h2>
      {changes.current.length === 0 ? (
        <p>您的计划目前按健康信息表制定，没有因为近期数据调整。</p>
      ) : (
        <ul class="factors">
          {changes.current.map((a) => (
            <li key={a.code}>
              <strong>{a.titleZh}</strong>（{formatDate(a.sinceMs)} 起）
              <div>{a.effectZh}</div>
              <div class="muted">为什么：{a.reasonZh}</div>
            </li>
          ))}
        </ul>
      )}
      {changes.holds.map((h) => (
        <p key={h.code} class="muted">
          您的家庭医生决定：{formatDate(h.untilMs)} 前保持原来的计划。
        </p>
      ))}
      {past.length > 0 && (
        <>
          <p>
            <strong>调整记录：</strong>
          </p>
          <ul>
            {past.map((h) => (
              <li key={`${h.version}.${h.revision}`}>
                {formatDateTime(h.atMs)} {h.causeZh}
                {h.changes.map((c, i) => (
                  <div key={i} class="muted">
                    {c.changeZh}「{c.titleZh}」：{c.reasonZh}
                  </div>
                ))}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
