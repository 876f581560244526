import type { TicketCategory } from '@meihao/contracts'
import { describe, expect, it } from 'vitest'
import { categoriesFor, categoryPath, categoryTree } from './categoryTree'

const category = (id: string, parentId: string | null, sort: number, extra: Partial<TicketCategory> = {}) =>
  ({
    id,
    parentId,
    code: id,
    name: id.toUpperCase(),
    kinds: ['repair_home'],
    active: true,
    sort,
    ...extra,
  }) satisfies TicketCategory

describe('category tree', () => {
  const list = [
    category('water', null, 2),
    category('leak', 'water', 1),
    category('pipe', 'water', 0),
    category('noise', null, 1, { kinds: ['complaint'] }),
    category('old', null, 3, { active: false }),
  ]

  it('nests children under their parents in sort order', () => {
    const tree = categoryTree(list)
    expect(tree.map((n) => n.id)).toEqual(['noise', 'water', 'old'])
    expect(tree[1]?.children?.map((n) => n.id)).toEqual(['pipe', 'leak'])
  })

  it('keeps a child whose parent was filtered out as a root', () => {
    const tree = categoryTree(list.filter((c) => c.id !== 'water'))
    expect(tree.map((n) => n.id)).toContain('leak')
  })

  it('offers active categories of the kind', () => {
    expect(categoriesFor(list, 'complaint').map((c) => c.id)).toEqual(['noise'])
    expect(categoriesFor(list, null).map((c) => c.id)).not.toContain('old')
    expect(categoriesFor(list, null, true).map((c) => c.id)).toContain('old')
  })

  it('names a category after its ancestors', () => {
    expect(categoryPath(list, 'leak')).toBe('WATER / LEAK')
    expect(categoryPath(list, 'missing')).toBe('')
  })
})
