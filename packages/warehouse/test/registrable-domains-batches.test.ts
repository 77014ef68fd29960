import { describe, expect, it } from "vitest";
import { isFreeMailDomain, registrableDomain } from "@abm-kit/core";
import { registrableDomainsInSql, warehouseDialect } from "../src/index.js";
import { ENGINES } from "./engines.js";

// more distinct keys than one round trip carries (5,000): emails of a few domains (one key per domain), hosts and URLs
// (one key each), odd texts, with repeats and NULLs, in an order that is not the values' order
const EMAILS = Array.from({ length: 6_001 }, (_, i) => `p${(i * 7919) % 6_001}@${["gmail.com", "acme.co.uk", "x.example", "sub.corp.example.com"][i % 4]}`);
const HOSTS = Array.from({ length: 5_501 }, (_, i) => (i % 2 === 0 ? `www.site${(i * 31) % 5_501}.example.com` : `https://Site${i}.co.uk/path?q=1`));
const ODD = [
  " A@B@Gmail.COM ",
  "a@",
  "@x.com",
  "  @x.com",
  "x@ Sub.Acme.CO.UK ",
  "no-domain",
  "  ",
  "a@localhost",
  "Ω@bücher.de",
  "a@@acme.com",
  "'quoted'@acme.com",
];
const VALUES = [...EMAILS, ...HOSTS, ...ODD];

describe.each(ENGINES)("registrable domains in %s", (name, open) => {
  it("give every distinct value exactly once, across round trips, with the registrable domain and free-mail flag registrableDomain gives it", async () => {
    const engine = await open();
    try {
      await engine.query("CREATE TABLE wh_emails (email VARCHAR)");
      await engine.query(
        `INSERT INTO wh_emails VALUES ${[...VALUES, ...VALUES.slice(0, 100)].map((e) => `('${e.replaceAll("'", "''")}')`).join(", ")}, (NULL)`,
      );
      const count = await registrableDomainsInSql(engine.query, warehouseDialect(name), "SELECT email AS raw FROM wh_emails", "wh_domains");
      const distinct = [...new Set(VALUES)];
      expect(count).toBe(distinct.length);
      const rows = await engine.query("SELECT raw, domain, free_mail FROM wh_domains");
      expect(rows.length).toBe(distinct.length);
      const got = new Map(rows.map((r) => [r.raw as string, [r.domain, r.free_mail]]));
      for (const value of distinct) {
        const domain = registrableDomain(value) ?? null;
        expect(got.get(value), value).toEqual([domain, domain !== null && isFreeMailDomain(domain, new Set())]);
      }
    } finally {
      await engine.close();
    }
  });
});
