#!/usr/bin/env node
// Refreshes the AAGUID list the server ships (server/src/vendor/passkey-aaguids.json) from a new
// copy of passkeydeveloper/passkey-authenticator-aaguids' aaguid.json:
//   node scripts/update-aaguids.mjs path/to/aaguid.json
// The file is checked (a JSON object of AAGUID -> {name, icon_light?, icon_dark?}, not empty) and
// copied byte for byte; then update the commit and date in server/src/vendor/README.md. The
// upstream list says it will retire by becoming an empty object: that is refused here.
import {readFileSync, writeFileSync} from 'node:fs';

const target = new URL('../server/src/vendor/passkey-aaguids.json', import.meta.url);
const AAGUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ICON = /^data:image\/svg\+xml;base64,[A-Za-z0-9+/]+={0,2}$/;

const source = process.argv[2];
if (!source) {
  console.error('usage: node scripts/update-aaguids.mjs path/to/aaguid.json');
  process.exit(2);
}
const text = readFileSync(source, 'utf8');
const list = JSON.parse(text);
if (!list || typeof list !== 'object' || Array.isArray(list)) {
  console.error(`${source}: not a JSON object of AAGUID -> {name, icon_light?, icon_dark?}`);
  process.exit(1);
}
const entries = Object.entries(list);
if (entries.length === 0) {
  console.error(`${source}: the list is empty (retired upstream?); keeping the shipped one`);
  process.exit(1);
}
let icons = 0;
const problems = [];
for (const [aaguid, entry] of entries) {
  if (!AAGUID.test(aaguid)) problems.push(`${aaguid}: not a lower-case AAGUID`);
  if (typeof entry?.name !== 'string' || !entry.name.trim()) problems.push(`${aaguid}: no name`);
  for (const field of ['icon_light', 'icon_dark']) {
    if (entry?.[field] === undefined) continue;
    if (typeof entry[field] === 'string' && ICON.test(entry[field])) icons++;
    // The server drops these; say so, but they do not stop the update.
    else console.warn(`${aaguid}: ${field} is not a base64 SVG data: URL (the server drops it)`);
  }
}
if (problems.length) {
  console.error(`${source}:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
writeFileSync(target, text);
console.log(
  `wrote ${entries.length} authenticators (${icons} icons) to server/src/vendor/passkey-aaguids.json; ` +
    'now update the commit and date in server/src/vendor/README.md',
);
