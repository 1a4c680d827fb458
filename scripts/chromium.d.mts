/** Debian's Chromium, or the binary `CHROME_PATH` names. */
export declare const CHROMIUM_PATH: string;
/** Flags for headless Chromium as root, on a closed network, without background work. */
export declare const CHROMIUM_BASE_ARGS: string[];
/** The base flags, and without browser-UI work (for puppeteer, which merges `--disable-features`). */
export declare const CHROMIUM_ARGS: string[];
