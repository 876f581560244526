import { NavBar, Toast } from 'antd-mobile'
import { Navigate, useLocation, useNavigate, useSearchParams } from 'react-router-dom'
import type { Ticket, TicketCategory, TicketKind } from '../api/types'
import { useT } from '../i18n'
import { useMe } from '../session'
import { CategoryStep } from './ticket/CategoryStep'
import { categoriesFor, isTicketKind } from './ticket/format'
import { TicketForm, UnknownCategory } from './ticket/TicketForm'
import { useTicketCategories } from './ticket/useTicketCategories'

/**
 * /tickets/new?kind=…[&category=…] — taps 2 and 3 of 一键报修 (tap 1 is on the tab). Each step is its own
 * history entry, so the phone's back gesture goes back a step.
 */
export function NewTicketPage() {
  const t = useT()
  const navigate = useNavigate()
  const location = useLocation()
  const [params] = useSearchParams()
  const contextId = useMe().context.id
  const { state, retry } = useTicketCategories(contextId)
  const kindParam = params.get('kind')
  const categoryId = params.get('category')

  if (!isTicketKind(kindParam)) return <Navigate to="/tickets" replace />
  const kind: TicketKind = kindParam

  const back = () => (location.key === 'default' ? navigate('/tickets') : navigate(-1))
  const toCategories = () =>
    location.key === 'default' || !categoryId
      ? navigate(`/tickets/new?kind=${kind}`, { replace: true })
      : navigate(-1)
  const chooseCategory = (category: TicketCategory) =>
    navigate(`/tickets/new?kind=${kind}&category=${encodeURIComponent(category.id)}`)
  const created = (ticket: Ticket) => {
    Toast.show({ icon: 'success', content: t('tickets.submitted') })
    navigate(`/tickets/${ticket.id}`, { replace: true, state: { created: true } })
  }

  const category =
    categoryId && state.status === 'ready'
      ? categoriesFor(state.categories, kind).find((c) => c.id === categoryId)
      : undefined

  return (
    <div className="mh-page mh-new-ticket">
      <NavBar className="mh-navbar" back={t('common.back')} onBack={back}>
        {categoryId ? t('tickets.new.formTitle') : t('tickets.new.categoryTitle')}
      </NavBar>
      <div className="mh-page-body">
        {(!categoryId || state.status !== 'ready') && (
          <CategoryStep kind={kind} state={state} onRetry={() => void retry()} onChoose={chooseCategory} />
        )}
        {categoryId && state.status === 'ready' && !category && (
          <UnknownCategory onChooseAgain={toCategories} />
        )}
        {category && (
          <TicketForm
            key={`${kind}/${category.id}`}
            kind={kind}
            category={category}
            onChangeMatter={toCategories}
            onCreated={created}
          />
        )}
      </div>
    </div>
  )
}
