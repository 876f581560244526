import type { Apportionment } from '@meihao/contracts'
import {
  Alert,
  App,
  Button,
  Col,
  Descriptions,
  Drawer,
  Flex,
  Popconfirm,
  Row,
  Skeleton,
  Space,
  Statistic,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd'
import type { HTMLAttributes } from 'react'
import { cancelFundProject, getApportionment, type ShareLine, settleFundProject } from '../../api/disclosure'
import { useAction } from '../../hooks/useAction'
import { useAsync } from '../../hooks/useAsync'
import { formatDateTime, formatFen } from '../../i18n/format'
import { useI18n } from '../../i18n/I18nProvider'
import { AreaText } from '../AreaText'
import { Money } from '../billing/BillingTags'
import { ErrorAlert } from '../ErrorAlert'
import { useIdempotencyKey } from '../tickets/idempotency'
import { ApprovalText, ProjectStatusTag, TopUpTag } from './DisclosureTags'
import { hundredthsToArea } from './disclosureValues'

/** The figures of an apportionment: cost over area, and who pays what. */
function ApportionmentFigures({ a }: { a: Apportionment }) {
  const { t } = useI18n()
  return (
    <Row gutter={[12, 12]} data-testid="fund-apportionment-totals">
      <Col xs={12} md={6}>
        <Statistic title={t('fund.cost')} value={formatFen(a.project.costFen)} data-fen={a.project.costFen} />
      </Col>
      <Col xs={12} md={6}>
        <Statistic title={t('fund.totalArea')} value={`${hundredthsToArea(a.totalAreaHundredths)} m²`} />
      </Col>
      <Col xs={12} md={6}>
        <Statistic title={t('fund.perM2')} value={`¥${a.fenPerM2}`} data-testid="fund-apportionment-per-m2" />
      </Col>
      <Col xs={12} md={6}>
        <Statistic title={t('fund.units')} value={a.units} />
      </Col>
      <Col xs={12} md={6}>
        <Statistic title={t('fund.fromFund')} value={formatFen(a.fromFundFen)} data-fen={a.fromFundFen} />
      </Col>
      <Col xs={12} md={6}>
        <Statistic
          title={t('fund.shortfallOf', { units: a.shortfallUnits })}
          value={formatFen(a.shortfallFen)}
          data-fen={a.shortfallFen}
        />
      </Col>
      <Col xs={12} md={6}>
        <Statistic
          title={t('fund.developerOf', { units: a.developerUnits })}
          value={formatFen(a.developerFen)}
          data-testid="fund-apportionment-developer"
          data-fen={a.developerFen}
        />
      </Col>
      <Col xs={12} md={6}>
        <Statistic title={t('fund.topUpUnits')} value={a.topUpUnits} />
      </Col>
    </Row>
  )
}

/**
 * A project's apportionment by exclusive area: as it would be today while planned (a preview: nothing is
 * paid), as paid once settled. 列支 (disclosure.finance) pays each share from its sub-account as far as the
 * balance goes; 取消 (disclosure.manage) drops a planned project.
 */
export function ApportionmentDrawer({
  projectId,
  initial,
  finance,
  manage,
  onClose,
  onChanged,
}: {
  /** The project to show; null when closed. */
  projectId: string | null
  /** The apportionment already at hand (just created), shown without asking again. */
  initial: Apportionment | null
  finance: boolean
  manage: boolean
  onClose: () => void
  onChanged: () => void
}) {
  const { t, lang } = useI18n()
  const { message } = App.useApp()
  const loaded = useAsync(
    () =>
      initial && initial.project.id === projectId ? Promise.resolve(initial) : getApportionment(projectId!),
    [projectId],
    projectId !== null,
  )
  const action = useAction()
  const idempotency = useIdempotencyKey()
  const a = loaded.data

  const settle = () =>
    action.run(async () => {
      const settled = await settleFundProject(projectId!, idempotency.keyFor({ settle: projectId }))
      idempotency.reset()
      loaded.setData(() => settled)
      message.success(t('fund.settled', { units: settled.units }))
      onChanged()
    })
  const cancel = () =>
    action.run(async () => {
      await cancelFundProject(projectId!)
      message.success(t('fund.cancelled'))
      loaded.reload()
      onChanged()
    })

  const columns: TableColumnsType<ShareLine> = [
    {
      title: t('fund.unitCode'),
      dataIndex: 'unitCode',
      render: (_, l) => (
        <Space size={4}>
          {l.unitCode}
          {l.developerHeld ? (
            <Tag color="gold" data-testid="fund-developer-held">
              {t('fund.developerHeld')}
            </Tag>
          ) : null}
        </Space>
      ),
    },
    {
      title: t('fund.exclusiveArea'),
      dataIndex: 'exclusiveArea',
      align: 'right',
      render: (_, l) => <AreaText value={l.exclusiveArea} />,
    },
    {
      title: t('fund.share'),
      dataIndex: 'shareFen',
      align: 'right',
      render: (_, l) => <Money fen={l.shareFen} />,
    },
    {
      title: t('fund.balanceBefore'),
      dataIndex: 'balanceFen',
      align: 'right',
      render: (_, l) => <Money fen={l.balanceFen} />,
    },
    {
      title: t('fund.fromFund'),
      dataIndex: 'fromFundFen',
      align: 'right',
      render: (_, l) => <Money fen={l.fromFundFen} />,
    },
    {
      title: t('fund.shortfall'),
      dataIndex: 'shortfallFen',
      align: 'right',
      render: (_, l) =>
        l.shortfallFen > 0 ? (
          <Typography.Text type="danger">
            <Money fen={l.shortfallFen} />
          </Typography.Text>
        ) : (
          <Money fen={0} />
        ),
    },
    {
      title: t('fund.balanceAfter'),
      dataIndex: 'balanceAfterFen',
      align: 'right',
      render: (_, l) => <Money fen={l.balanceAfterFen} />,
    },
    {
      title: t('fund.topUp'),
      dataIndex: 'needsTopUp',
      render: (_, l) => <TopUpTag needsTopUp={l.needsTopUp} />,
    },
  ]

  const planned = a?.project.status === 'planned'
  return (
    <Drawer
      open={projectId !== null}
      title={a ? a.project.title : t('fund.project')}
      size={960}
      onClose={onClose}
      destroyOnHidden
      afterOpenChange={(opened) => {
        if (!opened) action.setError(null)
      }}
      data-testid="fund-apportionment-drawer"
      extra={
        a && planned ? (
          <Space>
            {manage ? (
              <Popconfirm
                title={t('fund.cancelConfirm')}
                okText={t('fund.cancelProject')}
                cancelText={t('common.back')}
                okButtonProps={{ danger: true, 'data-testid': 'fund-project-cancel-confirm' }}
                onConfirm={() => cancel()}
              >
                <Button danger loading={action.busy} data-testid="fund-project-cancel">
                  {t('fund.cancelProject')}
                </Button>
              </Popconfirm>
            ) : null}
            {finance ? (
              <Popconfirm
                title={t('fund.settleConfirm', { amount: formatFen(a.fromFundFen) })}
                description={t('fund.settleConfirmHint')}
                okText={t('fund.settle')}
                cancelText={t('common.cancel')}
                okButtonProps={{ 'data-testid': 'fund-project-settle-confirm' }}
                onConfirm={() => settle()}
              >
                <Button type="primary" loading={action.busy} data-testid="fund-project-settle">
                  {t('fund.settle')}
                </Button>
              </Popconfirm>
            ) : null}
          </Space>
        ) : null
      }
    >
      <ErrorAlert error={loaded.error} onRetry={loaded.reload} />
      <ErrorAlert error={action.error} />
      {loaded.loading && !a ? <Skeleton active /> : null}
      {a ? (
        <Flex vertical gap={16} data-testid="fund-apportionment" data-status={a.project.status}>
          {planned ? <Alert type="info" showIcon title={t('fund.previewHint')} /> : null}
          <Descriptions size="small" bordered column={{ xs: 1, md: 2 }}>
            <Descriptions.Item label={t('fund.status')}>
              <ProjectStatusTag status={a.project.status} />
            </Descriptions.Item>
            <Descriptions.Item label={t('fund.approval')}>
              <ApprovalText emergencyCategory={a.project.emergencyCategory} />
            </Descriptions.Item>
            <Descriptions.Item label={t('fund.createdAt')}>
              {formatDateTime(lang, a.project.createdAt)}
            </Descriptions.Item>
            <Descriptions.Item label={t('fund.settledAt')}>
              {a.project.settledAt ? formatDateTime(lang, a.project.settledAt) : '—'}
            </Descriptions.Item>
            {a.project.description ? (
              <Descriptions.Item label={t('fund.projectDescription')} span={2}>
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
                  {a.project.description}
                </Typography.Paragraph>
              </Descriptions.Item>
            ) : null}
          </Descriptions>
          <ApportionmentFigures a={a} />
          <Table<ShareLine>
            rowKey="unitId"
            size="small"
            columns={columns}
            dataSource={a.lines}
            pagination={{ pageSize: 100, hideOnSinglePage: true, showSizeChanger: false }}
            scroll={{ x: 'max-content' }}
            data-testid="fund-apportionment-lines"
            onRow={(l) =>
              ({
                'data-testid': 'fund-share-row',
                'data-unit': l.unitCode,
                'data-developer': l.developerHeld ? 'true' : 'false',
              }) as HTMLAttributes<HTMLElement>
            }
          />
        </Flex>
      ) : null}
    </Drawer>
  )
}
