import { Input, type InputProps, type InputRef } from 'antd-mobile'
import { useLayoutEffect, useRef } from 'react'

/**
 * antd-mobile's Input puts `data-*` attributes on its wrapper <div>; browser tests need the id on the
 * <input> itself (to fill it), so this puts it there.
 */
export function TestIdInput({ testId, ...props }: InputProps & { testId: string }) {
  const ref = useRef<InputRef>(null)
  useLayoutEffect(() => {
    ref.current?.nativeElement?.setAttribute('data-testid', testId)
  }, [testId])
  return <Input ref={ref} {...props} />
}
