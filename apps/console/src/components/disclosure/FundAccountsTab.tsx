import type { FundAccount, FundSummary } from '@meihao/contracts'
import { Flex } from 'antd'
import { useState } from 'react'
import type { AsyncState } from '../../hooks/useAsync'
import { ErrorAlert } from '../ErrorAlert'
import { FundAccountDrawer } from './FundAccountDrawer'
import { FundAccountsTable } from './FundAccountsTable'
import { FundSummaryCards } from './FundSummaryCards'

/** The fund in figures and every unit's sub-account; a row opens its movements. */
export function FundAccountsTab({
  communityId,
  summary,
  revision,
  finance,
  onDeposit,
}: {
  communityId: string
  summary: AsyncState<FundSummary>
  revision: number
  finance: boolean
  onDeposit: (account: FundAccount) => void
}) {
  const [topUpOnly, setTopUpOnly] = useState(false)
  const [open, setOpen] = useState<FundAccount | null>(null)
  return (
    <Flex vertical gap={16}>
      <ErrorAlert error={summary.error} onRetry={summary.reload} />
      {summary.data ? <FundSummaryCards summary={summary.data} /> : null}
      <FundAccountsTable
        communityId={communityId}
        topUpOnly={topUpOnly}
        revision={revision}
        onTopUpOnlyChange={setTopUpOnly}
        onOpen={setOpen}
      />
      <FundAccountDrawer
        account={open}
        revision={revision}
        finance={finance}
        onDeposit={onDeposit}
        onClose={() => setOpen(null)}
      />
    </Flex>
  )
}
