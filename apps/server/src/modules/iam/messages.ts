import { registerMessages } from '../../platform/i18n/catalog'

registerMessages({
  'zh-CN': {
    IAM_LOGIN_FAILED: '手机号或密码不正确',
    IAM_ACCOUNT_LOCKED: '登录失败次数过多，账号已锁定，请 {minutes} 分钟后再试或联系管理员重置密码',
    IAM_ACCOUNT_DISABLED: '账号已停用',
    IAM_NO_MEMBERSHIP: '该账号尚未加入任何物业公司或监管机构',
    IAM_UNKNOWN_TENANT: '该账号不属于所选物业公司',
    IAM_WRONG_PASSWORD: '当前密码不正确',
    IAM_USER_NOT_FOUND: '用户不存在',
    IAM_USER_EXISTS: '该手机号已是本公司用户',
    IAM_ROLE_NOT_FOUND: '角色不存在',
    IAM_ROLE_SYSTEM: '系统内置角色不能修改',
    IAM_ROLE_CODE_TAKEN: '角色编码已被使用',
    IAM_SCOPE_TARGET_REQUIRED: '角色“{role}”按组织、小区或楼栋限定数据范围，请指定具体的组织、小区或楼栋',
    IAM_ORG_UNIT_NOT_FOUND: '组织不存在',
    IAM_ORG_UNIT_PARENT_REQUIRED: '只有集团可以没有上级组织',
    IAM_API_KEY_NOT_FOUND: 'API 密钥不存在',
    IAM_ACCOUNT_SHARED: '该账号同时属于其他机构，不能由本公司重置密码，请本人修改',
    IAM_CANNOT_DISABLE_SELF: '不能停用自己的账号',
  },
  'en-US': {
    IAM_LOGIN_FAILED: 'Wrong mobile number or password',
    IAM_ACCOUNT_LOCKED:
      'Too many failed sign-ins: the account is locked; try again in {minutes} minutes or ask an administrator to reset the password',
    IAM_ACCOUNT_DISABLED: 'The account is disabled',
    IAM_NO_MEMBERSHIP: 'The account does not belong to any company or authority yet',
    IAM_UNKNOWN_TENANT: 'The account does not belong to the chosen company',
    IAM_WRONG_PASSWORD: 'The current password is wrong',
    IAM_USER_NOT_FOUND: 'User not found',
    IAM_USER_EXISTS: 'This mobile number is already a user of this company',
    IAM_ROLE_NOT_FOUND: 'Role not found',
    IAM_ROLE_SYSTEM: 'Built-in roles cannot be changed',
    IAM_ROLE_CODE_TAKEN: 'The role code is already used',
    IAM_SCOPE_TARGET_REQUIRED:
      'Role "{role}" has data scope {scope}: name the org unit, community or building',
    IAM_ORG_UNIT_NOT_FOUND: 'Org unit not found',
    IAM_ORG_UNIT_PARENT_REQUIRED: 'Only a group may have no parent',
    IAM_API_KEY_NOT_FOUND: 'API key not found',
    IAM_ACCOUNT_SHARED:
      'This account also belongs to another organisation; its owner must change the password',
    IAM_CANNOT_DISABLE_SELF: 'You cannot disable your own account',
  },
})
