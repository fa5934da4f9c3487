import { useEffect, useRef } from 'preact/hooks';
import type uPlot from 'uplot';
import type { OutcomesDashboard } from '../api-types';

const PALETTE = ['#1565c0', '#6a1b9a', '#2e7d32', '#ef6c00', '#00838f', '#ad1457', '#4e342e', '#283593'];
const TARGET_COLOR = '#b26a00';
const MAX_WEEKS = 13;

type Cohorts = OutcomesDashboard['cohorts'];

/**
 * Weekly cohort retention: one line per join week (share still active at the end of week 1…13),
 * and the PRD's retention target (≥ 85 %, docs/prd.md §8.1) as a dashed line across. The list under
 * the chart says the same in words for the screen reader.
 */
export function RetentionChart({ cohorts, target }: { cohorts: Cohorts; target: number | null }) {
  const box = useRef<HTMLDivElement>(null);
  const shown = cohorts.filter((c) => c.retained.length > 0);
  useEffect(() => {
    const el = box.current;
    if (!el || shown.length === 0) return;
    let plot: uPlot | undefined;
    let gone = false;
    const resize = () => plot?.setSize({ width: Math.max(280, el.clientWidth), height: 260 });
    void import('uplot').then(({ default: UPlot }) => {
      if (gone) return;
      plot = draw(UPlot, el, shown, target);
      window.addEventListener('resize', resize);
    });
    return () => {
      gone = true;
      window.removeEventListener('resize', resize);
      plot?.destroy();
    };
  }, [cohorts, target]);

  if (shown.length === 0) return <p class="empty">还没有满一周且不少于 10 人的入群周。</p>;
  return (
    <figure class="trend retention" data-cohorts={shown.length} data-target={target ?? ''}>
      <div class="trend__plot" ref={box} role="img" aria-label={`各入群周的周留存率${target === null ? '' : `，目标 ${Math.round(target * 100)}%`}`} />
      <figcaption class="trend__legend">
        {shown.map((c, i) => (
          <span key={c.week} class="legend" style={{ color: PALETTE[i % PALETTE.length] }}>
            {c.week} 周（{c.members} 人）
          </span>
        ))}
        {target !== null && <span class="legend legend_guideline">目标 {Math.round(target * 100)}%</span>}
      </figcaption>
      <ul class="visually-hidden">
        {shown.map((c) => (
          <li key={c.week}>
            {c.week} 入群的 {c.members} 人：{c.retained.map((p) => `第 ${p.week} 周 ${(p.rate * 100).toFixed(1)}%`).join('，')}
          </li>
        ))}
      </ul>
    </figure>
  );
}

function draw(UPlot: typeof uPlot, el: HTMLDivElement, cohorts: Cohorts, target: number | null): uPlot {
  const weeks = Array.from({ length: MAX_WEEKS }, (_, i) => i + 1);
  const data = [weeks, ...cohorts.map((c) => weeks.map((w) => c.retained.find((p) => p.week === w)?.rate ?? null))] as uPlot.AlignedData;
  return new UPlot(
    {
      width: Math.max(280, el.clientWidth),
      height: 260,
      legend: { show: false },
      cursor: { show: false },
      scales: { x: { time: false, range: [1, MAX_WEEKS] }, y: { range: [0, 1] } },
      axes: [
        { label: '入群后第几周', incrs: [1, 2, 4], values: (_u, splits) => splits.map((s) => `${s}`), stroke: '#333', grid: { stroke: '#eee' }, font: '13px system-ui, sans-serif', labelFont: '13px system-ui, sans-serif' },
        { label: '留存率', values: (_u, splits) => splits.map((s) => `${Math.round(s * 100)}%`), stroke: '#333', grid: { stroke: '#eee' }, font: '13px system-ui, sans-serif', labelFont: '13px system-ui, sans-serif', size: 52 },
      ],
      series: [{}, ...cohorts.map((c, i) => ({ label: c.week, stroke: PALETTE[i % PALETTE.length], width: 2, spanGaps: false, points: { show: true, size: 5 } }))],
      hooks: {
        drawClear: [
          (u: uPlot) => {
            if (target === null) return;
            const ctx = u.ctx;
            const { left, width } = u.bbox;
            const y = Math.round(u.valToPos(target, 'y', true));
            ctx.save();
            ctx.strokeStyle = TARGET_COLOR;
            ctx.lineWidth = 1.5 * devicePixelRatio;
            ctx.setLineDash([6 * devicePixelRatio, 4 * devicePixelRatio]);
            ctx.beginPath();
            ctx.moveTo(left, y);
            ctx.lineTo(left + width, y);
            ctx.stroke();
            ctx.restore();
          },
        ],
      },
    },
    data,
    el,
  );
}
