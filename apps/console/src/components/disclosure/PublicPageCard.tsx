import { ExportOutlined, PrinterOutlined } from '@ant-design/icons'
import { App, Button, Card, Flex, QRCode, type QRCodeRef, Switch, Typography } from 'antd'
import { useRef } from 'react'
import { useI18n } from '../../i18n/I18nProvider'

/** The full address of the notice-board page, as a QR code posted in the lobby encodes it. */
export const publicPageUrl = (publicPath: string, origin = window.location.origin) => `${origin}${publicPath}`

/**
 * Prints the QR code on a page of its own: the community's name, the code and the address under it. The
 * SVG is copied into a blank window (no app styles), which prints and closes.
 */
function printQr(svg: string, heading: string, url: string, hint: string): boolean {
  const win = window.open('', '_blank', 'width=600,height=760')
  if (!win) return false
  const doc = win.document
  doc.title = heading
  const style = doc.createElement('style')
  style.textContent =
    'body{font-family:sans-serif;text-align:center;padding:40px}svg{width:320px;height:320px}' +
    'h1{font-size:24px}p{font-size:13px;word-break:break-all;color:#333}'
  doc.head.append(style)
  const title = doc.createElement('h1')
  title.textContent = heading
  const code = doc.createElement('div')
  code.innerHTML = svg
  const note = doc.createElement('p')
  note.textContent = hint
  const address = doc.createElement('p')
  address.textContent = url
  doc.body.append(title, code, note, address)
  win.focus()
  win.print()
  return true
}

/**
 * 公示栏页面: a read-only page of the community's published disclosures, public-revenue and fund figures
 * (no personal data), reached without signing in through a secret address. Turning it off and on again
 * makes a new address, so codes already posted stop working.
 */
export function PublicPageCard({
  communityName,
  publicPath,
  editable,
  busy,
  onToggle,
}: {
  communityName: string
  publicPath: string | null
  editable: boolean
  busy: boolean
  onToggle: (on: boolean) => void
}) {
  const { t } = useI18n()
  const { message, modal } = App.useApp()
  const qr = useRef<QRCodeRef>(null)
  const url = publicPath ? publicPageUrl(publicPath) : null

  const print = () => {
    const svg = qr.current?.nativeElement.querySelector('svg')?.outerHTML
    if (!svg || !url) return
    const heading = t('publicPage.printHeading', { community: communityName })
    if (!printQr(svg, heading, url, t('publicPage.printHint'))) message.error(t('publicPage.popupBlocked'))
  }

  const on = publicPath !== null
  return (
    <Card size="small" title={t('publicPage.title')} data-testid="public-page-card">
      <Flex vertical gap={12}>
        <Flex gap={12} align="center">
          <Switch
            checked={on}
            disabled={!editable}
            loading={busy}
            onChange={(next) => {
              if (next) onToggle(true)
              // Turning off breaks every posted code: asked first.
              else
                modal.confirm({
                  title: t('publicPage.offConfirm'),
                  content: t('publicPage.offConfirmHint'),
                  okText: t('publicPage.turnOff'),
                  cancelText: t('common.cancel'),
                  okButtonProps: { danger: true, 'data-testid': 'public-page-off-confirm' },
                  onOk: () => onToggle(false),
                })
            }}
            data-testid="public-page-switch"
          />
          <Typography.Text>{publicPath ? t('publicPage.on') : t('publicPage.off')}</Typography.Text>
        </Flex>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t('publicPage.hint')}
        </Typography.Paragraph>
        {url ? (
          <Flex gap={24} wrap align="flex-start">
            <QRCode
              ref={qr}
              value={url}
              type="svg"
              size={180}
              errorLevel="M"
              bordered
              data-testid="public-page-qr"
            />
            <Flex vertical gap={8} style={{ minWidth: 0, flex: 1 }}>
              <Typography.Text strong>{t('publicPage.url')}</Typography.Text>
              <Typography.Text
                copyable={{ text: url }}
                data-testid="public-page-url"
                style={{ wordBreak: 'break-all' }}
              >
                {url}
              </Typography.Text>
              <Flex gap={8} wrap>
                <Button icon={<PrinterOutlined />} onClick={print} data-testid="public-page-print">
                  {t('publicPage.print')}
                </Button>
                <Button
                  icon={<ExportOutlined />}
                  href={url}
                  target="_blank"
                  rel="noreferrer"
                  data-testid="public-page-open"
                >
                  {t('publicPage.open')}
                </Button>
              </Flex>
            </Flex>
          </Flex>
        ) : null}
      </Flex>
    </Card>
  )
}
