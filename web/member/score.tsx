import { useEffect, useState } from 'preact/hooks';
import type { BehaviourScore } from '../../shared/domain/health/behaviour-score';
import { ErrorCard, LinkProblemPage, Loading, Nav } from './common';
import { api, linkProblemOf, type LinkProblem } from './link';

interface MonthScore extends BehaviourScore {
  month: string;
  final: boolean;
}

const TREND_ZH = { in_range: '保持在目标范围内', toward: '比上月更接近目标', flat: '和上月差不多', away: '比上月离目标更远' } as const;
const MEASURE_ZH = { bp: '血压', glucose: '空腹血糖' } as const;
const monthZh = (m: string) => `${m.slice(0, 4)}年${Number(m.slice(5))}月`;

/**
 * 「我的健康行为分」 (shared/domain/health/behaviour-score.ts): this month so far and the last months,
 * each with its two components and how to raise it. What the member did — never a diagnosis.
 */
export function ScorePage() {
  const [data, setData] = useState<{ current: MonthScore; months: MonthScore[] } | null>(null);
  const [problem, setProblem] = useState<LinkProblem | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  useEffect(() => {
    api
      .get<{ current: MonthScore; months: MonthScore[] }>('/api/intake/behaviour-score')
      .then(setData)
      .catch((err: unknown) => {
        const p = linkProblemOf(err);
        if (p) setProblem(p);
        else setFailure(err);
      });
  }, []);
  if (problem) return <LinkProblemPage problem={problem} />;
  if (failure) return <main class="page"><ErrorCard error={failure} /></main>;
  if (!data) return <Loading />;
  const latest = data.months[0];
  return (
    <main class="page">
      <div class="page-head">
        <h1>我的健康行为分</h1>
        <p>每月根据您完成健康计划的情况和测量数据的改善情况计算，满分 100。它只反映您做了什么，不是疾病诊断。</p>
      </div>
      {latest && <ScoreCard s={latest} title={`${monthZh(latest.month)}的行为分`} />}
      <ScoreCard s={data.current} title={`${monthZh(data.current.month)}至今（预估，月底结算）`} />
      {data.months.length > 1 && (
        <section class="card" aria-labelledby="hist-h">
          <h2 id="hist-h">往月</h2>
          <ul class="bullets">
            {data.months.slice(1).map((m) => (
              <li key={m.month}>
                {monthZh(m.month)}：{m.score === null ? '数据不足' : `${m.score} 分`}
              </li>
            ))}
          </ul>
        </section>
      )}
      <section class="card" aria-labelledby="share-h">
        <h2 id="share-h">分享给保险公司</h2>
        <p>
          只有您在 <a href="/m/consents">我的授权</a> 中同意后，才会把每月的分数（不含任何疾病、数值）提供给您的保险公司，作为保费优惠等激励的参考；是否调整由保险公司决定。
        </p>
      </section>
      <Nav here="form" />
    </main>
  );
}

function ScoreCard({ s, title }: { s: MonthScore; title: string }) {
  const id = `s-${s.month}-${s.final ? 'f' : 'p'}`;
  const a = s.components.adherence;
  const i = s.components.improvement;
  return (
    <section class="card" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <p class="score-big">{s.score === null ? '数据不足' : `${s.score} 分`}</p>
      <ul class="bullets">
        <li>
          计划完成：{a ? `${a.done}/${a.due} 项，得 ${a.points}/${a.maxPoints} 分` : '本月还没有到期的计划任务'}
        </li>
        <li>
          数据改善：
          {i ? `得 ${i.points}/${i.maxPoints} 分（${i.measures.map((m) => `${MEASURE_ZH[m.measure]}${TREND_ZH[m.trend]}`).join('，')}）` : '本月和上月的测量次数还不够比较'}
        </li>
      </ul>
      {s.tipsZh.length > 0 && (
        <>
          <p>
            <strong>怎样提高：</strong>
          </p>
          <ul class="bullets">
            {s.tipsZh.map((t, n) => (
              <li key={n}>{t}</li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
