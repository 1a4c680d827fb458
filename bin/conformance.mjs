#!/usr/bin/env node
// passkey-elements-conformance <api-url> [--origin …] [--rp-id …] [--admin-key …]
// The backend contract's checks against a running backend; see --help. The code is
// src/testing/conformance.ts, built to dist/testing/ (passkey-elements/testing).
import {main} from '../dist/testing/conformance.js';

process.exitCode = await main(process.argv.slice(2));
