import type { RiskFactor } from '../api-types';
import { RISK_DETAIL_ZH, riskFactorLabel } from '../labels';

/** One key–value row of a WeUI cell list. */
export function Cell({ k, v }: { k: string; v: string }) {
  return (
    <div class="weui-cell">
      <div class="weui-cell__bd">{k}</div>
      <div class="weui-cell__ft">{v}</div>
    </div>
  );
}

/** The risk factors behind a score, with their points: the member summary and the health profile show the same list. */
export function RiskFactorList({ factors }: { factors: readonly RiskFactor[] }) {
  return (
    <ul class="weui-cells factors" aria-label="风险因素">
      {factors.map((f) => (
        <li class="weui-cell" key={f.code}>
          <div class="weui-cell__bd">
            {riskFactorLabel(f.code)}
            {f.detail ? `（${RISK_DETAIL_ZH[f.detail] ?? f.detail}）` : ''}
          </div>
          <div class="weui-cell__ft">{f.points} 分</div>
        </li>
      ))}
    </ul>
  );
}
