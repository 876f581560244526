import { PERMISSIONS, type Permission } from '@meihao/contracts'

/** The area a permission belongs to: the part before the first dot ("iam", "estate", …). */
export type PermissionGroup = Permission extends `${infer G}.${string}` ? G : never

export function groupOf(permission: Permission): PermissionGroup {
  return permission.slice(0, permission.indexOf('.')) as PermissionGroup
}

/** Every permission of the platform, grouped by area in the order the contract lists them. */
export function permissionGroups(): { group: PermissionGroup; permissions: Permission[] }[] {
  const groups: { group: PermissionGroup; permissions: Permission[] }[] = []
  for (const p of PERMISSIONS) {
    const group = groupOf(p)
    const existing = groups.find((g) => g.group === group)
    if (existing) existing.permissions.push(p)
    else groups.push({ group, permissions: [p] })
  }
  return groups
}
