import { Card, Empty, Flex, Tabs, Typography } from 'antd'
import { useBillingParams, useOnlyCommunity } from '../components/billing/useBillingParams'
import { CommunitySelect } from '../components/CommunitySelect'
import { DisclosureItemsTab } from '../components/disclosure/DisclosureItemsTab'
import { DisclosureSettingsPanel } from '../components/disclosure/DisclosureSettingsPanel'
import { useI18n } from '../i18n/I18nProvider'
import { useSession } from '../session/SessionProvider'

const TABS = ['items', 'settings'] as const
type Tab = (typeof TABS)[number]
const isTab = (v: string | null): v is Tab => v !== null && (TABS as readonly string[]).includes(v)

/**
 * 公示 (民法典 943): per community, what is disclosed and how complete it is, and the community's
 * disclosure settings (city rules, fund rates, the notice-board page). The community and the tab are kept
 * in the address (?community=…&tab=settings).
 */
export function DisclosurePage() {
  const { t } = useI18n()
  const { can } = useSession()
  const { params, communityId, update } = useBillingParams()
  useOnlyCommunity(communityId, (id) => update({ community: id }))
  const tabParam = params.get('tab')
  const tab: Tab = isTab(tabParam) ? tabParam : 'items'
  const manage = can('disclosure.manage')

  return (
    <Card title={t('menu.disclosureItems')} data-testid="disclosure-page">
      <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }}>
        <CommunitySelect
          value={communityId}
          onChange={(id) => update({ community: id })}
          testId="disclosure-community"
          style={{ width: 280 }}
        />
        <Typography.Text type="secondary">{t('disclosure.pageHint')}</Typography.Text>
      </Flex>
      {communityId === null ? (
        <Empty description={t('billing.pickCommunity')} />
      ) : (
        <Tabs
          activeKey={tab}
          onChange={(next) => update({ tab: next === 'items' ? null : next })}
          destroyOnHidden
          items={[
            {
              key: 'items',
              label: <span data-testid="disclosure-tab-items">{t('disclosure.tabItems')}</span>,
              children: <DisclosureItemsTab communityId={communityId} manage={manage} />,
            },
            {
              key: 'settings',
              label: <span data-testid="disclosure-tab-settings">{t('disclosure.tabSettings')}</span>,
              children: <DisclosureSettingsPanel communityId={communityId} editable={manage} />,
            },
          ]}
        />
      )}
    </Card>
  )
}
