import type { TicketCategory, TicketKind } from '@meihao/contracts'

export interface CategoryNode extends TicketCategory {
  children?: CategoryNode[]
}

const bySort = (a: TicketCategory, b: TicketCategory) =>
  a.sort - b.sort || a.name.localeCompare(b.name, 'zh-CN') || a.code.localeCompare(b.code)

/**
 * The flat list as a tree in sort order. A category whose parent is not in the list (filtered out, or
 * missing) becomes a root, so nothing the filter kept disappears.
 */
export function categoryTree(categories: readonly TicketCategory[]): CategoryNode[] {
  const nodes = new Map<string, CategoryNode>(categories.map((c) => [c.id, { ...c }]))
  const roots: CategoryNode[] = []
  for (const node of [...nodes.values()].sort(bySort)) {
    const parent = node.parentId ? nodes.get(node.parentId) : undefined
    if (!parent || parent.id === node.id) roots.push(node)
    else if (parent.children) parent.children.push(node)
    else parent.children = [node]
  }
  return roots
}

/** Categories offered for a kind (all kinds when none is given), active ones unless asked otherwise. */
export function categoriesFor(
  categories: readonly TicketCategory[],
  kind: TicketKind | null | undefined,
  includeInactive = false,
): TicketCategory[] {
  return categories.filter((c) => (includeInactive || c.active) && (!kind || c.kinds.includes(kind)))
}

/** "水电 / 漏水": the category's name after its ancestors'. */
export function categoryPath(categories: readonly TicketCategory[], id: string | null | undefined): string {
  const byId = new Map(categories.map((c) => [c.id, c]))
  const names: string[] = []
  let current = id ? byId.get(id) : undefined
  for (let depth = 0; current && depth < 10; depth++) {
    names.unshift(current.name)
    current = current.parentId ? byId.get(current.parentId) : undefined
  }
  return names.join(' / ')
}
