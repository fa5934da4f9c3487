import { CONDITIONS, FAMILY_HISTORY_ITEMS } from '../../shared/domain/health/form';
import { TAG_CATALOGUE } from '../../shared/domain/health/tag-catalogue';
import { CONSENT_TEXT_VERSION, CONSENT_TEXTS_ZH } from '../../shared/services/intake/consent';

/**
 * GET /api/intake/form — the light health form behind the welcome link. Static: the member token is
 * in the URL fragment (#t=…), read by the page and sent as a bearer token; the server never sees it
 * in the page request. The page takes the token out of the address bar as soon as it has read it
 * (history.replaceState), so it is not left in the history, a bookmark or a shared screenshot of the URL.
 */
const esc = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
const labels = TAG_CATALOGUE.health_status as Record<string, string>;
const FAMILY_ZH: Record<string, string> = { hypertension: '高血压', diabetes: '糖尿病', heart_disease: '心脏病', stroke: '脑卒中', cancer: '肿瘤' };
const checkboxes = (name: string, items: readonly string[], label: (v: string) => string) =>
  items.map((v) => `<label class="c"><input type="checkbox" name="${name}" value="${esc(v)}">${esc(label(v))}</label>`).join('');

export const FORM_PAGE_HTML = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>健康信息采集表</title>
<style>body{font:15px/1.6 system-ui,sans-serif;max-width:560px;margin:0 auto;padding:12px}label{display:block;margin:6px 0}
.c{display:inline-block;margin-right:12px}input[type=number]{width:6em}fieldset{border:1px solid #ddd;margin:10px 0}#out{white-space:pre-wrap}</style></head>
<body><h1>健康信息采集表</h1><p>约3分钟。带 * 为必填。</p>
<form id="f">
<label>* 年龄 <input name="age" type="number" min="18" max="100" required></label>
<label>* 性别 <select name="sex"><option value="male">男</option><option value="female">女</option></select></label>
<label>* 身高(cm) <input name="heightCm" type="number" step="0.1" required></label>
<label>* 体重(kg) <input name="weightKg" type="number" step="0.1" required></label>
<label>腰围(cm) <input name="waistCm" type="number" step="0.1"></label>
<label>血压(mmHg) <input name="systolic" type="number" placeholder="高压"> / <input name="diastolic" type="number" placeholder="低压"></label>
<label>空腹血糖(mmol/L) <input name="fastingGlucose" type="number" step="0.1"></label>
<label>* 吸烟 <select name="smoking"><option value="never">从不</option><option value="former">已戒</option><option value="current">目前吸烟</option></select></label>
<label>* 饮酒 <select name="drinking"><option value="never">从不</option><option value="occasional">偶尔</option><option value="frequent">经常</option></select></label>
<label>* 每周运动天数 <input name="exerciseDaysPerWeek" type="number" min="0" max="7" required></label>
<fieldset><legend>家族病史</legend>${checkboxes('familyHistory', FAMILY_HISTORY_ITEMS, (v) => FAMILY_ZH[v] ?? v)}</fieldset>
<fieldset><legend>已确诊疾病</legend>${checkboxes('conditions', CONDITIONS, (v) => labels[v] ?? v)}</fieldset>
<label>过敏史 <input name="allergies" maxlength="500"></label>
<label>长期用药 <input name="medications" maxlength="500"></label>
<label class="consent"><input type="checkbox" name="consent" required> ${esc(CONSENT_TEXTS_ZH[CONSENT_TEXT_VERSION] ?? '')}</label>
<button>提交</button></form><p id="out"></p>
<script>
var token=new URLSearchParams(location.hash.slice(1)).get('t');
if(location.hash&&window.history&&history.replaceState)history.replaceState(null,'',location.pathname+location.search);
if(!token)document.getElementById('out').textContent='请从欢迎消息中的链接打开本页。';
document.getElementById('f').addEventListener('submit',function(e){e.preventDefault();var fd=new FormData(e.target),body={};
['age','exerciseDaysPerWeek','systolic','diastolic'].forEach(function(k){var v=fd.get(k);if(v)body[k]=parseInt(v,10)});
['heightCm','weightKg','waistCm','fastingGlucose'].forEach(function(k){var v=fd.get(k);if(v)body[k]=parseFloat(v)});
['sex','smoking','drinking','allergies','medications'].forEach(function(k){var v=fd.get(k);if(v)body[k]=v});
body.familyHistory=fd.getAll('familyHistory');body.conditions=fd.getAll('conditions');
if(fd.get('consent'))body.consent={healthDataProcessing:true,textVersion:${JSON.stringify(CONSENT_TEXT_VERSION)},acceptedAtMs:Date.now()};
var SAY={consent_withdrawn:'您已撤回健康信息处理同意。如需恢复，请在小程序中重新填写并勾选同意（本链接不能代您重新同意）。',rate_limited:'提交过于频繁，请稍后再试。'};
fetch('forms',{method:'POST',headers:{'content-type':'application/json',authorization:'Bearer '+token},body:JSON.stringify(body)})
.then(function(r){return r.json().then(function(j){var e=j.error||{};document.getElementById('out').textContent=r.ok?'已提交，谢谢！您的健康计划已生成。':SAY[e.code]||'请检查：'+(e.fields||[]).map(function(f){return f.field}).join('、')})});});
</script></body></html>`;
