import { ConfigProvider, unstableSetRender } from 'antd-mobile'
import enUS from 'antd-mobile/es/locales/en-US'
import zhCN from 'antd-mobile/es/locales/zh-CN'
import { StrictMode } from 'react'
import { createRoot, type Root } from 'react-dom/client'
import { BrowserRouter } from 'react-router-dom'
import { App } from './App'
import { useLanguage } from './i18n'
import { SessionProvider } from './session'
import './styles.css'
import './decisions.css'
import './tickets.css'
import './pay.css'
import './disclosure.css'

// antd-mobile 5 renders Toast/Dialog/ActionSheet with the legacy ReactDOM.render unless told how to
// with React 19 (https://mobile.ant.design/guide/v5-for-19).
const roots = new WeakMap<Element | DocumentFragment, Root>()
unstableSetRender((node, container) => {
  const root = roots.get(container) ?? createRoot(container)
  roots.set(container, root)
  root.render(node)
  return async () => {
    await new Promise((resolve) => setTimeout(resolve, 0))
    root.unmount()
    roots.delete(container)
  }
})

function ResidentApp() {
  const lang = useLanguage()
  return (
    <ConfigProvider locale={lang === 'en-US' ? enUS : zhCN}>
      <BrowserRouter>
        <SessionProvider>
          <App />
        </SessionProvider>
      </BrowserRouter>
    </ConfigProvider>
  )
}

const container = document.getElementById('root')
if (!container) throw new Error('index.html has no #root')
createRoot(container).render(
  <StrictMode>
    <ResidentApp />
  </StrictMode>,
)
