import { Empty, Spin, theme } from 'antd'
import type { ReactNode } from 'react'

export interface PickItem {
  key: string
  title: ReactNode
  description?: ReactNode
}

/** A vertical list of selectable rows (communities, buildings) with keyboard support. */
export function PickList({
  items,
  selectedKey,
  onSelect,
  loading,
  itemTestId,
  testId,
  emptyText,
}: {
  items: PickItem[]
  selectedKey: string | null
  onSelect: (key: string) => void
  loading?: boolean
  itemTestId: string
  testId?: string
  emptyText?: ReactNode
}) {
  const { token } = theme.useToken()
  return (
    <Spin spinning={!!loading}>
      {items.length === 0 && !loading ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText} />
      ) : (
        <div role="listbox" data-testid={testId} style={{ display: 'flex', flexDirection: 'column', gap: 4 }}>
          {items.map((item) => {
            const selected = item.key === selectedKey
            return (
              <div
                key={item.key}
                role="option"
                aria-selected={selected}
                tabIndex={0}
                data-testid={itemTestId}
                data-key={item.key}
                onClick={() => onSelect(item.key)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter' || e.key === ' ') {
                    e.preventDefault()
                    onSelect(item.key)
                  }
                }}
                style={{
                  cursor: 'pointer',
                  padding: '8px 12px',
                  borderRadius: token.borderRadius,
                  background: selected ? token.controlItemBgActive : undefined,
                  color: selected ? token.colorPrimary : undefined,
                  outlineColor: token.colorPrimary,
                }}
              >
                <div style={{ fontWeight: selected ? 600 : 400 }}>{item.title}</div>
                {item.description ? (
                  <div style={{ fontSize: token.fontSizeSM, color: token.colorTextSecondary }}>
                    {item.description}
                  </div>
                ) : null}
              </div>
            )
          })}
        </div>
      )}
    </Spin>
  )
}
