import { Button, ErrorBlock, NavBar, PullToRefresh, Skeleton, Toast } from 'antd-mobile'
import { useState } from 'react'
import { useLocation, useNavigate, useParams } from 'react-router-dom'
import type { BallotReceipt, MyDecision } from '../api/types'
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
import { useDecision, useTurnout } from './decision/useDecision'

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
  const navigate = useNavigate()
  const location = useLocation()
  const { id = '' } = useParams()
  const { state, reload } = useDecision(id)
  const [cast, setCast] = useState<BallotReceipt | null>(null)

  const onCast = (receipt: BallotReceipt) => {
    setCast(receipt)
    Toast.show({ icon: 'success', content: t('vote.success') })
    window.scrollTo({ top: 0, behavior: 'smooth' })
    void reload()
  }

  // Back where the owner came from (home or the list); straight to the list when opened from a link.
  const back = () => (location.key === 'default' ? navigate('/decisions') : navigate(-1))

  return (
    <div className="mh-page mh-decision-page">
      <NavBar className="mh-navbar" back={t('common.back')} onBack={back}>
        {t('decision.pageTitle')}
      </NavBar>
      <PullToRefresh
        onRefresh={reload}
        pullingText={t('common.pullToRefresh')}
        canReleaseText={t('common.releaseToRefresh')}
        refreshingText={t('common.refreshing')}
        completeText={t('common.refreshed')}
      >
        <div className="mh-page-body">
          {state.status === 'loading' && (
            <div className="mh-card mh-unit-skeleton">
              <Skeleton.Title animated />
              <Skeleton.Paragraph lineCount={4} animated />
            </div>
          )}
          {state.status === 'failed' && (
            <ErrorBlock
              status="default"
              className="mh-block"
              data-testid={TEST_IDS.decisionError}
              title={t('decision.errorTitle')}
              description={state.message}
            >
              <Button color="primary" fill="outline" shape="rounded" onClick={() => void reload()}>
                {t('common.retry')}
              </Button>
            </ErrorBlock>
          )}
          {state.status === 'ready' && (
            // Keyed by id: another decision starts with a fresh ballot and turnout.
            <DecisionBody
              key={state.decision.id}
              decision={state.decision}
              cast={cast?.decisionId === state.decision.id ? cast : null}
              onCast={onCast}
            />
          )}
        </div>
      </PullToRefresh>
    </div>
  )
}
