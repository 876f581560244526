export const DEMO_TENANT_CODE = 'demo'
export const DEMO_COMMUNITY_CODE = 'cuihu'
export const DEMO_PASSWORD = 'Meihao@2026'

export type DemoLoginKey =
  | 'company_admin'
  | 'project_manager'
  | 'service_desk'
  | 'technician'
  | 'finance'
  | 'owner'
  | 'committee_member'
  | 'authority'

export interface DemoLogin {
  /** The system role the login holds (its code), or `authority` for the regulator. */
  key: DemoLoginKey
  role: string
  roleEn: string
  name: string
  phone: string
  password: string
  sees: string
  seesEn: string
}

/** One login per role of the demo company and one regulator: the source for the README and the start banner. */
export const DEMO_LOGINS: readonly DemoLogin[] = [
  {
    key: 'company_admin',
    role: '公司管理员',
    roleEn: 'company admin',
    name: '陈志明',
    phone: '13800000001',
    password: DEMO_PASSWORD,
    sees: '全公司：用户、角色、组织架构、导入导出、查看完整个人信息（留痕）',
    seesEn:
      'everything in the company; users, roles, org tree, import/export, reveal personal data (audited)',
  },
  {
    key: 'project_manager',
    role: '项目经理',
    roleEn: 'project manager',
    name: '李建华',
    phone: '13800000002',
    password: DEMO_PASSWORD,
    sees: '翠湖苑项目（组织范围）：房屋、业主、导入导出；工单督办、时限规则、月度报表',
    seesEn:
      'the 翠湖苑 project (org-unit scope); import/export; tickets: escalations, SLA policies, monthly report',
  },
  {
    key: 'service_desk',
    role: '客服',
    roleEn: 'service desk',
    name: '张丽娟',
    phone: '13800000003',
    password: DEMO_PASSWORD,
    sees: '翠湖苑小区：服务台（受理、派单、核查、回访），房屋只读',
    seesEn: 'the community: service desk (accept, dispatch, verify, follow up); estate read-only',
  },
  {
    key: 'technician',
    role: '维修工',
    roleEn: 'technician',
    name: '刘国强',
    phone: '13800000004',
    password: DEMO_PASSWORD,
    sees: '翠湖苑小区：我的任务（接单、处理、拍照完成），房屋只读',
    seesEn: 'the community: my tasks (grab, work, finish with a photo); estate read-only',
  },
  {
    key: 'finance',
    role: '财务',
    roleEn: 'finance',
    name: '周雅琴',
    phone: '13800000005',
    password: DEMO_PASSWORD,
    sees: '全公司，查看与导出',
    seesEn: 'the company, read and export',
  },
  {
    key: 'owner',
    role: '业主',
    roleEn: 'owner',
    name: '王海燕',
    phone: '13800000006',
    password: DEMO_PASSWORD,
    sees: '住户端：我的房屋（3-2-1501 自住，12-1-601 出租）',
    seesEn: 'resident app: 我的房屋 (two units: 3-2-1501 lived in, 12-1-601 let)',
  },
  {
    key: 'committee_member',
    role: '业委会成员',
    roleEn: 'committee member',
    name: '沈伟民',
    phone: '13800000007',
    password: DEMO_PASSWORD,
    sees: '住户端；翠湖苑业委会主任（9-1-1802 业主）',
    seesEn: 'resident app; chair of the 翠湖苑 committee (owner of 9-1-1802)',
  },
  {
    key: 'authority',
    role: '监管人员',
    roleEn: 'regulator',
    name: '顾晓东',
    phone: '13800000008',
    password: DEMO_PASSWORD,
    sees: '监管端：浦东新区建设和交通委员会（310115）',
    seesEn: 'authority context (浦东新区建设和交通委员会, 310115)',
  },
]

export const demoLogin = (key: DemoLoginKey): DemoLogin => DEMO_LOGINS.find((login) => login.key === key)!

/** Columns of a terminal are two wide for a CJK character. */
const displayWidth = (text: string) =>
  [...text].reduce((w, ch) => w + (/[\u2e80-\uffef]/.test(ch) ? 2 : 1), 0)
const padEnd = (text: string, width: number) => text + ' '.repeat(Math.max(0, width - displayWidth(text)))

/** The logins as a terminal table, Chinese first. */
export function formatDemoLogins(logins: readonly DemoLogin[] = DEMO_LOGINS): string {
  const roleWidth = Math.max(...logins.map((l) => displayWidth(l.role)))
  const lines = logins.map((l) => `  ${padEnd(l.role, roleWidth)}  ${l.phone}  ${l.sees}`)
  return [`演示账号 Demo logins — 密码 password: ${DEMO_PASSWORD}`, ...lines].join('\n')
}
