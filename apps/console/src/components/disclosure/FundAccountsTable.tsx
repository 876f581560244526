import type { FundAccount } from '@meihao/contracts'
import { Flex, Switch, Table, type TableColumnsType, Typography } from 'antd'
import type { HTMLAttributes } from 'react'
import { listFundAccounts } from '../../api/disclosure'
import { useCursorList } from '../../hooks/useCursorList'
import { useI18n } from '../../i18n/I18nProvider'
import { AreaText } from '../AreaText'
import { Money } from '../billing/BillingTags'
import { ErrorAlert } from '../ErrorAlert'
import { LoadMore } from '../LoadMore'
import { TopUpTag } from './DisclosureTags'

/**
 * 分户账: every unit's sub-account by unit code — first deposit, deposits, gains, spending, balance and the
 * 30% line below which it is flagged for top-up — a page at a time; a row opens its movements.
 */
export function FundAccountsTable({
  communityId,
  topUpOnly,
  revision,
  onTopUpOnlyChange,
  onOpen,
}: {
  communityId: string
  topUpOnly: boolean
  /** Changes when money moved: the list is asked again. */
  revision: number
  onTopUpOnlyChange: (on: boolean) => void
  onOpen: (account: FundAccount) => void
}) {
  const { t } = useI18n()
  const accounts = useCursorList(
    (cursor) => listFundAccounts({ communityId, topUpOnly, cursor }),
    [communityId, topUpOnly, revision],
  )
  const columns: TableColumnsType<FundAccount> = [
    {
      title: t('fund.unitCode'),
      dataIndex: 'unitCode',
      render: (_, a) => <Typography.Link data-testid="fund-account-open">{a.unitCode}</Typography.Link>,
    },
    {
      title: t('fund.buildingArea'),
      dataIndex: 'buildingArea',
      align: 'right',
      render: (_, a) => <AreaText value={a.buildingArea} />,
    },
    {
      title: t('fund.exclusiveArea'),
      dataIndex: 'exclusiveArea',
      align: 'right',
      render: (_, a) => <AreaText value={a.exclusiveArea} />,
    },
    {
      title: t('fund.firstDeposit'),
      dataIndex: 'firstDepositFen',
      align: 'right',
      render: (_, a) => <Money fen={a.firstDepositFen} />,
    },
    {
      title: t('fund.deposited'),
      dataIndex: 'depositedFen',
      align: 'right',
      render: (_, a) => <Money fen={a.depositedFen} />,
    },
    {
      title: t('fund.gains'),
      dataIndex: 'gainsFen',
      align: 'right',
      render: (_, a) => <Money fen={a.gainsFen} />,
    },
    {
      title: t('fund.spent'),
      dataIndex: 'spentFen',
      align: 'right',
      render: (_, a) => <Money fen={a.spentFen} />,
    },
    {
      title: t('fund.balance'),
      dataIndex: 'balanceFen',
      align: 'right',
      render: (_, a) => <Money fen={a.balanceFen} strong />,
    },
    {
      title: t('fund.topUpLine'),
      dataIndex: 'topUpLineFen',
      align: 'right',
      render: (_, a) => <Money fen={a.topUpLineFen} />,
    },
    {
      title: t('fund.topUp'),
      dataIndex: 'needsTopUp',
      render: (_, a) => <TopUpTag needsTopUp={a.needsTopUp} />,
    },
  ]
  return (
    <Flex vertical gap={12}>
      <Flex gap={8} align="center">
        <Switch checked={topUpOnly} onChange={onTopUpOnlyChange} data-testid="fund-top-up-only" />
        <Typography.Text>{t('fund.topUpOnly')}</Typography.Text>
      </Flex>
      <ErrorAlert error={accounts.error} onRetry={accounts.reload} />
      <Table<FundAccount>
        rowKey="unitId"
        size="small"
        columns={columns}
        dataSource={accounts.items}
        loading={accounts.loading}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: topUpOnly ? t('fund.noTopUp') : t('fund.noAccounts') }}
        data-testid="fund-accounts"
        onRow={(a) =>
          ({
            'data-testid': 'fund-account-row',
            'data-unit': a.unitCode,
            'data-top-up': a.needsTopUp ? 'true' : 'false',
            style: { cursor: 'pointer' },
            onClick: () => onOpen(a),
          }) as HTMLAttributes<HTMLElement>
        }
      />
      <LoadMore
        hasMore={accounts.hasMore}
        loading={accounts.loadingMore}
        onClick={accounts.loadMore}
        testId="fund-accounts-more"
      />
    </Flex>
  )
}
