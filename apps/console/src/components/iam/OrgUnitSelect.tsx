import type { OrgUnit } from '@meihao/contracts'
import { TreeSelect } from 'antd'
import { useMemo } from 'react'
import { useI18n } from '../../i18n/I18nProvider'
import { buildOrgForest, type OrgNode } from './orgTree'

interface Option {
  value: string
  title: string
  children: Option[]
}

export function OrgUnitSelect({
  units,
  loading,
  value,
  onChange,
  testId,
}: {
  units: readonly OrgUnit[]
  loading?: boolean
  value?: string | null
  onChange?: (id: string | null) => void
  testId?: string
}) {
  const { t } = useI18n()
  const treeData = useMemo(() => {
    const toOption = (n: OrgNode): Option => ({
      value: n.unit.id,
      title: t('common.nameWithNote', { name: n.unit.name, note: t(`orgKind.${n.unit.kind}`) }),
      children: n.children.map(toOption),
    })
    return buildOrgForest(units).map(toOption)
  }, [units, t])
  return (
    <TreeSelect
      allowClear
      showSearch
      treeDefaultExpandAll
      treeNodeFilterProp="title"
      loading={loading}
      value={value ?? undefined}
      onChange={(id?: string) => onChange?.(id ?? null)}
      treeData={treeData}
      placeholder={t('iam.pickOrgUnit')}
      style={{ width: '100%' }}
      data-testid={testId}
    />
  )
}
