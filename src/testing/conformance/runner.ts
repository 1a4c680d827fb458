/**
 * The check runner: runs the checks against a backend, one after another, and formats their
 * results as a table.
 */
import {checks} from './checks/index.js';
import {CheckFailed, CheckSkipped, Kit, type Settings} from './kit.js';

export interface ConformanceOptions {
  /** The API's base URL, e.g. `http://localhost:3000/passkeys`. */
  url: string;
  /** The pages' origin the backend allows (default: the URL's origin). */
  origin?: string;
  /** The RP id (default: the origin's host name). */
  rpId?: string;
  /** The operator key for `DELETE /admin/users/{id}/passkeys`; without it the reset's success path is skipped. */
  adminKey?: string;
  /** Only the checks whose name contains one of these. */
  only?: string[];
}

export type CheckStatus = 'pass' | 'fail' | 'skip';

export interface CheckResult {
  group: 'flow' | 'errors';
  name: string;
  status: CheckStatus;
  /** Why it failed or was skipped. */
  detail?: string;
  ms: number;
}

/** Runs the checks one after another (a backend's rate limits count them as one client). */
export async function runConformance(options: ConformanceOptions): Promise<CheckResult[]> {
  const url = options.url.replace(/\/+$/, '');
  const origin = options.origin ?? new URL(url).origin;
  const settings: Settings = {
    url,
    origin,
    rpId: options.rpId ?? new URL(origin).hostname,
    adminKey: options.adminKey,
  };
  const kit = new Kit(settings);
  const results: CheckResult[] = [];
  for (const check of checks) {
    if (options.only?.length && !options.only.some((o) => check.name.includes(o))) continue;
    const started = Date.now();
    let status: CheckStatus = 'pass';
    let detail: string | undefined;
    try {
      await check.run(kit);
    } catch (e) {
      status = e instanceof CheckSkipped ? 'skip' : 'fail';
      detail =
        e instanceof CheckFailed || e instanceof CheckSkipped
          ? e.message
          : `crashed: ${e instanceof Error ? e.message : String(e)}`;
    }
    results.push({group: check.group, name: check.name, status, detail, ms: Date.now() - started});
  }
  return results;
}

/** The results as a plain-text table, with a summary line. */
export function formatResults(results: CheckResult[]): string {
  const mark = {pass: 'PASS', fail: 'FAIL', skip: 'SKIP'};
  const width = Math.max(...results.map((r) => r.name.length), 5);
  const lines = [
    `${'RESULT'}  ${'CHECK'.padEnd(width)}  DETAIL`,
    `${'-'.repeat(6)}  ${'-'.repeat(width)}  ${'-'.repeat(6)}`,
  ];
  let group = '';
  for (const r of results) {
    if (r.group !== group) {
      group = r.group;
      lines.push(group === 'flow' ? '[flows]' : '[error cases]');
    }
    lines.push(`${mark[r.status].padEnd(6)}  ${r.name.padEnd(width)}  ${r.detail ?? ''}`.trimEnd());
  }
  const count = (s: CheckStatus) => results.filter((r) => r.status === s).length;
  lines.push('', `${count('pass')} passed, ${count('fail')} failed, ${count('skip')} skipped`);
  return lines.join('\n');
}
