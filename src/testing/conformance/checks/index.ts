/**
 * Every check, in the order the table lists them: first the flows a site needs, end to end, then
 * what the backend must refuse, and how. One module per contract area.
 */
import type {Check} from '../kit.js';
import {ceremonyChecks} from './ceremonies.js';
import {passkeyChecks} from './passkeys.js';
import {recoveryChecks} from './recovery.js';
import {requestChecks} from './requests.js';
import {challengeChecks} from './challenges.js';
import {verificationChecks} from './verification.js';
import {accountChecks} from './accounts.js';
import {reauthChecks} from './reauth.js';
import {limitChecks} from './limits.js';

export const checks: Check[] = [
  // ---- The flows a site needs, end to end ----
  ...ceremonyChecks,
  ...passkeyChecks,
  ...recoveryChecks,
  // ---- What the backend must refuse, and how ----
  ...requestChecks,
  ...challengeChecks,
  ...verificationChecks,
  ...accountChecks,
  ...reauthChecks,
  ...limitChecks,
];
