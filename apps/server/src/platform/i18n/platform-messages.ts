import { registerMessages } from './catalog'

registerMessages({
  'zh-CN': {
    COMMON_VALIDATION_FAILED: '请求参数不正确',
    COMMON_NOT_FOUND: '请求的资源不存在',
    COMMON_ROUTE_NOT_FOUND: '接口不存在：{method} {url}',
    COMMON_UNAUTHENTICATED: '请先登录',
    COMMON_FORBIDDEN: '没有执行此操作的权限',
    COMMON_CSRF_FAILED: '请求来源校验失败，请刷新页面后重试',
    COMMON_RATE_LIMITED: '请求过于频繁，请 {seconds} 秒后再试',
    COMMON_PAYLOAD_TOO_LARGE: '上传内容过大',
    COMMON_CONFLICT: '数据已被修改，请刷新后重试',
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
    COMMON_RATE_LIMITED: 'Too many requests; try again in {seconds} seconds',
    COMMON_PAYLOAD_TOO_LARGE: 'The upload is too large',
    COMMON_CONFLICT: 'The data was changed by someone else; reload and try again',
    COMMON_INTERNAL: 'Internal server error; please try again later (request {requestId})',
    COMMON_UNAVAILABLE: 'Service unavailable',
  },
})
