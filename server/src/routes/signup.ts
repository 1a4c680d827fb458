import {createHmac, randomInt, randomUUID} from 'node:crypto';
import type {Hono} from 'hono';
import {ApiError, verificationFailed} from '../errors.js';
import type {AppDeps, AppEnv} from '../http/context.js';
import {parseBody} from '../http/validate.js';
import type {MailMessage} from '../mail.js';
import {signupEmailBody, signupEmailVerifyBody} from '../schemas.js';
import {issueToken} from '../tokens.js';
import type {SignupVerifyResponse} from 'passkey-elements/contract';

/** 6 random digits: few enough to type, with expiry and burned-after-N-tries keeping guessing hopeless. */
const newEmailCode = () => randomInt(0, 1_000_000).toString().padStart(6, '0');

/** Keyed by the server secret, so a copy of the table cannot be brute-forced offline in a blink. */
const hashEmailCode = (deps: AppDeps, email: string, code: string) =>
  createHmac('sha256', deps.config.secret).update(`${email}\0${code}`).digest('base64url');

/**
 * Email-verified signup: `POST /signup/email`, `POST /signup/email/verify` (unless
 * `EMAIL_SIGNUP=false`), and in development mode `GET /dev/outbox` (what was "mailed" while no
 * SMTP is configured).
 */
export function signupRoutes(app: Hono<AppEnv>, deps: AppDeps): void {
  async function send(message: MailMessage): Promise<void> {
    try {
      await deps.mailer.send(message);
    } catch (error) {
      // The answer stays 202 either way: it must not tell anything about the address.
      console.error('[passkey-server] could not send mail to', message.to, error);
    }
  }

  /**
   * Always `202`. A free address gets a fresh code (replacing an earlier one); a taken address
   * gets a notice instead, so its owner learns of the attempt and the answer reveals nothing.
   * A taken address also gets a stored code, one that nobody knows and no 6 digits match, so
   * that `/signup/email/verify` answers it as it answers a free address (`verification_failed`,
   * then `code_expired`), never telling which addresses have an account.
   */
  if (!deps.config.emailSignup) return; // EMAIL_SIGNUP=false: /signup/email* answer 404

  app.post('/signup/email', async (c) => {
    const {email} = parseBody(c, signupEmailBody);
    await deps.limits.takeEmailSend(email); // 429 past EMAIL_SENDS_PER_HOUR, taken or not
    const minutes = Math.round(deps.config.emailCodeTtlMs / 60_000);
    const taken = !!(await deps.store.getUserByEmail(email));
    const code = taken ? randomUUID() : newEmailCode();
    const now = deps.now();
    await deps.store.putEmailCode({
      email,
      codeHash: hashEmailCode(deps, email, code),
      attempts: 0,
      createdAt: now,
      expiresAt: new Date(now.getTime() + deps.config.emailCodeTtlMs),
    });
    await send(
      taken
        ? {
            to: email,
            subject: `Sign-up attempt at ${deps.config.rpName}`,
            text: `Someone asked to create an account with this address, which already has one. Sign in instead; if it was not you, ignore this mail.`,
          }
        : {
            to: email,
            subject: `Your ${deps.config.rpName} code: ${code}`,
            text: `Your sign-up code is ${code}. It expires in ${minutes} minutes. If you did not ask for it, ignore this mail.`,
          },
    );
    return c.body(null, 202);
  });

  /**
   * `200 {signupToken}`; a wrong code: `400 verification_failed`; no live code (expired, used,
   * burned by this or earlier wrong tries, or never sent): `400 code_expired`, so the user knows
   * to ask for a new one.
   */
  app.post('/signup/email/verify', async (c) => {
    const body = parseBody(c, signupEmailVerifyBody);
    const signupToken = await deps.limits.guard('email', body.email, async () => {
      const outcome = await deps.store.tryEmailCode(
        body.email,
        hashEmailCode(deps, body.email, body.code),
        deps.now(),
        deps.config.emailCodeAttempts,
      );
      if (outcome === 'wrong') throw verificationFailed('The code is wrong');
      if (outcome !== 'ok')
        throw new ApiError(
          400,
          'code_expired',
          'The code has expired, was used or was tried too often; ask for a new one',
        );
      return issueToken(deps, 'signup', {email: body.email});
    });
    return c.json({signupToken} satisfies SignupVerifyResponse);
  });

  // Development mode only (DEV_MODE=1): otherwise the path does not exist (404 like any other).
  if (deps.config.development) app.get('/dev/outbox', (c) => c.json(deps.mailer.outbox));
}
