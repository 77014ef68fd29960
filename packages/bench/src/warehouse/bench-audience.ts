import { accounts, and, attr, audience, type Audience } from "@abm-kit/audience";

/**
 * A person audience for the warehouse benchmark only (not a seed audience,
 * not in the demo): people with an email whose accounts include one in
 * Software or Financial Services in the US, Canada, the UK, Germany, France
 * or Australia. On the bench data (8 industries × 8 countries, uniform) it
 * holds about 20% of persons: 193,159 of 1,000,000 at scale 1, so about 1M at
 * scale 5 — the size of activation issue #24 asks for.
 */
export const benchActivationAudience: Audience = audience
  .person("bench-activation-fifth", "Bench: people at software or financial-services accounts in six countries (about 20% of persons)")
  .where(
    attr.text("email").exists(),
    accounts().some(and(attr.text("industry").in(["Software", "Financial Services"]), attr.text("country").in(["US", "CA", "GB", "DE", "FR", "AU"]))),
  );
