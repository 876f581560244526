import { Card, Tabs } from 'antd'
import { useSearchParams } from 'react-router-dom'
import { CategoryEditor } from '../components/tickets/CategoryEditor'
import { SlaPolicyEditor } from '../components/tickets/SlaPolicyEditor'
import { TicketSettingsForm } from '../components/tickets/TicketSettingsForm'
import { useI18n } from '../i18n/I18nProvider'

const TABS = ['categories', 'policies', 'community'] as const
type Tab = (typeof TABS)[number]
const isTab = (v: string | null): v is Tab => v !== null && (TABS as readonly string[]).includes(v)

/** 工单设置: the category tree, the SLA targets, and each community's hours, warnings and escalation. */
export function SlaSettingsPage() {
  const { t } = useI18n()
  const [params, setParams] = useSearchParams()
  const tabParam = params.get('tab')
  const tab: Tab = isTab(tabParam) ? tabParam : 'categories'
  const communityId = params.get('community')

  const update = (key: 'tab' | 'community', value: string | null) => {
    const merged = new URLSearchParams(params)
    if (value) merged.set(key, value)
    else merged.delete(key)
    setParams(merged, { replace: true })
  }
  const onCommunity = (id: string | null) => update('community', id)

  return (
    <Card title={t('menu.ticketSettings')} data-testid="sla-settings-page">
      <Tabs
        activeKey={tab}
        onChange={(next) => update('tab', next === 'categories' ? null : next)}
        destroyOnHidden
        items={[
          {
            key: 'categories',
            label: <span data-testid="settings-tab-categories">{t('settings.tab.categories')}</span>,
            children: <CategoryEditor />,
          },
          {
            key: 'policies',
            label: <span data-testid="settings-tab-policies">{t('settings.tab.policies')}</span>,
            children: <SlaPolicyEditor communityId={communityId} onCommunityChange={onCommunity} />,
          },
          {
            key: 'community',
            label: <span data-testid="settings-tab-community">{t('settings.tab.community')}</span>,
            children: <TicketSettingsForm communityId={communityId} onCommunityChange={onCommunity} />,
          },
        ]}
      />
    </Card>
  )
}
