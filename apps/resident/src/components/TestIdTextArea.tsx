import { TextArea, type TextAreaProps, type TextAreaRef } from 'antd-mobile'
import { useLayoutEffect, useRef } from 'react'

/** Like TestIdInput: antd-mobile puts `data-*` on the wrapper; browser tests need it on the <textarea>. */
export function TestIdTextArea({ testId, ...props }: TextAreaProps & { testId: string }) {
  const ref = useRef<TextAreaRef>(null)
  useLayoutEffect(() => {
    ref.current?.nativeElement?.setAttribute('data-testid', testId)
  }, [testId])
  return <TextArea ref={ref} {...props} />
}
