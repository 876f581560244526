export * from './common'
export * from './estate'
export * from './iam'
export * from './permissions'
