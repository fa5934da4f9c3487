import { CONSENT_TEXT_VERSION, CONSENT_TEXTS_ZH } from '../../shared/services/intake/consent';

/** The full privacy notice the form's consent links to (PIPL art. 17: what, why, who, how long, the member's rights). */
export function PrivacyPage() {
  return (
    <main class="page">
      <div class="page-head">
        <h1>隐私说明</h1>
        <p>健康社群如何处理您的个人信息和健康信息</p>
      </div>
      <section class="card">
        <h2>我们收集什么</h2>
        <p>您在健康信息表中填写的年龄、性别、身高、体重、腰围、血压、血糖、吸烟饮酒和运动习惯、家族病史、确诊疾病、过敏史和用药；您之后上传的测量数据和体检报告。其中健康信息属于敏感个人信息。</p>
      </section>
      <section class="card">
        <h2>用来做什么</h2>
        <p>评估慢性病风险、生成您的健康报告和个人计划、按计划给您发提醒，以及由您的家庭医生和健康管家跟进。我们不用这些信息做疾病诊断，也不会提供给保险核保或任何第三方做营销。</p>
      </section>
      <section class="card">
        <h2>谁能看到</h2>
        <p>只有为您服务的家庭医生和健康管家能看到您的健康信息；保险顾问只能看到风险等级，看不到具体数值和疾病；运维人员看不到健康内容。每次查看都有记录，您可以查询。</p>
      </section>
      <section class="card">
        <h2>如何保存</h2>
        <p>健康信息加密保存在中国境内的服务器上。您撤回同意或要求删除后，我们会停止处理并删除，仅保留证明您曾经同意的记录。</p>
      </section>
      <section class="card">
        <h2>您的权利</h2>
        <p>您可以随时查看、导出或删除自己的信息，撤回同意，或停止提醒：在小程序「我的」中操作，或直接回复您的健康管家。</p>
      </section>
      <section class="card">
        <h2>同意书原文（{CONSENT_TEXT_VERSION}）</h2>
        <p>{CONSENT_TEXTS_ZH[CONSENT_TEXT_VERSION]}</p>
      </section>
    </main>
  );
}
