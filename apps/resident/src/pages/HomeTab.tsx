import { List, Skeleton, Toast } from 'antd-mobile'
import type { ComponentType, SVGProps } from 'react'
import { useNavigate } from 'react-router-dom'
import { BallotIcon, BuildingIcon, NoticeIcon, WalletIcon, WrenchIcon } from '../components/icons'
import { type MessageKey, useT } from '../i18n'
import { useMe } from '../session'
import { TEST_IDS } from '../testids'
import { awaitsMyVote } from './decision/format'
import type { DecisionsState } from './decision/useMyDecisions'
import { useHomeOutlet } from './HomeLayout'

interface Shortcut {
  key: string
  title: MessageKey
  hint: MessageKey
  Icon: ComponentType<SVGProps<SVGSVGElement>>
  tone: string
  /** Where the open services lead; the others say they are coming instead of leading nowhere. */
  to?: string
}

/** The services owners come for. */
const SHORTCUTS: Shortcut[] = [
  {
    key: 'repair',
    title: 'home.shortcut.repair',
    hint: 'home.shortcut.repairHint',
    Icon: WrenchIcon,
    tone: 'orange',
    to: '/tickets',
  },
  {
    key: 'pay',
    title: 'home.shortcut.pay',
    hint: 'home.shortcut.payHint',
    Icon: WalletIcon,
    tone: 'blue',
    to: '/pay',
  },
  {
    key: 'vote',
    title: 'home.shortcut.vote',
    hint: 'home.shortcut.voteHint',
    Icon: BallotIcon,
    tone: 'purple',
    to: '/decisions',
  },
  {
    key: 'disclosure',
    title: 'home.shortcut.disclosure',
    hint: 'home.shortcut.disclosureHint',
    Icon: NoticeIcon,
    tone: 'green',
    to: '/disclosures',
  },
]

function greetingKey(hour: number): MessageKey {
  if (hour < 5) return 'home.greeting.evening'
  if (hour < 11) return 'home.greeting.morning'
  if (hour < 13) return 'home.greeting.noon'
  if (hour < 18) return 'home.greeting.afternoon'
  return 'home.greeting.evening'
}

/** One line on the home page: how many votes wait for me, or how many are open. */
function DecisionsSummary({ decisions }: { decisions: DecisionsState }) {
  const t = useT()
  if (decisions.status === 'loading') return <Skeleton.Paragraph lineCount={1} animated />
  if (decisions.status === 'failed') return <>{decisions.message}</>
  const now = Date.now()
  const awaiting = decisions.decisions.filter((d) => awaitsMyVote(d, now)).length
  const open = decisions.decisions.filter((d) => d.status === 'open').length
  if (awaiting > 0)
    return <span className="mh-attention">{t('home.decisionsAwaiting', { count: awaiting })}</span>
  if (open > 0) return <>{t('home.decisionsOpen', { count: open })}</>
  return <>{t('home.decisionsNone')}</>
}

export function HomeTab() {
  const t = useT()
  const me = useMe()
  const navigate = useNavigate()
  const { units, decisions } = useHomeOutlet()

  return (
    <div className="mh-home">
      <header className="mh-home-hero">
        <h1 className="mh-home-greeting" data-testid={TEST_IDS.homeGreeting}>
          {t(greetingKey(new Date().getHours()), { name: me.name })}
        </h1>
        <p className="mh-home-company" data-testid={TEST_IDS.homeCompany}>
          {t('home.servedBy', { company: me.context.name })}
        </p>
      </header>

      <section className="mh-card mh-home-services" aria-labelledby="mh-services-title">
        <h2 id="mh-services-title" className="mh-section-title">
          {t('home.services')}
        </h2>
        <div className="mh-shortcuts">
          {SHORTCUTS.map(({ key, title, hint, Icon, tone, to }) => (
            <button
              key={key}
              type="button"
              className={`mh-shortcut mh-tone-${tone}${to ? ' mh-shortcut-open' : ''}`}
              data-testid={`${TEST_IDS.homeShortcut}-${key}`}
              onClick={() =>
                to ? navigate(to) : Toast.show({ content: t('home.comingSoonToast', { name: t(title) }) })
              }
            >
              <span className="mh-icon-badge mh-icon-badge-small mh-shortcut-icon">
                <Icon />
              </span>
              <span className="mh-shortcut-title">{t(title)}</span>
              <span className="mh-shortcut-hint">{t(hint)}</span>
              {!to && <span className="mh-soon">{t('home.comingSoon')}</span>}
            </button>
          ))}
        </div>
        {SHORTCUTS.some((shortcut) => !shortcut.to) && (
          <p className="mh-home-note">{t('home.comingSoonNote')}</p>
        )}
      </section>

      <List className="mh-card mh-list-card">
        <List.Item
          prefix={
            <span className="mh-list-icon">
              <BuildingIcon />
            </span>
          }
          description={
            units.status === 'loading' ? (
              <Skeleton.Paragraph lineCount={1} animated />
            ) : units.status === 'ready' ? (
              units.units.length > 0 ? (
                t('home.myUnitsCount', { count: units.units.length })
              ) : (
                t('home.myUnitsNone')
              )
            ) : (
              units.message
            )
          }
          extra={t('home.myUnitsView')}
          onClick={() => navigate('/units')}
        >
          {t('home.myUnits')}
        </List.Item>
        <List.Item
          prefix={
            <span className="mh-list-icon">
              <BallotIcon />
            </span>
          }
          description={<DecisionsSummary decisions={decisions} />}
          extra={t('home.decisionsView')}
          onClick={() => navigate('/decisions')}
          data-testid={TEST_IDS.homeDecisions}
        >
          {t('home.decisions')}
        </List.Item>
      </List>
    </div>
  )
}
