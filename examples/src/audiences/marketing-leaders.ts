import { accounts, and, attr, audience, or, type Audience } from "@abm-kit/audience";

const title = attr.text("title");

/**
 * Person audience over B2B data: marketing leaders (CMO, or a Chief / VP /
 * Head / Director title in marketing) at software accounts of 1,000+
 * employees, who granted email consent.
 */
export const marketingLeaders: Audience = audience
  .person("marketing-leaders-enterprise-software", "Marketing leaders at enterprise software accounts (email consent)")
  .where(
    or(
      title.eq("CMO", { caseInsensitive: true }),
      and(
        title.contains("marketing", { caseInsensitive: true }),
        title.matches("^(Chief|SVP|EVP|VP|Vice President|Head|Director)([^A-Za-z0-9_]|$)", { caseInsensitive: true }),
      ),
    ),
    attr.text("consent.email").eq("granted"),
    accounts().some(and(attr.text("industry").eq("Software"), attr.number("employeeCount").gte(1000))),
  );
