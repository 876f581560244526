import { PlusOutlined } from '@ant-design/icons'
import type { OrgUnit } from '@meihao/contracts'
import { App, Button, Card, Empty, Space, Spin, Tag, Tree, type TreeDataNode } from 'antd'
import { type Key, useEffect, useMemo, useState } from 'react'
import { listOrgUnits } from '../api/iam'
import { ErrorAlert } from '../components/ErrorAlert'
import { OrgUnitFormModal } from '../components/iam/OrgUnitFormModal'
import { buildOrgForest, type OrgNode } from '../components/iam/orgTree'
import { useAsync } from '../hooks/useAsync'
import { useI18n } from '../i18n/I18nProvider'
import { useSession } from '../session/SessionProvider'

const KIND_COLOR = { group: 'magenta', city: 'blue', project: 'green' } as const

/** 组织架构: 集团 → 城市公司 → 项目 as a tree; managers add children. */
export function OrgPage() {
  const { t } = useI18n()
  const { can } = useSession()
  const { message } = App.useApp()
  const manage = can('iam.org.manage')
  const units = useAsync(listOrgUnits, [])
  const [expanded, setExpanded] = useState<Key[]>([])
  const [adding, setAdding] = useState<{ parent: OrgUnit | null } | null>(null)

  // Everything starts expanded; the tree is small (a company has tens of units, not thousands).
  useEffect(() => {
    if (units.data) setExpanded(units.data.map((u) => u.id))
  }, [units.data])

  const treeData = useMemo(() => {
    const toNode = (n: OrgNode): TreeDataNode => ({
      key: n.unit.id,
      title: (
        <Space size={6} data-testid="org-node" data-id={n.unit.id}>
          <span>{n.unit.name}</span>
          <Tag color={KIND_COLOR[n.unit.kind]} style={{ marginInlineEnd: 0 }}>
            {t(`orgKind.${n.unit.kind}`)}
          </Tag>
          {manage ? (
            <Button
              size="small"
              type="link"
              icon={<PlusOutlined />}
              onClick={(e) => {
                e.stopPropagation()
                setAdding({ parent: n.unit })
              }}
              data-testid="org-add-child"
            >
              {t('org.addChild')}
            </Button>
          ) : null}
        </Space>
      ),
      children: n.children.map(toNode),
    })
    return buildOrgForest(units.data ?? []).map(toNode)
  }, [units.data, manage, t])

  const saved = (unit: OrgUnit) => {
    units.setData((list = []) => [...list, unit])
    message.success(t('common.saved'))
    setAdding(null)
  }

  return (
    <Card
      title={t('menu.org')}
      extra={
        manage ? (
          <Button
            icon={<PlusOutlined />}
            onClick={() => setAdding({ parent: null })}
            data-testid="org-add-root"
          >
            {t('org.addRoot')}
          </Button>
        ) : null
      }
    >
      <ErrorAlert error={units.error} onRetry={units.reload} />
      <Spin spinning={units.loading}>
        {treeData.length > 0 ? (
          <div data-testid="org-tree">
            <Tree
              showLine
              blockNode
              selectable={false}
              treeData={treeData}
              expandedKeys={expanded}
              onExpand={(keys) => setExpanded(keys)}
            />
          </div>
        ) : units.loading ? null : (
          <Empty description={t('org.empty')} />
        )}
      </Spin>
      <OrgUnitFormModal
        open={adding !== null}
        parent={adding?.parent ?? null}
        onClose={() => setAdding(null)}
        onSaved={saved}
      />
    </Card>
  )
}
