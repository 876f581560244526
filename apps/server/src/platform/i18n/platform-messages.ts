import { registerMessages } from './catalog'

registerMessages({
  'zh-CN': {
    COMMON_VALIDATION_FAILED: '请求参数不正确',
    COMMON_NOT_FOUND: '请求的资源不存在',
    COMMON_ROUTE_NOT_FOUND: '接口不存在：{method} {url}',
    COMMON_UNAUTHENTICATED: '请先登录',
    COMMON_FORBIDDEN: '没有执行此操作的权限',
    COMMON_CSRF_FAILED: '请求来源校验失败，请刷新页面后重试',
    COMMON_PASSWORD_CHANGE_REQUIRED: '密码已被管理员重置，请先修改密码',
    COMMON_RATE_LIMITED: '请求过于频繁，请 {seconds} 秒后再试',
    COMMON_PAYLOAD_TOO_LARGE: '上传内容过大',
    COMMON_FILE_TOO_LARGE: '文件为空或超过 {maxBytes} 字节',
    COMMON_IDEMPOTENCY_KEY_INVALID: 'Idempotency-Key 须为 8–100 位字母、数字或 _ . : -，且仅限已登录的调用方',
    COMMON_IDEMPOTENCY_KEY_REUSED: '该 Idempotency-Key 已用于另一个请求',
    COMMON_IDEMPOTENCY_IN_PROGRESS: '相同 Idempotency-Key 的请求仍在处理中，请稍后重试',
    COMMON_FILE_TYPE_MISMATCH: '文件内容与类型 {contentType} 不符（只接受 JPEG、PNG、PDF）',
    COMMON_CONFLICT: '数据已被修改，请刷新后重试',
    COMMON_REFERENCE_NOT_FOUND: '引用的数据不存在或不在您的公司内',
    COMMON_BAD_CURSOR: '分页游标无效，请从第一页重新加载',
    COMMON_INTERNAL: '服务器内部错误，请稍后重试（请求编号 {requestId}）',
    COMMON_UNAVAILABLE: '服务暂不可用',
  },
  'en-US': {
    COMMON_VALIDATION_FAILED: 'The request is not valid',
    COMMON_NOT_FOUND: 'The requested resource does not exist',
    COMMON_ROUTE_NOT_FOUND: 'No such endpoint: {method} {url}',
    COMMON_UNAUTHENTICATED: 'Please sign in first',
    COMMON_FORBIDDEN: 'You do not have permission to do this',
    COMMON_CSRF_FAILED: 'The request origin could not be verified; reload the page and try again',
    COMMON_PASSWORD_CHANGE_REQUIRED: 'Your password was reset by an administrator; change it first',
    COMMON_RATE_LIMITED: 'Too many requests; try again in {seconds} seconds',
    COMMON_PAYLOAD_TOO_LARGE: 'The upload is too large',
    COMMON_FILE_TOO_LARGE: 'The file is empty or larger than {maxBytes} bytes',
    COMMON_IDEMPOTENCY_KEY_INVALID:
      'An Idempotency-Key is 8–100 letters, digits or _ . : -, and only for signed-in callers',
    COMMON_IDEMPOTENCY_KEY_REUSED: 'This Idempotency-Key was used for another request',
    COMMON_IDEMPOTENCY_IN_PROGRESS: 'A request with this Idempotency-Key is still running: retry shortly',
    COMMON_FILE_TYPE_MISMATCH:
      'The file content does not match its type {contentType} (JPEG, PNG or PDF only)',
    COMMON_CONFLICT: 'The data was changed by someone else; reload and try again',
    COMMON_REFERENCE_NOT_FOUND: 'A referenced record does not exist in your company',
    COMMON_BAD_CURSOR: 'The page cursor is not valid; reload from the first page',
    COMMON_INTERNAL: 'Internal server error; please try again later (request {requestId})',
    COMMON_UNAVAILABLE: 'Service unavailable',
  },
})

// Messages named by the zod contracts (their custom messages are these keys, translated here).
registerMessages({
  'zh-CN': {
    'validation.area': '面积须为最多两位小数的数字，如 89.37',
    'validation.areaPositive': '面积须大于 0',
    'validation.phone': '手机号须为 1 开头的 11 位数字',
    'validation.roleCode': '编码只能包含小写字母、数字和下划线，且以字母开头',
    'validation.divisionCode': '行政区划代码须为 6 位数字（GB/T 2260）',
    'validation.code': '编码只能包含字母、数字、- 和 _',
    'validation.idNumber': '身份证号须为 18 位',
    'validation.plate': '车牌号格式不正确，如 沪A12345',
  },
  'en-US': {
    'validation.area': 'Area must be a number with at most two decimals, e.g. 89.37',
    'validation.areaPositive': 'Area must be more than 0',
    'validation.phone': 'Mobile number must have 11 digits starting with 1',
    'validation.roleCode': 'Code may hold lowercase letters, digits and _, starting with a letter',
    'validation.divisionCode': 'Administrative division code must have 6 digits (GB/T 2260)',
    'validation.code': 'Code may hold letters, digits, - and _ only',
    'validation.idNumber': 'ID number must have 18 characters',
    'validation.plate': 'Plate number is not valid, e.g. 沪A12345',
  },
})
