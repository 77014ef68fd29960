/** A raw HTTP call over a real socket, for testing the fake's rules one by one. */
export interface RawAnswer {
  readonly status: number;
  readonly headers: Headers;
  readonly body: any;
}

export async function raw(
  base: string,
  path: string,
  init: { method?: string; headers?: Record<string, string>; json?: unknown; form?: Record<string, string> } = {},
): Promise<RawAnswer> {
  const headers: Record<string, string> = { ...init.headers };
  let body: string | undefined;
  if (init.form) {
    headers["content-type"] = "application/x-www-form-urlencoded";
    body = new URLSearchParams(init.form).toString();
  } else if (init.json !== undefined) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(init.json);
  }
  const response = await fetch(`${base}${path}`, { method: init.method ?? (body === undefined ? "GET" : "POST"), headers, body });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text === "" ? undefined : JSON.parse(text) };
}

/** The headers every REST call needs. */
export function restHeaders(token: string, version = "202611"): Record<string, string> {
  return { authorization: `Bearer ${token}`, "linkedin-version": version, "x-restli-protocol-version": "2.0.0" };
}

/** Gets an access token from a fake with default credentials. */
export async function accessToken(base: string, refreshToken = "fake-refresh-token"): Promise<string> {
  const answer = await raw(base, "/oauth/v2/accessToken", {
    form: { grant_type: "refresh_token", refresh_token: refreshToken, client_id: "abm-kit-test-client", client_secret: "fake-client-secret" },
  });
  if (answer.status !== 200) throw new Error(`token: ${answer.status}`);
  return answer.body.access_token as string;
}

/** A manual monotonic clock. */
export function manualClock(): { now: () => number; advance: (ms: number) => void } {
  let t = 1_000;
  return { now: () => t, advance: (ms) => void (t += ms) };
}
