// Types for scripts/pack-locales.mjs (used from TypeScript by test/node/locales.test.ts).
export const PACKED_DIR: string;
export const IDS_FILE: string;
export function readConfig(): {locales: string[]; from: string};
export function pack(options: {from: string; locales: readonly string[]}): Map<string, string>;
export function writePacked(files: Map<string, string>, dir?: string): void;
