import { ErrorBody } from '@meihao/contracts'
import { z } from 'zod'
import type { RouteSpec } from './route'

const toSchema = (schema: z.ZodType) => {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, {
    io: 'input',
    unrepresentable: 'any',
  }) as Record<string, unknown>
  return rest
}

function parametersOf(where: 'path' | 'query', schema: z.ZodType | undefined) {
  if (!schema) return []
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as {
    properties?: Record<string, unknown>
    required?: string[]
  }
  return Object.entries(json.properties ?? {}).map(([name, s]) => ({
    name,
    in: where,
    required: where === 'path' || (json.required ?? []).includes(name),
    schema: s,
  }))
}

/** OpenAPI 3.1 from the same zod contracts the server validates with. */
export function buildOpenApi(routes: readonly RouteSpec[], version: string) {
  const paths: Record<string, Record<string, unknown>> = {}
  for (const route of routes) {
    const path = route.url.replace(/:(\w+)/g, '{$1}')
    const operation: Record<string, unknown> = {
      summary: route.summary,
      tags: route.tags,
      'x-permission': route.permission,
      parameters: [...parametersOf('path', route.params), ...parametersOf('query', route.query)],
      responses: {
        [String(route.status ?? 200)]: {
          description: 'OK',
          ...(route.response
            ? { content: { 'application/json': { schema: toSchema(route.response) } } }
            : {}),
        },
        default: { description: 'Error', content: { 'application/json': { schema: toSchema(ErrorBody) } } },
      },
      ...(route.permission === 'public' ? { security: [] } : {}),
    }
    if (route.body) {
      operation.requestBody = {
        required: true,
        content: { 'application/json': { schema: toSchema(route.body) } },
      }
    }
    paths[path] = { ...paths[path], [route.method.toLowerCase()]: operation }
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Meihao 美好 API',
      version,
      description: 'Errors: {error:{code,message,details}}; messages follow Accept-Language (zh-CN, en-US).',
    },
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'mh_session' },
        apiKey: { type: 'http', scheme: 'bearer' },
      },
    },
    security: [{ session: [] }, { apiKey: [] }],
    paths,
  }
}
