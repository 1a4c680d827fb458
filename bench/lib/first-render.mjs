// The first-render measurement: every page loaded in fresh browser contexts, timed by the page
// itself and reported by beacon, then a few traced loads for the main thread's CPU time.
import {createServer as createHttpServer} from 'node:http';
import puppeteer from 'puppeteer-core';
import {CHROMIUM_ARGS, CHROMIUM_PATH} from '../../scripts/chromium.mjs';

/**
 * Loads every page `loads` times, each in a fresh browser context (an empty cache), in rounds whose
 * order alternates. The pages are opened through the browser's own DevTools target and never
 * attached to: an attached page streams DevTools events (network, lifecycle, execution contexts)
 * to this process while it loads, work that shared the two CPUs with the measured window. Each
 * page sends its figures to a collector in this process (a beacon, after its window).
 */
export async function firstRender(base, subjects, {loads, traced, settleMs}) {
  const waiting = new Map();
  const collector = createHttpServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      res.writeHead(204).end();
      try {
        const r = JSON.parse(body);
        waiting.get(r.id)?.(r);
      } catch {
        // Not a beacon of ours: nothing waits for it.
      }
    });
  });
  await new Promise((resolve) => collector.listen(0, '127.0.0.1', resolve));
  const report = `http://127.0.0.1:${collector.address().port}/`;
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    // Attach to the browser only: puppeteer would otherwise attach to every page it opens.
    targetFilter: (target) => target.type() === 'browser',
    waitForInitialPage: false,
  });
  try {
    const cdp = await browser.target().createCDPSession();
    let n = 0;
    // `whileOpen`: run once the page has reported, before its context (and renderer) goes.
    const load = async (page, whileOpen) => {
      const id = String(++n);
      const result = new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${page}: no result within 15 s`)), 15_000);
        waiting.set(id, (r) => (clearTimeout(timer), resolve(r)));
      });
      const {browserContextId} = await cdp.send('Target.createBrowserContext', {
        disposeOnDetach: true,
      });
      try {
        await cdp.send('Target.createTarget', {
          url: `${base}/${page}?id=${id}&report=${encodeURIComponent(report)}`,
          browserContextId,
        });
        const {id: _id, error, ...figures} = await result;
        if (error) throw new Error(`${page}: ${error}`);
        await whileOpen?.();
        return figures;
      } finally {
        waiting.delete(id);
        await cdp.send('Target.disposeBrowserContext', {browserContextId});
      }
    };
    // Rounds `from` … `to` − 1 over every page, the order reversed every other round. After each
    // load the disposed context's renderer winds down (`settleMs`), so that its teardown does not
    // share the CPU with the next page's measured work.
    const rounds = async (from, to, each) => {
      for (let round = from; round < to; round++) {
        for (const subject of round % 2 === 0 ? subjects : [...subjects].reverse()) {
          await each(subject, round);
          await new Promise((resolve) => setTimeout(resolve, settleMs));
        }
      }
    };

    const samples = Object.fromEntries(
      subjects.map((s) => [s.name, {ms: [], fromStartMs: [], definedMs: [], receivedMs: []}]),
    );
    // Round -1 warms Chromium up (its first contexts and loads are slower) and is not counted.
    await rounds(-1, loads, async (subject, round) => {
      const r = await load(subject.page);
      if (round >= 0) for (const key of Object.keys(r)) samples[subject.name][key].push(r[key]);
    });

    // Main-thread CPU: `traced` more loads per page, each traced browser-wide (still no DevTools on
    // the page). Tracing slows a load, so these loads are kept apart from the timed ones above.
    // The figure leaves out what the wall clock also counts, the waits for two shared cores, and
    // so moves far less from run to run.
    const cpu = Object.fromEntries(subjects.map((s) => [s.name, []]));
    await rounds(0, traced, async (subject) => {
      await cdp.send('Tracing.start', {
        traceConfig: {includedCategories: ['blink.user_timing']},
        transferMode: 'ReturnAsStream',
      });
      // The trace ends while the page is still open: a renderer that exits first may take its
      // last trace events with it.
      await load(subject.page, async () =>
        cpu[subject.name].push(mainThreadCpu(await endTracing(cdp))),
      );
    });
    return {samples, cpu};
  } finally {
    await browser.close();
    collector.close();
  }
}

/** Stops a trace started with `transferMode: 'ReturnAsStream'` and returns its events. */
async function endTracing(cdp) {
  const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.end');
  const {stream} = await complete;
  let text = '';
  for (let eof = false; !eof;) {
    const chunk = await cdp.send('IO.read', {handle: stream});
    text += chunk.base64Encoded ? Buffer.from(chunk.data, 'base64').toString() : chunk.data;
    eof = chunk.eof;
  }
  await cdp.send('IO.close', {handle: stream});
  return JSON.parse(text).traceEvents;
}

/**
 * The thread time (CPU) of the page's main thread from its `bench-start` mark to its
 * `bench-end` mark, in ms: trace events carry the thread's clock (`tts`) beside the wall clock.
 */
function mainThreadCpu(events) {
  const mark = (name) => events.find((e) => e.name === name && e.cat.includes('blink.user_timing'));
  const [start, end] = [mark('bench-start'), mark('bench-end')];
  if (start?.tts === undefined || end?.tts === undefined)
    throw new Error('a traced load has no thread time at its bench-start or bench-end mark');
  return (end.tts - start.tts) / 1000;
}
