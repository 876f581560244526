import {
  DownOutlined,
  GlobalOutlined,
  KeyOutlined,
  LogoutOutlined,
  MenuOutlined,
  SwapOutlined,
  UserOutlined,
} from '@ant-design/icons'
import {
  App,
  Button,
  Drawer,
  Dropdown,
  Grid,
  Layout,
  Menu,
  type MenuProps,
  Space,
  Typography,
  theme,
} from 'antd'
import { useState } from 'react'
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom'
import { switchContext } from '../api/auth'
import { errorMessage } from '../api/client'
import { useI18n } from '../i18n/I18nProvider'
import { groupMenuKey, MENU, type MenuEntry, menuKeyOf, menuTree } from '../menu'
import { useMe, useSession } from '../session/SessionProvider'
import { InboxBell } from './InboxBell'
import { LanguageSwitch } from './LanguageSwitch'

export function AppLayout() {
  const { t, lang, setLang } = useI18n()
  const me = useMe()
  const { can, logout, refresh } = useSession()
  const { message } = App.useApp()
  const { token } = theme.useToken()
  const location = useLocation()
  const navigate = useNavigate()
  // On a phone (the technician's task screen) the side menu becomes a drawer and the header keeps to icons.
  const narrow = Grid.useBreakpoint().md === false
  const [collapsed, setCollapsed] = useState(false)
  const [drawerOpen, setDrawerOpen] = useState(false)

  const link = (m: MenuEntry) => ({
    key: m.key,
    icon: m.icon,
    label: (
      <Link to={m.path} data-testid={`menu-${m.key}`}>
        {t(m.label)}
      </Link>
    ),
  })
  const tree = menuTree(MENU.filter((m) => can(m.permission)))
  const items: MenuProps['items'] = tree.map((node) =>
    node.kind === 'entry'
      ? link(node.entry)
      : {
          key: groupMenuKey(node.group.key),
          icon: node.group.icon,
          label: <span data-testid={`menu-group-${node.group.key}`}>{t(node.group.label)}</span>,
          children: node.entries.map(link),
        },
  )
  // Submenus start open, so every page stays one click away.
  const openGroups = tree.flatMap((node) => (node.kind === 'group' ? [groupMenuKey(node.group.key)] : []))
  const selected = menuKeyOf(location.pathname)

  const signOut = async () => {
    try {
      await logout()
    } catch (e) {
      message.error(errorMessage(e))
    }
    navigate('/login', { replace: true })
  }

  const others = me.memberships.filter((m) => !(m.kind === me.context.kind && m.id === me.context.id))
  const switchTo = async (key: string) => {
    const target = others.find((m) => `${m.kind}:${m.id}` === key)
    if (!target) return
    try {
      await switchContext(target)
      await refresh()
      message.success(t('layout.switched', { name: target.name }))
      navigate('/', { replace: true })
    } catch (e) {
      message.error(errorMessage(e))
    }
  }

  const userMenu: MenuProps['items'] = [
    // The language switch leaves the narrow header for the menu.
    ...(narrow
      ? [{ key: 'lang', icon: <GlobalOutlined />, label: lang === 'zh-CN' ? t('lang.en') : t('lang.zh') }]
      : []),
    { key: 'password', icon: <KeyOutlined />, label: t('layout.changePassword') },
    { type: 'divider' },
    { key: 'logout', icon: <LogoutOutlined />, label: t('layout.logout'), danger: true },
  ]
  const onUserMenu: MenuProps['onClick'] = ({ key }) => {
    if (key === 'lang') setLang(lang === 'zh-CN' ? 'en-US' : 'zh-CN')
    if (key === 'password') navigate('/password')
    if (key === 'logout') void signOut()
  }

  const menu = (onNavigate?: () => void) => (
    <Menu
      mode="inline"
      items={items}
      selectedKeys={selected ? [selected] : []}
      defaultOpenKeys={openGroups}
      onClick={onNavigate}
      data-testid="side-menu"
      style={{ borderInlineEnd: 'none' }}
    />
  )

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {narrow ? (
        <Drawer
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          placement="left"
          size={240}
          title={<span style={{ color: token.colorPrimary }}>{t('app.name')}</span>}
          styles={{ body: { padding: 0 } }}
        >
          {menu(() => setDrawerOpen(false))}
        </Drawer>
      ) : (
        <Layout.Sider collapsible collapsed={collapsed} onCollapse={setCollapsed} width={208} theme="light">
          <div
            style={{
              height: 56,
              display: 'flex',
              alignItems: 'center',
              justifyContent: 'center',
              fontWeight: 600,
              fontSize: collapsed ? 16 : 18,
              color: token.colorPrimary,
              whiteSpace: 'nowrap',
              overflow: 'hidden',
            }}
          >
            {collapsed ? t('app.shortName') : t('app.name')}
          </div>
          {menu()}
        </Layout.Sider>
      )}
      <Layout>
        <Layout.Header
          style={{
            background: token.colorBgContainer,
            padding: narrow ? '0 12px' : '0 24px',
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'space-between',
            borderBottom: `1px solid ${token.colorBorderSecondary}`,
          }}
        >
          <Space size={4} align="center" style={{ minWidth: 0, lineHeight: 'normal' }}>
            {narrow ? (
              <Button
                type="text"
                icon={<MenuOutlined />}
                aria-label={t('layout.menu')}
                onClick={() => setDrawerOpen(true)}
                data-testid="menu-toggle"
              />
            ) : null}
            {others.length > 0 ? (
              <Dropdown
                menu={{
                  items: others.map((m) => ({ key: `${m.kind}:${m.id}`, label: m.name })),
                  onClick: ({ key }) => void switchTo(key),
                }}
              >
                <Button
                  type="text"
                  data-testid="company-name"
                  icon={<SwapOutlined />}
                  title={t('layout.switch')}
                >
                  {me.context.name}
                </Button>
              </Dropdown>
            ) : (
              <Typography.Text strong data-testid="company-name">
                {me.context.name}
              </Typography.Text>
            )}
          </Space>
          <Space size={narrow ? 'small' : 'middle'}>
            <InboxBell />
            {narrow ? null : <LanguageSwitch />}
            <Dropdown menu={{ items: userMenu, onClick: onUserMenu }}>
              <Button type="text" data-testid="user-menu">
                <Space size={4}>
                  <UserOutlined />
                  <span data-testid="user-name">{me.name}</span>
                  <DownOutlined style={{ fontSize: 10 }} />
                </Space>
              </Button>
            </Dropdown>
            <Button
              icon={<LogoutOutlined />}
              onClick={() => void signOut()}
              aria-label={t('layout.logout')}
              data-testid="logout"
            >
              {narrow ? null : t('layout.logout')}
            </Button>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ margin: narrow ? 12 : 24 }}>
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  )
}
