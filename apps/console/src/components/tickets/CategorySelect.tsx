import type { TicketCategory, TicketKind } from '@meihao/contracts'
import { TreeSelect } from 'antd'
import { useMemo } from 'react'
import { cachedCategories } from '../../api/tickets'
import { useAsync } from '../../hooks/useAsync'
import { useI18n } from '../../i18n/I18nProvider'
import { type CategoryNode, categoriesFor, categoryTree } from './categoryTree'

interface Option {
  value: string
  title: string
  children?: Option[]
}

const toOptions = (nodes: CategoryNode[]): Option[] =>
  nodes.map((n) => ({ value: n.id, title: n.name, children: n.children ? toOptions(n.children) : undefined }))

/** Picks a category offered for the kind (every active one without a kind), from the tree. */
export function CategorySelect({
  kind,
  value,
  onChange,
  testId,
  placeholder,
  style,
  categories: given,
}: {
  kind?: TicketKind | null
  value?: string | null
  onChange?: (id: string | null) => void
  testId?: string
  placeholder?: string
  style?: React.CSSProperties
  /** A list already loaded (the settings page); otherwise the shared one is fetched. */
  categories?: readonly TicketCategory[]
}) {
  const { t } = useI18n()
  const loaded = useAsync(cachedCategories, [], given === undefined)
  const all = given ?? loaded.data
  const options = useMemo(() => toOptions(categoryTree(categoriesFor(all ?? [], kind))), [all, kind])
  return (
    <TreeSelect<string>
      showSearch
      allowClear
      treeDefaultExpandAll
      treeNodeFilterProp="title"
      value={value ?? undefined}
      onChange={(id?: string) => onChange?.(id ?? null)}
      treeData={options}
      loading={loaded.loading}
      status={loaded.error ? 'error' : undefined}
      placeholder={loaded.error ? t('common.loadFailed') : (placeholder ?? t('ticket.pickCategory'))}
      notFoundContent={t('ticket.noCategories')}
      style={{ minWidth: 180, ...style }}
      data-testid={testId}
    />
  )
}
