// Types for scripts/size-lib.mjs (used from TypeScript by test/node/size-budget.test.ts).
export interface Entry {
  name: string;
  kind: 'element' | 'combo' | 'kit' | 'locale' | 'locale-ids' | 'reference';
  files: string[];
  code?: string;
  external?: string[];
}
export interface Size {
  minified: number;
  gzip: number;
  brotli: number;
}
export interface Row {
  entry: Entry;
  size: Size;
  /** Per input file, the minified bytes it contributes to the output. */
  inputs: Record<string, number>;
  bytes: Uint8Array;
}
export interface BudgetResult {
  entry: string;
  maxBrotli: number;
  brotli: number | null;
  ok: boolean;
  message: string;
}
export interface Baseline {
  entries: Record<string, {brotli: number; minified: number; inputs: Record<string, number>}>;
}
export const root: string;
export const KB: number;
export const LOCALE_BUDGET: number;
export const LOCALE_IDS_ENTRY: string;
export const BUDGETS: {entry: string; maxBrotli: number}[];
export const BASELINE_FILE: string;
export function elementTags(): string[];
export function localeModules(): {locale: string; file: string}[];
export function entries(): {list: Entry[]; missing: string[]};
export function bundle(
  entry: Pick<Entry, 'name' | 'files'> & Partial<Entry>,
): Promise<{bytes: Uint8Array; inputs: Record<string, number>; warnings: string[]}>;
export function measure(bytes: Uint8Array): Size;
export function measureAll(): Promise<{
  rows: Row[];
  missing: string[];
  errors: string[];
  warnings: string[];
}>;
export function budgetsFor(rows: Row[]): {entry: string; maxBrotli: number}[];
export function readBaseline(): Baseline | null;
export function baselineOf(rows: Row[]): Baseline & {note: string};
export function whatGrew(row: Row, baseline: Baseline | null, limit?: number): string;
export function checkBudgets(rows: Row[], baseline?: Baseline | null): BudgetResult[];
export function kB(n: number): string;
