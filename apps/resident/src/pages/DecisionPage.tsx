import { Toast } from 'antd-mobile'
import { useState } from 'react'
import { useParams } from 'react-router-dom'
import * as endpoints from '../api/endpoints'
import type { BallotReceipt, MyDecision } from '../api/types'
import { LoadStatus } from '../components/LoadBlocks'
import { PageShell } from '../components/PageShell'
import { useBack } from '../hooks/useBack'
import { useById } from '../hooks/useById'
import { useT } from '../i18n'
import { TEST_IDS } from '../testids'
import { BallotForm } from './decision/BallotForm'
import { CountingRules, DecisionNotice } from './decision/DecisionNotice'
import { canVote } from './decision/format'
import { NotOnRollNotice, PhaseNotice } from './decision/PhaseNotice'
import { ReceiptCard, ReceiptList } from './decision/Receipts'
import { ResultSection } from './decision/ResultSection'
import { RollCard } from './decision/RollCard'
import { TopicList } from './decision/TopicList'
import { TurnoutCard } from './decision/TurnoutCard'
import { useTurnout } from './decision/useTurnout'

interface BodyProps {
  decision: MyDecision
  cast: BallotReceipt | null
  onCast(receipt: BallotReceipt): void
}

/** Action first on a phone: a fresh receipt, the notice, the ballot (or result), turnout, receipts, roll, rules. */
function DecisionBody({ decision, cast, onCast }: BodyProps) {
  const now = Date.now()
  const live = decision.status === 'open' && decision.roll !== null
  const turnout = useTurnout(decision.id, live)
  const voting = canVote(decision, now)
  const result = decision.status === 'closed' ? decision.result : null

  const handleCast = (receipt: BallotReceipt) => {
    onCast(receipt)
    void turnout.reload()
  }

  return (
    <>
      {cast && <ReceiptCard receipt={cast} />}
      <DecisionNotice decision={decision} />
      <PhaseNotice decision={decision} now={now} />
      <NotOnRollNotice decision={decision} />
      {voting && <BallotForm decision={decision} onCast={handleCast} />}
      {result && <ResultSection decision={decision} result={result} />}
      {!voting && !result && <TopicList topics={decision.topics} />}
      {live && <TurnoutCard state={turnout} topics={decision.topics} />}
      <ReceiptList receipts={decision.myReceipts} exclude={cast?.hash} />
      <RollCard decision={decision} />
      <CountingRules />
    </>
  )
}

/** /decisions/:id — one joint decision of my community: read the notice, vote, keep the receipt. */
export function DecisionPage() {
  const t = useT()
  const { id = '' } = useParams()
  const { state, reload } = useById(id, endpoints.fetchMyDecision)
  const [cast, setCast] = useState<BallotReceipt | null>(null)

  const onCast = (receipt: BallotReceipt) => {
    setCast(receipt)
    Toast.show({ icon: 'success', content: t('vote.success') })
    window.scrollTo({ top: 0, behavior: 'smooth' })
    void reload()
  }

  // Back where the owner came from (home or the list); straight to the list when opened from a link.
  const back = useBack('/decisions')

  return (
    <PageShell title={t('decision.pageTitle')} className="mh-decision-page" onBack={back} onRefresh={reload}>
      <LoadStatus
        state={state}
        lines={4}
        errorTestId={TEST_IDS.decisionError}
        errorTitle={t('decision.errorTitle')}
        onRetry={() => void reload()}
      />
      {state.status === 'ready' && (
        // Keyed by id: another decision starts with a fresh ballot and turnout.
        <DecisionBody
          key={state.value.id}
          decision={state.value}
          cast={cast?.decisionId === state.value.id ? cast : null}
          onCast={onCast}
        />
      )}
    </PageShell>
  )
}
