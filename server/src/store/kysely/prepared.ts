import type {Compilable, CompiledQuery, Kysely, QueryResult} from 'kysely';
import type {Schema} from './schema.js';

/** Stands for a prepared query's `index`-th argument while the query is built and compiled. */
class Placeholder {
  constructor(readonly index: number) {}
}

/**
 * A query whose SQL does not depend on its values, built with Kysely's builder and compiled once,
 * at the first call: `build` gets a placeholder for each argument where the values go, and every
 * call runs the compiled statement with its own arguments bound in their places. Kysely would
 * otherwise build and compile the same statement again on every call (on the sign-in path that
 * was most of Kysely's share of the time). Only for fixed shapes: no lists whose length varies.
 */
export function prepared<A extends unknown[], O>(
  db: () => Kysely<Schema>,
  build: (...args: A) => Compilable<O>,
): (...args: A) => Promise<QueryResult<O>> {
  let compiled: CompiledQuery<O> | undefined;
  let slots: number[] = [];
  return (...args) => {
    if (!compiled) {
      const query = build(...(args.map((_, i) => new Placeholder(i)) as A)).compile();
      slots = query.parameters.map((p) => (p instanceof Placeholder ? p.index : -1));
      // Every argument must have become a parameter (not inlined, not dropped).
      if (args.some((_, i) => !slots.includes(i)))
        throw new Error(`prepared query does not bind every argument: ${query.sql}`);
      compiled = query;
    }
    const {parameters} = compiled;
    return db().executeQuery({
      ...compiled,
      parameters: parameters.map((p, i) => (slots[i]! < 0 ? p : args[slots[i]!])),
    });
  };
}
