import { Button, ErrorBlock, Skeleton } from 'antd-mobile'
import { useCallback, useEffect, useRef, useState } from 'react'
import { Link, useParams } from 'react-router-dom'
import { ApiError, errorMessage } from '../api/client'
import * as endpoints from '../api/endpoints'
import type { Disclosure, PublicCommunityPage } from '../api/types'
import { LanguageToggle } from '../components/LanguageSwitch'
import { useT } from '../i18n'
import { TEST_IDS } from '../testids'
import { DisclosureContent } from './disclosure/DisclosureContent'
import { DisclosureRowText } from './disclosure/DisclosureRow'
import { FundTotals } from './disclosure/FundTotals'
import { formatFen } from './disclosure/format'
import { QuarterChart } from './disclosure/QuarterChart'

type BoardState =
  | { status: 'loading' }
  /** The company has not opened the page, or closed it, or the address is wrong. */
  | { status: 'off' }
  | { status: 'failed'; message: string }
  | { status: 'ready'; board: PublicCommunityPage }

function useBoard(tenantId: string, token: string) {
  const [state, setState] = useState<BoardState>({ status: 'loading' })
  const generation = useRef(0)
  const reload = useCallback(async () => {
    const mine = ++generation.current
    try {
      const board = await endpoints.fetchPublicBoard(tenantId, token)
      if (mine === generation.current) setState({ status: 'ready', board })
    } catch (error) {
      if (mine !== generation.current) return
      // 404: no such page (or closed); 400: an address that cannot be one.
      if (error instanceof ApiError && (error.status === 404 || error.status === 400))
        setState({ status: 'off' })
      else setState({ status: 'failed', message: errorMessage(error) })
    }
  }, [tenantId, token])
  useEffect(() => {
    setState({ status: 'loading' })
    void reload()
  }, [reload])
  return { state, reload }
}

/** An item of the board: its heading; tapped, what it says and its files. */
function BoardItem({ item, tenantId, token }: { item: Disclosure; tenantId: string; token: string }) {
  const t = useT()
  const [open, setOpen] = useState(false)
  return (
    <li
      className="mh-board-item"
      data-testid={TEST_IDS.publicItem}
      data-disclosure-id={item.id}
      data-type={item.type}
      data-open={open}
    >
      <button
        type="button"
        className="mh-row-card mh-dis-item"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
      >
        <DisclosureRowText item={item} />
        <span className="mh-board-toggle">{open ? t('publicBoard.collapse') : t('publicBoard.expand')}</span>
      </button>
      {open && (
        <div className="mh-board-content">
          <DisclosureContent
            item={item}
            href={(sha256) => endpoints.publicAttachmentUrl(tenantId, token, item.id, sha256)}
          />
        </div>
      )}
    </li>
  )
}

function Board({ board, tenantId, token }: { board: PublicCommunityPage; tenantId: string; token: string }) {
  const t = useT()
  return (
    <>
      <h2 className="mh-dis-list-title">{t('publicBoard.items')}</h2>
      {board.items.length === 0 ? (
        <p className="mh-card mh-dis-section mh-dis-muted">{t('publicBoard.itemsEmpty')}</p>
      ) : (
        <ul className="mh-dis-items">
          {board.items.map((item) => (
            <BoardItem key={item.id} item={item} tenantId={tenantId} token={token} />
          ))}
        </ul>
      )}
      <h2 className="mh-dis-list-title">{t('publicBoard.revenue')}</h2>
      <section className="mh-card mh-dis-section">
        <div className="mh-dis-big">
          <span className="mh-dis-big-label">{t('revenue.balance')}</span>
          <span
            className="mh-dis-big-fen"
            data-testid={TEST_IDS.publicRevenueBalance}
            data-fen={board.revenue.balanceFen}
          >
            {formatFen(board.revenue.balanceFen)}
          </span>
        </div>
      </section>
      <QuarterChart quarters={board.revenue.quarters} />
      <h2 className="mh-dis-list-title">{t('publicBoard.fund')}</h2>
      <FundTotals fund={board.fund} title={board.communityName} testId={TEST_IDS.publicFund} />
    </>
  )
}

/**
 * /public/:tenantId/:token — a community's notice board for anyone with the address, signed in or not:
 * published items to read, the public-revenue balance and quarters, the fund's totals. No personal data.
 */
export function PublicBoardPage() {
  const t = useT()
  const { tenantId = '', token = '' } = useParams()
  const { state, reload } = useBoard(tenantId, token)
  const [retrying, setRetrying] = useState(false)
  const retry = async () => {
    setRetrying(true)
    await reload()
    setRetrying(false)
  }

  return (
    <div className="mh-board" data-testid={TEST_IDS.publicBoard} data-state={state.status}>
      <header className="mh-board-hero">
        <div className="mh-login-top">
          <LanguageToggle />
        </div>
        <p className="mh-board-kicker">{t('publicBoard.title')}</p>
        <h1 className="mh-board-name">
          {state.status === 'ready' ? state.board.communityName : t('app.name')}
        </h1>
        <p className="mh-board-subtitle">{t('publicBoard.subtitle')}</p>
      </header>
      <main className="mh-page-body mh-board-body">
        {state.status === 'loading' && (
          <div className="mh-card mh-unit-skeleton">
            <Skeleton.Title animated />
            <Skeleton.Paragraph lineCount={4} animated />
          </div>
        )}
        {state.status === 'off' && (
          <ErrorBlock
            status="empty"
            className="mh-block"
            data-testid={TEST_IDS.publicBoardOff}
            title={t('publicBoard.offTitle')}
            description={t('publicBoard.offDescription')}
          />
        )}
        {state.status === 'failed' && (
          <ErrorBlock
            status="disconnected"
            className="mh-block"
            data-testid={TEST_IDS.publicBoardError}
            title={t('publicBoard.errorTitle')}
            description={state.message}
          >
            <Button color="primary" fill="outline" shape="rounded" loading={retrying} onClick={retry}>
              {t('common.retry')}
            </Button>
          </ErrorBlock>
        )}
        {state.status === 'ready' && <Board board={state.board} tenantId={tenantId} token={token} />}
        <p className="mh-footnote">
          <Link className="mh-dis-inline-link" to="/login">
            {t('publicBoard.signIn')}
          </Link>
          {' · '}
          {t('profile.version')}
        </p>
      </main>
    </div>
  )
}
