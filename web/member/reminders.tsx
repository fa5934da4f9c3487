import 'uplot/dist/uPlot.min.css';
import uPlot from 'uplot';
import { useEffect, useRef, useState } from 'preact/hooks';
import { recurrenceZh, REMINDER_KIND_ZH } from '../../shared/domain/health/report-text';
import type { Recurrence, ReminderKind } from '../../shared/domain/schedule/recurrence';
import { formatDate, formatDateTime } from '../shared/time';
import { ApiError } from '../shared/api';
import { mayStopKind } from '../../shared/domain/reminders/member-controls';
import { ErrorCard, LinkProblemPage, Loading, Nav } from './common';
import { api, linkProblemOf, type LinkProblem } from './link';

/**
 * 「我的提醒」 (issue #18 §3): the member's plan tasks of today and the last days, each with 「完成」
 * (shared/domain/health/plan-tasks.ts); the reminders that come to the member, grouped by kind, each
 * kind paused for 7 days or stopped; and the member's readings with a simple trend (uPlot).
 */
interface OwnReminder {
  id: string;
  kind: ReminderKind;
  title: string;
  recurrence: Recurrence;
  status: string;
  dueAtMs: number;
  pausedUntilMs?: number;
}
interface PlanTask {
  reminderId: string;
  kind: ReminderKind;
  title: string;
  occurrenceAtMs: number;
  upcoming: boolean;
  openUntilMs: number;
  done: { by: 'member' | 'reading' | 'report'; atMs: number } | null;
}
interface Reading {
  readingId: string;
  type: 'blood_pressure' | 'fasting_glucose' | 'postprandial_glucose' | 'weight' | 'steps';
  measuredAtMs: number;
  value: Record<string, number>;
}

const READING_ZH: Record<Reading['type'], { name: string; unit: string; show: (v: Record<string, number>) => string }> = {
  blood_pressure: { name: '血压', unit: 'mmHg', show: (v) => `${v.systolic}/${v.diastolic}` },
  fasting_glucose: { name: '空腹血糖', unit: 'mmol/L', show: (v) => `${v.mmolL}` },
  postprandial_glucose: { name: '餐后血糖', unit: 'mmol/L', show: (v) => `${v.mmolL}` },
  weight: { name: '体重', unit: '公斤', show: (v) => `${v.kg}` },
  steps: { name: '步数', unit: '步', show: (v) => `${v.count}` },
};

export function RemindersPage() {
  const [reminders, setReminders] = useState<OwnReminder[] | null>(null);
  const [tasks, setTasks] = useState<PlanTask[]>([]);
  const [readings, setReadings] = useState<Reading[]>([]);
  const [problem, setProblem] = useState<LinkProblem | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [said, setSaid] = useState('');

  const load = () =>
    Promise.all([api.get<{ reminders: OwnReminder[] }>('/api/reminders/mine'), api.get<{ readings: Reading[] }>('/api/intake/readings'), api.get<{ tasks: PlanTask[] }>('/api/reminders/mine/tasks')])
      .then(([r, d, t]) => {
        setReminders(r.reminders);
        setReadings(d.readings);
        setTasks(t.tasks);
      })
      .catch((err: unknown) => {
        const p = linkProblemOf(err);
        if (p) setProblem(p);
        else setFailure(err);
      });
  useEffect(() => {
    void load();
  }, []);

  if (problem) return <LinkProblemPage problem={problem} />;
  if (failure && !reminders) return <main class="page"><ErrorCard error={failure} /></main>;
  if (!reminders) return <Loading />;

  const act = async (kind: ReminderKind, what: 'pause' | 'stop') => {
    const name = REMINDER_KIND_ZH[kind] ?? kind;
    if (what === 'stop' && !confirm(`确定停止全部「${name}」提醒吗？停止后需要请健康管家重新安排。`)) return;
    setBusy(`${kind}:${what}`);
    try {
      await api.post(`/api/reminders/mine/${what}`, { kind, ...(what === 'pause' && { days: 7 }) });
      setSaid(what === 'pause' ? `「${name}」提醒已暂停 7 天。` : `「${name}」提醒已停止。`);
      await load();
    } catch (err) {
      setFailure(err);
    } finally {
      setBusy(null);
    }
  };

  const now = Date.now();
  const kinds = [...new Set(reminders.map((r) => r.kind))];
  return (
    <main class="page">
      <div class="page-head">
        <h1>我的提醒</h1>
        <p>您的健康任务，和健康管家按您的计划发来的提醒。不想收到提醒时，可以按类别暂停 7 天或停止。</p>
      </div>
      {said && (
        <p class="card" role="status">
          {said}
        </p>
      )}
      {failure !== null && <ErrorCard error={failure} />}
      <Tasks tasks={tasks} onDone={(t) => setTasks((all) => all.map((x) => (x.reminderId === t.reminderId && x.occurrenceAtMs === t.occurrenceAtMs ? t : x)))} />
      {kinds.length === 0 && <p class="card">目前没有待发送的提醒。</p>}
      {kinds.map((kind) => {
        const mine = reminders.filter((r) => r.kind === kind);
        const paused = mine.find((r) => r.pausedUntilMs !== undefined && r.pausedUntilMs > now);
        const name = REMINDER_KIND_ZH[kind] ?? kind;
        return (
          <section key={kind} class="card rem-kind" aria-labelledby={`k-${kind}`}>
            <h2 id={`k-${kind}`}>{name}提醒</h2>
            {paused && <p class="muted">已暂停到 {formatDate(paused.pausedUntilMs as number)}</p>}
            <ul>
              {mine.map((r) => (
                <li key={r.id}>
                  {r.title}
                  <div class="muted">
                    {recurrenceZh(r.recurrence)} · 下次 {formatDateTime(r.dueAtMs)}
                  </div>
                </li>
              ))}
            </ul>
            <div class="rem-actions">
              <button type="button" class="btn btn-plain btn-small" disabled={busy !== null} onClick={() => act(kind, 'pause')}>
                暂停 7 天<span class="sr-only">：{name}提醒</span>
              </button>
              {/* These pages hold the welcome link: the server refuses what the rule refuses, so it is not offered. */}
              {!mayStopKind(kind, 'member-link') ? (
                <p class="muted">用药和监测提醒关系到您的健康，这里只能暂停；要停止请告诉健康管家。</p>
              ) : (
                <button type="button" class="btn btn-warn btn-small" disabled={busy !== null} onClick={() => act(kind, 'stop')}>
                  停止<span class="sr-only">：{name}提醒</span>
                </button>
              )}
            </div>
          </section>
        );
      })}
      <Readings readings={readings} />
      <Nav here="reminders" />
    </main>
  );
}

const DONE_BY_ZH: Record<NonNullable<PlanTask['done']>['by'], string> = { member: '已完成', reading: '已完成（收到测量数据）', report: '已完成（收到体检报告）' };

/** The plan's tasks that fell due (and today's still to come), newest first; 「完成」 on each open one. */
function Tasks({ tasks, onDone }: { tasks: PlanTask[]; onDone: (t: PlanTask) => void }) {
  const [busy, setBusy] = useState<string | null>(null);
  const [problem, setProblem] = useState<{ key: string; text: string } | null>(null);
  const markDone = async (t: PlanTask) => {
    const key = `${t.reminderId}@${t.occurrenceAtMs}`;
    setBusy(key);
    setProblem(null);
    try {
      const r = await api.post<{ by: NonNullable<PlanTask['done']>['by']; doneAtMs: number }>(`/api/reminders/mine/${encodeURIComponent(t.reminderId)}/done`, { occurrenceAtMs: t.occurrenceAtMs });
      onDone({ ...t, done: { by: r.by, atMs: r.doneAtMs } });
    } catch (err) {
      const zh = err instanceof ApiError ? (err.fields as { messageZh?: string }[])[0]?.messageZh : undefined;
      setProblem({ key, text: zh ?? (err instanceof ApiError && err.code === 'rate_limited' ? '操作太频繁了，请过一会儿再试。' : '没有标记成功，请稍后再试。') });
    } finally {
      setBusy(null);
    }
  };
  return (
    <section class="card" aria-labelledby="tasks-h">
      <h2 id="tasks-h">今天的健康任务</h2>
      {tasks.length === 0 ? (
        <p class="muted">最近没有需要完成的任务。</p>
      ) : (
        <>
          <p class="muted">做完后点「完成」即可获得积分；上传的血压、血糖、体重和体检报告会自动完成对应任务。</p>
          <ul class="tasks">
            {tasks.map((t) => {
              const key = `${t.reminderId}@${t.occurrenceAtMs}`;
              return (
                <li key={key} class={t.done ? 'task task-done' : 'task'}>
                  <div class="task-text">
                    <span>{t.title}</span>
                    <span class="muted">{formatDateTime(t.occurrenceAtMs)}</span>
                  </div>
                  {t.done ? (
                    <span class="task-state" role="status">
                      ✓ {DONE_BY_ZH[t.done.by]}
                    </span>
                  ) : t.upcoming ? (
                    <span class="muted task-state">到时间后可完成</span>
                  ) : (
                    <button type="button" class="btn btn-small" disabled={busy !== null} onClick={() => markDone(t)}>
                      {busy === key ? '正在提交…' : '完成'}
                      <span class="sr-only">：{t.title}</span>
                    </button>
                  )}
                  {problem?.key === key && (
                    <p class="err" role="alert">
                      {problem.text}
                    </p>
                  )}
                </li>
              );
            })}
          </ul>
        </>
      )}
    </section>
  );
}

function Readings({ readings }: { readings: Reading[] }) {
  const types = (Object.keys(READING_ZH) as Reading['type'][]).filter((t) => readings.some((r) => r.type === t));
  return (
    <section class="card" aria-labelledby="readings-h">
      <h2 id="readings-h">我的测量记录</h2>
      {types.length === 0 && <p class="muted">还没有上传过测量数据。量过血压或血糖后，在小程序或聊天里发给健康管家，这里就会显示变化趋势。</p>}
      {types.map((t) => (
        <Trend key={t} type={t} rows={readings.filter((r) => r.type === t).sort((a, b) => a.measuredAtMs - b.measuredAtMs)} />
      ))}
    </section>
  );
}

function Trend({ type, rows }: { type: Reading['type']; rows: Reading[] }) {
  const box = useRef<HTMLDivElement>(null);
  const z = READING_ZH[type];
  useEffect(() => {
    const el = box.current;
    if (!el || rows.length < 2) return;
    const xs = rows.map((r) => r.measuredAtMs / 1000);
    const series: uPlot.Series[] = [{ label: '日期' }];
    const data: number[][] = [xs];
    if (type === 'blood_pressure') {
      series.push({ label: '高压', stroke: '#d93025', width: 2 }, { label: '低压', stroke: '#1a73e8', width: 2 });
      data.push(rows.map((r) => r.value.systolic ?? NaN), rows.map((r) => r.value.diastolic ?? NaN));
    } else {
      const k = Object.keys(rows[0]?.value ?? {})[0] ?? '';
      series.push({ label: z.name, stroke: '#07c160', width: 2 });
      data.push(rows.map((r) => r.value[k] ?? NaN));
    }
    // Day ticks at Shanghai midnight, whatever zone the phone is set to (the labels are Shanghai dates).
    const tzDate = (ts: number) => uPlot.tzDate(new Date(ts * 1000), 'Asia/Shanghai');
    const plot = new uPlot({ width: Math.max(200, el.clientWidth), height: 200, tzDate, series, axes: [{ incrs: [86_400, 2 * 86_400, 7 * 86_400, 30 * 86_400], values: (_u, ticks) => ticks.map((t) => formatDate(t * 1000).slice(5)) }, {}], legend: { show: false } }, data as uPlot.AlignedData, el);
    const resize = () => plot.setSize({ width: Math.max(200, el.clientWidth), height: 200 });
    addEventListener('resize', resize);
    return () => {
      removeEventListener('resize', resize);
      plot.destroy();
    };
  }, [rows, type]);
  const last = rows[rows.length - 1];
  return (
    <div>
      <h3>
        {z.name}（{z.unit}）
      </h3>
      {last && (
        <p>
          最近一次：{z.show(last.value)} {z.unit}，{formatDateTime(last.measuredAtMs)}
        </p>
      )}
      {rows.length >= 2 && (
        <>
          <div class="chart" ref={box} role="img" aria-label={`${z.name}变化趋势，共 ${rows.length} 次测量`} />
          <p class="muted">{type === 'blood_pressure' ? '红线：高压　蓝线：低压' : `绿线：${z.name}`}　横轴：日期</p>
        </>
      )}
    </div>
  );
}
