import type { Compilable, CompiledQuery } from 'kysely'

/** Stands where a value will go when the template is filled. Kysely treats it as any other value. */
class Slot {
  constructor(readonly name: string) {}
}

/** A placeholder for `fill(values)[name]`, typed as the value it stands for. */
export const slot = <T = string>(name: string): T => new Slot(name) as unknown as T

/**
 * A query built and compiled once, then filled with values on each use: building and compiling the
 * same Kysely query on every request of a hot route costs more Node CPU than the rest of the route.
 * Only values may be slots (never identifiers, list lengths or SQL fragments), so a filled template
 * is exactly the query that building it with those values would compile to.
 */
export interface QueryTemplate<O, K extends string> {
  fill(values: Record<K, unknown>): Compilable<O>
}

export function queryTemplate<O, K extends string = string>(query: Compilable<O>): QueryTemplate<O, K> {
  const compiled = query.compile()
  return {
    fill(values) {
      const parameters = compiled.parameters.map((p) => {
        if (!(p instanceof Slot)) return p
        if (!(p.name in values)) throw new Error(`query template: no value for slot "${p.name}"`)
        return values[p.name as K]
      })
      const filled: CompiledQuery<O> = { ...compiled, parameters }
      return { compile: () => filled }
    },
  }
}
