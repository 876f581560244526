import { ActionSheet, Button, Dialog, List, NavBar, Toast } from 'antd-mobile'
import { useNavigate } from 'react-router-dom'
import { errorMessage } from '../api/client'
import { CompanyIcon, GlobeIcon, LockIcon, SwapIcon } from '../components/icons'
import { LanguageSwitch } from '../components/LanguageSwitch'
import { useT } from '../i18n'
import { useMe, useSession } from '../session'
import { TEST_IDS } from '../testids'

export function ProfileTab() {
  const t = useT()
  const me = useMe()
  const { signOut, switchTo } = useSession()
  const navigate = useNavigate()
  const companies = me.memberships.filter((m) => m.kind === 'tenant')

  const chooseCompany = () => {
    const handler = ActionSheet.show({
      extra: t('profile.switchCompanyTitle'),
      cancelText: t('common.cancel'),
      actions: companies.map((m) => ({
        key: m.id,
        text: m.name,
        disabled: m.id === me.context.id,
      })),
      onAction: async (action) => {
        handler.close()
        const target = companies.find((m) => m.id === action.key)
        if (!target) return
        try {
          await switchTo(target)
          Toast.show({ icon: 'success', content: t('profile.switched', { company: target.name }) })
        } catch (error) {
          Toast.show({ icon: 'fail', content: errorMessage(error) })
        }
      },
    })
  }

  const confirmLogout = async () => {
    const confirmed = await Dialog.confirm({
      content: t('profile.logoutConfirm'),
      confirmText: t('profile.logout'),
      cancelText: t('common.cancel'),
    })
    if (!confirmed) return
    try {
      await signOut()
    } catch (error) {
      Toast.show({ icon: 'fail', content: errorMessage(error) })
    }
  }

  return (
    <div className="mh-page">
      <NavBar className="mh-navbar" backIcon={false}>
        {t('profile.title')}
      </NavBar>
      <div className="mh-page-body">
        <section className="mh-card mh-profile">
          <div className="mh-avatar" aria-hidden="true">
            {Array.from(me.name)[0] ?? '·'}
          </div>
          <div className="mh-profile-text">
            <div className="mh-profile-name" data-testid={TEST_IDS.profileName}>
              {me.name}
            </div>
            <div className="mh-profile-phone" data-testid={TEST_IDS.profilePhone}>
              {me.phoneMasked}
            </div>
          </div>
        </section>

        <List className="mh-card mh-list-card">
          <List.Item
            prefix={
              <span className="mh-list-icon">
                <CompanyIcon />
              </span>
            }
            description={me.context.name}
          >
            {t('profile.company')}
          </List.Item>
          {companies.length > 1 && (
            <List.Item
              prefix={
                <span className="mh-list-icon">
                  <SwapIcon />
                </span>
              }
              onClick={chooseCompany}
              data-testid={TEST_IDS.profileSwitchCompany}
            >
              {t('profile.switchCompany')}
            </List.Item>
          )}
          <List.Item
            prefix={
              <span className="mh-list-icon">
                <LockIcon />
              </span>
            }
            onClick={() => navigate('/password')}
            data-testid={TEST_IDS.profileChangePassword}
          >
            {t('profile.changePassword')}
          </List.Item>
        </List>

        <List className="mh-card mh-list-card">
          <List.Item
            prefix={
              <span className="mh-list-icon">
                <GlobeIcon />
              </span>
            }
            description={<LanguageSwitch testId={TEST_IDS.profileLanguage} />}
          >
            {t('language.label')}
          </List.Item>
        </List>

        <div className="mh-logout">
          <Button
            block
            shape="rounded"
            size="large"
            onClick={confirmLogout}
            data-testid={TEST_IDS.profileLogout}
          >
            {t('profile.logout')}
          </Button>
        </div>
        <p className="mh-footnote">{t('profile.version')}</p>
      </div>
    </div>
  )
}
