import { createServer } from "node:http";
import { describe, expect, it } from "vitest";
import { buildSnapshot } from "@abm-kit/core";
import { type MappingTarget } from "@abm-kit/destinations";
import { createRequester } from "../src/http/http-request.js";
import { MemberMapper } from "../src/mapping/member-mapper.js";
import { listenOnLoopback } from "@abm-kit/destinations/testing";

const snapshot = buildSnapshot(
  {
    accounts: [{ id: "acc-1", name: "Acme", sourceKeys: [{ system: "salesforce", instance: "00D000000000001", object: "Account", id: "001000000000001AAA" }] }],
    persons: [
      {
        id: "p-1",
        email: "a@acme.com",
        sourceKeys: [
          { system: "salesforce", object: "Contact", id: "003000000000001AAA" },
          { system: "marketo", instance: "123-ABC-456", object: "Lead", id: "77" },
        ],
      },
      { id: "p-2", email: "b@acme.com" },
    ],
    links: [{ accountId: "acc-1", personId: "p-1" }],
  },
  { asOf: "2026-12-01T00:00:00.000Z" },
);
const target: MappingTarget = { name: "keys", type: "strings", required: false } as MappingTarget;

describe("mapping source `<entity>.sourceKeys`", () => {
  it("gives a person's source keys as system/instance/object/id, and null without any", () => {
    const mapper = new MemberMapper(snapshot, "person", [{ source: "person.sourceKeys", target: "keys", transforms: [] }], [target]);
    const one = mapper.map("p-1", mapper.rowOf("p-1"));
    expect(one.ok && one.member.fields.keys).toEqual(["salesforce/-/Contact/003000000000001AAA", "marketo/123-ABC-456/Lead/77"]);
    const two = mapper.map("p-2", mapper.rowOf("p-2"));
    expect(two.ok && two.member.fields.keys).toBeNull();
  });

  it("gives an account's source keys on an account audience", () => {
    const mapper = new MemberMapper(snapshot, "account", [{ source: "account.sourceKeys", target: "keys", transforms: [] }], [target]);
    const one = mapper.map("acc-1", mapper.rowOf("acc-1"));
    expect(one.ok && one.member.fields.keys).toEqual(["salesforce/00D000000000001/Account/001000000000001AAA"]);
  });
});

describe("ctx.request with a text body", () => {
  it("sends the text as is with the content type the request names", async () => {
    const seen: { type: string | undefined; body: string }[] = [];
    const server = createServer((req, res) => {
      let body = "";
      req.on("data", (c) => (body += String(c)));
      req.on("end", () => {
        seen.push({ type: req.headers["content-type"], body });
        res.writeHead(201).end();
      });
    });
    const listener = await listenOnLoopback(server);
    try {
      const request = createRequester({
        http: { baseUrl: () => listener.url },
        settings: {},
        auth: () => undefined,
        signal: new AbortController().signal,
        beforeRequest: async () => {},
      });
      const csv = 'Id,Name\n001,"A, Inc."\n';
      const answer = await request({ method: "PUT", path: "/upload", text: csv, headers: { "content-type": "text/csv" } });
      expect(answer.status).toBe(201);
      await request({ method: "PUT", path: "/plain", text: "x" });
      expect(seen).toEqual([
        { type: "text/csv", body: csv },
        { type: "text/plain; charset=utf-8", body: "x" },
      ]);
    } finally {
      await listener.close();
    }
  });
});
