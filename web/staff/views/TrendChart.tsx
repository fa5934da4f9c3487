import { useEffect, useRef } from 'preact/hooks';
import type uPlot from 'uplot';
import { ALERT_STATUS_ZH, READING_RED_FLAG_ZH, READING_TYPE_ZH, label } from '../labels';
import { readingValueText, type Trend } from '../trend';
import { formatDateTime } from '../../shared/time';

const COLORS = { a: '#1565c0', b: '#6a1b9a', guideline: '#b26a00', red_flag: '#c62828', band: 'rgba(46, 125, 50, 0.12)' } as const;
const DAY_FMT = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', month: 'numeric', day: 'numeric' });

/**
 * One uPlot chart: the series, the guideline band (tinted), the guideline and red-flag lines
 * (dashed), and a ring round every reading that fired an alert; the highlighted reading (?reading=)
 * gets a larger, filled ring. The chart is a picture to the screen reader; the list under it says
 * the same in words.
 */
export function TrendChart({ trend, title }: { trend: Trend; title: string }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el || trend.data[0].length === 0) return;
    // uPlot is fetched with the first chart (its own chunk), not with every page: the queue needs none.
    let plot: uPlot | undefined;
    let gone = false;
    const resize = () => plot?.setSize({ width: Math.max(280, el.clientWidth), height: 240 });
    void import('uplot').then(({ default: UPlot }) => {
      if (gone) return;
      plot = draw(UPlot, el, trend);
      window.addEventListener('resize', resize);
    });
    return () => {
      gone = true;
      window.removeEventListener('resize', resize);
      plot?.destroy();
    };
  }, [trend]);

  const alerts = trend.readings.filter((r) => r.redFlag !== null);
  const summary = `${title}，共 ${trend.readings.length} 次读数，其中 ${alerts.length} 次触发预警`;
  return (
    <figure class="trend" data-kind={trend.kind} data-alert-points={trend.marks.filter((m) => m.alert).length} data-highlighted={trend.marks.find((m) => m.highlighted)?.readingId ?? ''}>
      {trend.readings.length === 0 ? (
        <p class="empty">这段时间没有{title}读数。</p>
      ) : (
        <div class="trend__plot" ref={box} role="img" aria-label={summary} />
      )}
      <figcaption class="trend__legend">
        {trend.series.map((s) => (
          <span key={s.labelZh} class={`legend legend_${s.tone}`}>
            {s.labelZh}
          </span>
        ))}
        {trend.bands.map((b, i) => (
          <span key={b.labelZh} class={`legend legend_band${i > 0 ? ' legend_band_2' : ''}`}>
            {b.labelZh}
          </span>
        ))}
        {trend.lines.map((l) => (
          <span key={l.labelZh} class={`legend legend_${l.tone}`}>
            {l.labelZh}
          </span>
        ))}
        {alerts.length > 0 && <span class="legend legend_alert">已触发预警的读数</span>}
      </figcaption>
      {trend.readings.length > 0 && (
        <ul class="weui-cells readings" aria-label={`${title}读数`}>
          {[...trend.readings].reverse().map((r) => {
            const highlighted = trend.marks.some((m) => m.highlighted && m.readingId === r.readingId);
            return (
              <li key={r.readingId} class={`weui-cell reading${highlighted ? ' reading_highlighted' : ''}${r.redFlag ? ' reading_alert' : ''}`} data-reading-id={r.readingId} aria-current={highlighted ? 'true' : undefined}>
                <div class="weui-cell__bd">
                  <p>
                    {label(READING_TYPE_ZH, r.type)} <strong>{readingValueText(r)}</strong>
                  </p>
                  {r.redFlag && (
                    <p class="reading__alert">
                      {label(READING_RED_FLAG_ZH, r.redFlag)}
                      {r.alert ? ` · ${label(ALERT_STATUS_ZH, r.alert)}` : ''}
                    </p>
                  )}
                </div>
                <div class="weui-cell__ft">
                  <time>{formatDateTime(r.measuredAtMs)}</time>
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </figure>
  );
}

function drawGuides(u: uPlot, trend: Trend): void {
  const ctx = u.ctx;
  const { left, top, width, height } = u.bbox;
  ctx.save();
  ctx.beginPath();
  ctx.rect(left, top, width, height);
  ctx.clip();
  for (const band of trend.bands) {
    const y1 = u.valToPos(band.to, 'y', true);
    const y0 = Math.min(top + height, u.valToPos(band.from, 'y', true));
    ctx.fillStyle = COLORS.band;
    ctx.fillRect(left, y1, width, y0 - y1);
  }
  ctx.lineWidth = 1.5 * devicePixelRatio;
  for (const line of trend.lines) {
    const y = Math.round(u.valToPos(line.value, 'y', true));
    ctx.strokeStyle = COLORS[line.tone];
    ctx.setLineDash(line.tone === 'red_flag' ? [6 * devicePixelRatio, 4 * devicePixelRatio] : [2 * devicePixelRatio, 4 * devicePixelRatio]);
    ctx.beginPath();
    ctx.moveTo(left, y);
    ctx.lineTo(left + width, y);
    ctx.stroke();
  }
  ctx.restore();
}

function drawMarks(u: uPlot, trend: Trend): void {
  const ctx = u.ctx;
  ctx.save();
  for (const m of trend.marks) {
    const x = u.valToPos(m.x, 'x', true);
    const y = u.valToPos(m.y, 'y', true);
    const r = (m.highlighted ? 11 : 8) * devicePixelRatio;
    ctx.beginPath();
    ctx.arc(x, y, r, 0, 2 * Math.PI);
    ctx.lineWidth = (m.highlighted ? 3 : 2) * devicePixelRatio;
    ctx.strokeStyle = COLORS.red_flag;
    if (m.highlighted) {
      ctx.fillStyle = 'rgba(198, 40, 40, 0.2)';
      ctx.fill();
    }
    ctx.stroke();
  }
  ctx.restore();
}

/** Builds the chart into `el` with uPlot (loaded by the caller). */
function draw(UPlot: typeof uPlot, el: HTMLDivElement, trend: Trend): uPlot {
  const width = Math.max(280, el.clientWidth);
  return new UPlot(
    {
      width,
      height: 240,
      tzDate: (ts) => UPlot.tzDate(new Date(ts * 1000), 'Asia/Shanghai'),
      legend: { show: false },
      cursor: { show: false },
      scales: { x: { time: true }, y: { range: trend.yRange } },
      axes: [
        { values: (_u, splits) => splits.map((s) => DAY_FMT.format(s * 1000)), stroke: '#333', grid: { stroke: '#eee' }, font: '13px system-ui, sans-serif' },
        { label: trend.unit, stroke: '#333', grid: { stroke: '#eee' }, font: '13px system-ui, sans-serif', labelFont: '13px system-ui, sans-serif', size: 48 },
      ],
      series: [
        {},
        ...trend.series.map((s) => ({ label: s.labelZh, stroke: COLORS[s.tone], width: 2, spanGaps: true, points: { show: true, size: 6, fill: COLORS[s.tone] } })),
      ],
      hooks: {
        drawClear: [(u: uPlot) => drawGuides(u, trend)],
        draw: [(u: uPlot) => drawMarks(u, trend)],
      },
    },
    trend.data as uPlot.AlignedData,
    el,
  );
}
