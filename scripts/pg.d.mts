// Types for scripts/pg.mjs (used from TypeScript by server/test/faults.test.ts).
export interface RunningPostgres {
  /** Superuser URL: postgresql://postgres@127.0.0.1:<port>/postgres */
  url: string;
  port: number;
  dir: string;
  bin: string;
  /** Stops the cluster (immediate mode) and deletes its folder. */
  stop(): Promise<void>;
}
export function findPostgresBin(): string | null;
export function startPostgres(options?: {
  bin?: string | null;
  quiet?: boolean;
}): Promise<RunningPostgres>;
