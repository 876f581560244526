import { PlusOutlined, ReloadOutlined } from '@ant-design/icons'
import type { Apportionment, FundProject } from '@meihao/contracts'
import { App, Button, Flex, Table, type TableColumnsType, Typography } from 'antd'
import { type HTMLAttributes, useState } from 'react'
import { listFundProjects } from '../../api/disclosure'
import { useAsync } from '../../hooks/useAsync'
import { formatDateTime } from '../../i18n/format'
import { useI18n } from '../../i18n/I18nProvider'
import { Money } from '../billing/BillingTags'
import { ErrorAlert } from '../ErrorAlert'
import { ApportionmentDrawer } from './ApportionmentDrawer'
import { ApprovalText, ProjectStatusTag } from './DisclosureTags'
import { FundProjectDrawer } from './FundProjectDrawer'

/**
 * 使用项目: the fund's spending projects, newest first. A row opens its apportionment (a preview while
 * planned); disclosure.manage plans and cancels, disclosure.finance settles.
 */
export function FundProjectsTab({
  communityId,
  manage,
  finance,
  onMoneyMoved,
}: {
  communityId: string
  manage: boolean
  finance: boolean
  /** A project was settled: the accounts and summary changed. */
  onMoneyMoved: () => void
}) {
  const { t, lang } = useI18n()
  const { message } = App.useApp()
  const projects = useAsync(() => listFundProjects(communityId), [communityId])
  const [creating, setCreating] = useState(false)
  const [open, setOpen] = useState<{ id: string; initial: Apportionment | null } | null>(null)

  const columns: TableColumnsType<FundProject> = [
    {
      title: t('fund.projectTitle'),
      dataIndex: 'title',
      render: (_, p) => <Typography.Link data-testid="fund-project-open">{p.title}</Typography.Link>,
    },
    {
      title: t('fund.status'),
      dataIndex: 'status',
      render: (_, p) => <ProjectStatusTag status={p.status} />,
    },
    {
      title: t('fund.approval'),
      key: 'approval',
      render: (_, p) => <ApprovalText emergencyCategory={p.emergencyCategory} />,
    },
    {
      title: t('fund.cost'),
      dataIndex: 'costFen',
      align: 'right',
      render: (_, p) => <Money fen={p.costFen} />,
    },
    {
      title: t('fund.benefiting'),
      key: 'benefiting',
      render: (_, p) =>
        t('fund.benefitingCount', { buildings: p.buildingIds.length, units: p.unitIds.length }),
    },
    {
      title: t('fund.createdAt'),
      dataIndex: 'createdAt',
      render: (_, p) => formatDateTime(lang, p.createdAt),
    },
    {
      title: t('fund.settledAt'),
      dataIndex: 'settledAt',
      render: (_, p) => (p.settledAt ? formatDateTime(lang, p.settledAt) : '—'),
    },
  ]

  return (
    <Flex vertical gap={12}>
      <Flex gap={8} justify="space-between" wrap>
        <Typography.Text type="secondary">{t('fund.projectsHint')}</Typography.Text>
        <Flex gap={8}>
          <Button
            type="text"
            icon={<ReloadOutlined />}
            onClick={projects.reload}
            aria-label={t('desk.refresh')}
            data-testid="fund-projects-reload"
          />
          {manage ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
              data-testid="fund-project-create"
            >
              {t('fund.projectCreate')}
            </Button>
          ) : null}
        </Flex>
      </Flex>
      <ErrorAlert error={projects.error} onRetry={projects.reload} />
      <Table<FundProject>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={projects.data ?? []}
        loading={projects.loading}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('fund.noProjects') }}
        data-testid="fund-projects"
        onRow={(p) =>
          ({
            'data-testid': 'fund-project-row',
            'data-status': p.status,
            style: { cursor: 'pointer' },
            onClick: () => setOpen({ id: p.id, initial: null }),
          }) as HTMLAttributes<HTMLElement>
        }
      />
      <FundProjectDrawer
        open={creating}
        communityId={communityId}
        onClose={() => setCreating(false)}
        onCreated={(a) => {
          setCreating(false)
          message.success(t('fund.projectCreated'))
          projects.reload()
          setOpen({ id: a.project.id, initial: a })
        }}
      />
      <ApportionmentDrawer
        projectId={open?.id ?? null}
        initial={open?.initial ?? null}
        finance={finance}
        manage={manage}
        onClose={() => setOpen(null)}
        onChanged={() => {
          projects.reload()
          onMoneyMoved()
        }}
      />
    </Flex>
  )
}
