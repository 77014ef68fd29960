import { AbmKitError } from "@abm-kit/core";
import type { AdapterContext, AuthState } from "../definition/adapter-context.js";
import type { DestinationDefinition } from "../definition/destination-definition.js";
import { RetryableError } from "../errors.js";
import { FINGERPRINT_MIN_LENGTH } from "../runtime/secret-fingerprint.js";

/** A short credential the suite adds to every authentication (as `extra.conformanceShort`) and has echoed back. */
export const SHORT_SECRET = "q7Z";

/** What an echoing run knows: the phase, its adapter calls, and the tokens issued so far. */
export interface EchoState {
  phase: "crash" | "resume";
  calls: number;
  /** Access tokens issued in the crashed run. */
  readonly crashedRunTokens: string[];
}

/**
 * `definition` as if its service echoed secrets back in its answers. In the
 * `crash` phase the first call fails retryably with every secret in the
 * message, and the second throws a typed error with the secrets in its
 * message, problems and cause (the run stops). In the `resume` phase the first
 * call fails retryably quoting the crashed run's tokens. Authentications gain
 * the short credential {@link SHORT_SECRET}.
 */
export function echoingSecrets<Settings>(
  definition: DestinationDefinition<Settings>,
  settingSecrets: readonly string[],
  state: EchoState,
): DestinationDefinition<Settings> {
  const withShort = (fn: ((ctx: AdapterContext<Settings>) => Promise<AuthState>) | undefined) =>
    fn &&
    (async (ctx: AdapterContext<Settings>): Promise<AuthState> => {
      const auth = await fn(ctx);
      if (state.phase === "crash") state.crashedRunTokens.push(auth.accessToken);
      return { ...auth, extra: { ...auth.extra, conformanceShort: SHORT_SECRET } };
    });
  const echo = (ctx: AdapterContext<Settings>) => {
    const call = ++state.calls;
    const secrets = [...settingSecrets, ...(ctx.auth ? [ctx.auth.accessToken, SHORT_SECRET] : [])].join(" | ");
    if (state.phase === "crash" && call === 1) throw new RetryableError("CONFORMANCE_ECHO", `the service said: ${secrets}`);
    if (state.phase === "crash" && call === 2) {
      throw new AbmKitError("CONFORMANCE_ECHO", `the service refused: ${secrets}`, [{ path: ["echo"], message: `refused ${secrets}` }], {
        cause: new Error(`because ${secrets}`),
      });
    }
    if (state.phase === "resume" && call === 1) {
      const earlier = state.crashedRunTokens.filter((t) => t.length >= FINGERPRINT_MIN_LENGTH).join(" | ");
      throw new RetryableError("CONFORMANCE_ECHO", `the service still remembers ${earlier} and ${secrets}`);
    }
  };
  const { sendBatch, file } = definition;
  const authenticate = withShort(definition.authenticate);
  const refreshAuth = withShort(definition.refreshAuth);
  return {
    ...definition,
    ...(authenticate ? { authenticate } : {}),
    ...(refreshAuth ? { refreshAuth } : {}),
    ...(sendBatch ? { sendBatch: async (ctx, batch) => (echo(ctx), sendBatch(ctx, batch)) } : {}),
    ...(file ? { file: { ...file, deliver: async (ctx, staged) => (echo(ctx), file.deliver(ctx, staged)) } } : {}),
  };
}
