import { LockOutlined, PlusOutlined } from '@ant-design/icons'
import type { Community, OrgUnit, Role, User } from '@meihao/contracts'
import { App, Button, Card, Space, Table, type TableColumnsType, Tag, Tooltip } from 'antd'
import { useMemo, useState } from 'react'
import { cachedCommunities } from '../api/estate'
import { listOrgUnits, listRoles, listUsers } from '../api/iam'
import { ErrorAlert } from '../components/ErrorAlert'
import { AssignmentTags } from '../components/iam/AssignmentTags'
import { ResetPasswordModal } from '../components/iam/ResetPasswordModal'
import { UserFormModal } from '../components/iam/UserFormModal'
import { LoadMore } from '../components/LoadMore'
import { useAsync } from '../hooks/useAsync'
import { useCursorList } from '../hooks/useCursorList'
import { formatDateTime } from '../i18n/format'
import { useI18n } from '../i18n/I18nProvider'
import { useSession } from '../session/SessionProvider'

const NONE: never[] = []

export function UsersPage() {
  const { t, lang } = useI18n()
  const { can } = useSession()
  const { message } = App.useApp()
  const manage = can('iam.users.manage')
  const users = useCursorList((cursor) => listUsers(cursor), [])
  // Names for the table and choices for the form; each list needs its own permission.
  const roles = useAsync<Role[]>(listRoles, [], can('iam.roles.read'))
  const orgUnits = useAsync<OrgUnit[]>(listOrgUnits, [], can('iam.org.read'))
  const communities = useAsync<Community[]>(cachedCommunities, [], can('estate.read'))
  const orgById = useMemo(() => new Map((orgUnits.data ?? []).map((u) => [u.id, u])), [orgUnits.data])
  const communityById = useMemo(
    () => new Map((communities.data ?? []).map((c) => [c.id, c])),
    [communities.data],
  )

  const [editing, setEditing] = useState<User | null>(null)
  const [creating, setCreating] = useState(false)
  const [resetting, setResetting] = useState<User | null>(null)

  const columns: TableColumnsType<User> = [
    { title: t('iam.userName'), dataIndex: 'name' },
    { title: t('iam.phone'), dataIndex: 'phoneMasked' },
    {
      title: t('iam.orgUnit'),
      dataIndex: 'orgUnitId',
      render: (id: string | null) => (id ? (orgById.get(id)?.name ?? '—') : '—'),
    },
    {
      title: t('iam.roles'),
      dataIndex: 'roles',
      render: (_, u) => <AssignmentTags roles={u.roles} orgUnits={orgById} communities={communityById} />,
    },
    {
      title: t('iam.status'),
      dataIndex: 'status',
      render: (_, u) => (
        <Space size={4} wrap>
          {u.status === 'active' ? (
            <Tag color="green">{t('status.active')}</Tag>
          ) : (
            <Tag color="default">{t('status.disabled')}</Tag>
          )}
          {u.lockedUntil ? (
            <Tooltip title={t('iam.lockedHint')}>
              <Tag color="red" icon={<LockOutlined />} data-testid="user-locked">
                {t('iam.lockedUntil', { time: formatDateTime(lang, u.lockedUntil) })}
              </Tag>
            </Tooltip>
          ) : null}
        </Space>
      ),
    },
    { title: t('iam.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(lang, v) },
    ...(manage
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_: unknown, u: User) => (
              <Space size={0}>
                <Button type="link" size="small" onClick={() => setEditing(u)} data-testid="user-edit">
                  {t('common.edit')}
                </Button>
                <Button
                  type="link"
                  size="small"
                  onClick={() => setResetting(u)}
                  data-testid="user-reset-password"
                >
                  {t('iam.resetPassword')}
                </Button>
              </Space>
            ),
          },
        ]
      : []),
  ]

  const saved = (user: User) => {
    users.replace(user, (a, b) => a.id === b.id)
    message.success(t('common.saved'))
    setEditing(null)
    setCreating(false)
  }

  return (
    <Card
      title={t('menu.users')}
      extra={
        manage ? (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setCreating(true)}
            data-testid="user-create"
          >
            {t('iam.newUser')}
          </Button>
        ) : null
      }
    >
      <ErrorAlert error={users.error} onRetry={users.reload} />
      <ErrorAlert error={roles.error ?? orgUnits.error ?? communities.error} />
      <div data-testid="user-table">
        <Table<User>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={users.items}
          loading={users.loading}
          pagination={false}
          scroll={{ x: 'max-content' }}
          onRow={() => ({ 'data-testid': 'user-row' }) as React.HTMLAttributes<HTMLElement>}
        />
      </div>
      <LoadMore hasMore={users.hasMore} loading={users.loadingMore} onClick={users.loadMore} />
      <UserFormModal
        open={creating || editing !== null}
        user={editing}
        roles={roles.data ?? NONE}
        orgUnits={orgUnits.data ?? NONE}
        onClose={() => {
          setEditing(null)
          setCreating(false)
        }}
        onSaved={saved}
      />
      <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />
    </Card>
  )
}
