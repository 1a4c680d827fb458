// The server's figures in the bench's table: `npm run bench:server` (bench/server.mjs), run as a
// child process, its results read back however it reports them.
import {spawn} from 'node:child_process';
import {existsSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {root} from '../../scripts/size-lib.mjs';

/** `npm run bench:server`, when package.json has it. Its figures, however it reports them. */
export async function serverBench(dir, log) {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  if (!pkg.scripts?.['bench:server']) return {present: false, rows: []};
  const jsonFile = join(dir, 'server-bench.json');
  log('npm run bench:server …');
  const {code, stdout, stderr} = await new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', 'bench:server'], {
      cwd: root,
      env: {...process.env, BENCH_SERVER_JSON: jsonFile},
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    // The server bench runs several setups and a 10,000-sign-in load run: minutes on a small machine.
    const timer = setTimeout(() => child.kill('SIGTERM'), 20 * 60_000);
    child.on('exit', (c) => {
      clearTimeout(timer);
      resolve({code: c, stdout: out, stderr: err});
    });
  });
  let data;
  if (existsSync(jsonFile)) data = JSON.parse(readFileSync(jsonFile, 'utf8'));
  else {
    try {
      data = JSON.parse(stdout);
    } catch {
      data = null;
    }
  }
  const rows = [];
  if (data) {
    // Accepted shapes: [{name, value, unit?}], {rows: [...]}, or {name: number | string}.
    const list = Array.isArray(data) ? data : Array.isArray(data.rows) ? data.rows : null;
    if (list)
      for (const r of list)
        rows.push({name: String(r.name), value: `${r.value}${r.unit ? ` ${r.unit}` : ''}`});
    else for (const [name, value] of Object.entries(data)) rows.push({name, value: String(value)});
  } else {
    for (const line of stdout.split('\n').filter((l) => l.trim()))
      rows.push({name: line.trim(), value: ''});
  }
  return {
    present: true,
    exitCode: code,
    rows,
    stderr: code === 0 ? undefined : stderr.slice(-2000),
  };
}
