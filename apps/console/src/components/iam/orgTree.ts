import type { OrgUnit } from '@meihao/contracts'

export interface OrgNode {
  unit: OrgUnit
  children: OrgNode[]
}

const KIND_ORDER = { group: 0, city: 1, project: 2 } as const

/** The flat org list as a forest; units whose parent is missing become roots so nothing is hidden. */
export function buildOrgForest(units: readonly OrgUnit[]): OrgNode[] {
  const nodes = new Map(units.map((u) => [u.id, { unit: u, children: [] as OrgNode[] }]))
  const roots: OrgNode[] = []
  for (const node of nodes.values()) {
    const parent = node.unit.parentId ? nodes.get(node.unit.parentId) : undefined
    if (parent) parent.children.push(node)
    else roots.push(node)
  }
  const sort = (list: OrgNode[]) => {
    list.sort(
      (a, b) =>
        KIND_ORDER[a.unit.kind] - KIND_ORDER[b.unit.kind] || a.unit.name.localeCompare(b.unit.name, 'zh-CN'),
    )
    for (const n of list) sort(n.children)
  }
  sort(roots)
  return roots
}

/** The usual kind of a new child: 集团 → 城市公司 → 项目. */
export function childKindOf(parent: OrgUnit | null): OrgUnit['kind'] {
  if (!parent) return 'group'
  return parent.kind === 'group' ? 'city' : 'project'
}
