import { PlusOutlined } from '@ant-design/icons'
import type { Permission, Role } from '@meihao/contracts'
import { App, Button, Card, Space, Table, type TableColumnsType, Tag, Tooltip } from 'antd'
import { useState } from 'react'
import { listRoles } from '../api/iam'
import { ErrorAlert } from '../components/ErrorAlert'
import { RoleFormModal } from '../components/iam/RoleFormModal'
import { useAsync } from '../hooks/useAsync'
import { useI18n } from '../i18n/I18nProvider'
import { useSession } from '../session/SessionProvider'

export function RolesPage() {
  const { t } = useI18n()
  const { can } = useSession()
  const { message } = App.useApp()
  const manage = can('iam.roles.manage')
  const roles = useAsync(listRoles, [])
  const [editing, setEditing] = useState<Role | null>(null)
  const [creating, setCreating] = useState(false)

  const columns: TableColumnsType<Role> = [
    {
      title: t('iam.roleName'),
      dataIndex: 'name',
      render: (_, r) => (
        <Space size={4}>
          <span>{r.name}</span>
          {r.system ? <Tag color="purple">{t('iam.systemRole')}</Tag> : null}
        </Space>
      ),
    },
    { title: t('iam.roleCode'), dataIndex: 'code', render: (code: string) => <code>{code}</code> },
    {
      title: t('iam.dataScope'),
      dataIndex: 'dataScope',
      render: (_, r) => <Tooltip title={t(`scopeHint.${r.dataScope}`)}>{t(`scope.${r.dataScope}`)}</Tooltip>,
    },
    {
      title: t('iam.permissions'),
      dataIndex: 'permissions',
      render: (permissions: Permission[]) => (
        <Space size={[4, 4]} wrap style={{ maxWidth: 560 }}>
          {permissions.map((p) => (
            <Tooltip key={p} title={p}>
              <Tag>{t(`perm.${p}`)}</Tag>
            </Tooltip>
          ))}
        </Space>
      ),
    },
    ...(manage
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_: unknown, r: Role) =>
              r.system ? (
                <Tooltip title={t('iam.systemRoleLocked')}>
                  <Button type="link" size="small" disabled>
                    {t('common.edit')}
                  </Button>
                </Tooltip>
              ) : (
                <Button type="link" size="small" onClick={() => setEditing(r)} data-testid="role-edit">
                  {t('common.edit')}
                </Button>
              ),
          },
        ]
      : []),
  ]

  const saved = (role: Role) => {
    roles.setData((list = []) =>
      list.some((r) => r.id === role.id) ? list.map((r) => (r.id === role.id ? role : r)) : [...list, role],
    )
    message.success(t('common.saved'))
    setEditing(null)
    setCreating(false)
  }

  return (
    <Card
      title={t('menu.roles')}
      extra={
        manage ? (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setCreating(true)}
            data-testid="role-create"
          >
            {t('iam.newRole')}
          </Button>
        ) : null
      }
    >
      <ErrorAlert error={roles.error} onRetry={roles.reload} />
      <div data-testid="role-table">
        <Table<Role>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={roles.data ?? []}
          loading={roles.loading}
          pagination={false}
          scroll={{ x: 'max-content' }}
          onRow={() => ({ 'data-testid': 'role-row' }) as React.HTMLAttributes<HTMLElement>}
        />
      </div>
      <RoleFormModal
        open={creating || editing !== null}
        role={editing}
        onClose={() => {
          setEditing(null)
          setCreating(false)
        }}
        onSaved={saved}
      />
    </Card>
  )
}
