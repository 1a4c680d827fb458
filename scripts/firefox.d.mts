/** Debian's Firefox ESR, or the binary `FIREFOX_PATH` names. */
export declare const FIREFOX_PATH: string;
/** Whether that Firefox is installed. */
export declare function firefoxInstalled(): boolean;
/** Preferences on top of Puppeteer's own for a quiet profile on a closed network. */
export declare const FIREFOX_PREFS: Record<string, boolean>;
