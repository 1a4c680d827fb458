/** Flags for headless Chromium as root, on a closed network, without background or browser-UI work. */
export declare const CHROMIUM_ARGS: string[];
