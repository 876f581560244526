import { PlusOutlined } from '@ant-design/icons'
import type { FundAccount } from '@meihao/contracts'
import { Button, Descriptions, Drawer, Flex, Skeleton, Table, type TableColumnsType, Tag } from 'antd'
import { type FundEntry, getFundAccount } from '../../api/disclosure'
import { useAsync } from '../../hooks/useAsync'
import { useI18n } from '../../i18n/I18nProvider'
import { AreaText } from '../AreaText'
import { Money } from '../billing/BillingTags'
import { ErrorAlert } from '../ErrorAlert'
import { TopUpTag } from './DisclosureTags'

const KIND_COLOR: Record<FundEntry['kind'], string> = {
  first_deposit: 'blue',
  deposit: 'cyan',
  gain: 'green',
  public_revenue: 'purple',
  spend: 'orange',
}

/** One unit's sub-account: its figures and every movement, newest first, with the balance after each. */
export function FundAccountDrawer({
  account,
  revision,
  finance,
  onDeposit,
  onClose,
}: {
  /** The account to show; null when closed. */
  account: FundAccount | null
  /** Changes when money moved: the detail is asked again. */
  revision: number
  finance: boolean
  onDeposit: (account: FundAccount) => void
  onClose: () => void
}) {
  const { t } = useI18n()
  const unitId = account?.unitId ?? null
  const detail = useAsync(() => getFundAccount(unitId!), [unitId, revision], unitId !== null)
  const d = detail.data
  const columns: TableColumnsType<FundEntry> = [
    { title: t('fund.occurredOn'), dataIndex: 'occurredOn' },
    {
      title: t('fund.entryKind'),
      dataIndex: 'kind',
      render: (_, e) => <Tag color={KIND_COLOR[e.kind]}>{t(`fundEntryKind.${e.kind}`)}</Tag>,
    },
    {
      title: t('fund.amount'),
      dataIndex: 'amountFen',
      align: 'right',
      render: (_, e) => <Money fen={e.amountFen} />,
    },
    {
      title: t('fund.balanceAfter'),
      dataIndex: 'balanceAfterFen',
      align: 'right',
      render: (_, e) => <Money fen={e.balanceAfterFen} />,
    },
    { title: t('fund.memo'), key: 'memo', render: (_, e) => e.projectTitle ?? (e.memo || '—') },
  ]
  return (
    <Drawer
      open={account !== null}
      title={account ? t('fund.accountTitle', { unit: account.unitCode }) : ''}
      size={760}
      onClose={onClose}
      destroyOnHidden
      data-testid="fund-account-drawer"
      extra={
        finance && account ? (
          <Button
            icon={<PlusOutlined />}
            onClick={() => onDeposit(account)}
            data-testid="fund-account-deposit"
          >
            {t('fund.deposit')}
          </Button>
        ) : null
      }
    >
      <ErrorAlert error={detail.error} onRetry={detail.reload} />
      {detail.loading && !d ? <Skeleton active /> : null}
      {d ? (
        <Flex vertical gap={16}>
          <Descriptions size="small" bordered column={2} data-testid="fund-account-facts">
            <Descriptions.Item label={t('fund.buildingArea')}>
              <AreaText value={d.buildingArea} />
            </Descriptions.Item>
            <Descriptions.Item label={t('fund.exclusiveArea')}>
              <AreaText value={d.exclusiveArea} />
            </Descriptions.Item>
            <Descriptions.Item label={t('fund.firstDeposit')}>
              <Money fen={d.firstDepositFen} />
            </Descriptions.Item>
            <Descriptions.Item label={t('fund.deposited')}>
              <Money fen={d.depositedFen} />
            </Descriptions.Item>
            <Descriptions.Item label={t('fund.gains')}>
              <Money fen={d.gainsFen} />
            </Descriptions.Item>
            <Descriptions.Item label={t('fund.spent')}>
              <Money fen={d.spentFen} />
            </Descriptions.Item>
            <Descriptions.Item label={t('fund.balance')}>
              <Money fen={d.balanceFen} strong testId="fund-account-balance" />
            </Descriptions.Item>
            <Descriptions.Item label={t('fund.topUpLine')}>
              <Flex gap={8} align="center">
                <Money fen={d.topUpLineFen} />
                <TopUpTag needsTopUp={d.needsTopUp} />
              </Flex>
            </Descriptions.Item>
            {d.topUp && (
              <Descriptions.Item label={t('fund.topUpSince')} span={2}>
                <span data-testid="fund-account-top-up-term">
                  {d.topUp.since}
                  {d.topUp.term && (
                    <>
                      {' · '}
                      {t('fund.topUpTerm', {
                        decideBy: d.topUp.term.decideBy,
                        percent: d.topUp.term.percent,
                      })}{' '}
                      <Money fen={d.topUp.term.targetFen} />
                      {' · '}
                      {t('fund.topUpMissing')} <Money fen={d.topUp.term.missingFen} />
                    </>
                  )}
                </span>
              </Descriptions.Item>
            )}
          </Descriptions>
          <Table<FundEntry>
            rowKey="id"
            size="small"
            columns={columns}
            dataSource={d.entries}
            pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
            locale={{ emptyText: t('fund.noEntries') }}
            data-testid="fund-account-entries"
          />
        </Flex>
      ) : null}
    </Drawer>
  )
}
