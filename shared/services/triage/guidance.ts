/**
 * Basic guidance for `service` questions (docs/prd.md §2.6.2 "服务提醒/基础问答 → 健康管家"): a first answer
 * the customer can act on while the health butler takes over. Pure data: the first topic whose
 * pattern matches wins; the fallback says where things live.
 */
const TOPICS: readonly (readonly [RegExp, string])[] = [
  [/上传|报告|录入|同步|血压计|血糖仪|手环|设备|蓝牙/, '上传体检报告或记录血压、血糖：打开健康社群小程序「健康档案」，选择「上传报告」或「记录数据」即可。'],
  [/提醒|闹钟|打卡|几点|免打扰|别发了|不要.*发|退订|推送/, '用药、复诊和监测提醒可在小程序「我的提醒」里新增、修改时间或暂停；晚上21:30至次日8:00不会主动打扰您。'],
  [/登录|登陆|登不上|验证码|密码|绑定|解绑|手机号|换号|实名|打不开|闪退/, '小程序登录或绑定问题：请确认用微信本人账号打开，退出后重新进入；仍不行请告诉我们出现的提示文字。'],
  [/表单|问卷|采集表|填写|填|档案|修改|改一下/, '健康信息采集表可在入群欢迎消息的链接或小程序「健康档案」中填写和修改，已填内容会自动保存。'],
  [/计划|食谱|任务|周报|月报/, '您的健康计划、任务和周报可在小程序「健康计划」中查看，完成任务还能获得积分。'],
  [/转人工|人工|真人|客服|没人回|没人理|投诉|态度|意见/, '已为您转接人工健康管家，工作时间内会尽快回复；您的意见我们会认真记录处理。'],
  [/隐私|删除|注销|授权|个人信息/, '查询、导出或删除个人信息、撤回授权，可在小程序「我的-隐私设置」提交申请，核实身份后处理。'],
];

const FALLBACK = '常用服务（健康档案、提醒、健康计划、积分权益）都在健康社群小程序中，可随时查看。';

export function serviceGuidance(text: string): string {
  return TOPICS.find(([re]) => re.test(text))?.[1] ?? FALLBACK;
}
