/** A token from the fake's identity endpoint. */
export async function tokenFrom(url: string, clientId: string, clientSecret: string): Promise<string> {
  const q = new URLSearchParams({ grant_type: "client_credentials", client_id: clientId, client_secret: clientSecret });
  const answer = (await (await fetch(`${url}/identity/oauth/token?${q}`)).json()) as { access_token: string };
  return answer.access_token;
}

/** One REST call with a bearer token; the parsed answer and HTTP status. */
export async function call(
  url: string,
  token: string | undefined,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: any }> {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: {
      ...(token !== undefined ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { "content-type": "application/json" } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text === "" ? undefined : JSON.parse(text) };
}
