import { ago, and, attr, audience, related, span, type Audience } from "@abm-kit/audience";

/** What a cross-sell audience looks for: a product bought 3–9 months ago, and one not owned. */
export interface CrossSellProducts {
  readonly id: string;
  readonly name: string;
  /** The product bought (`ownedProducts.product`). */
  readonly bought: string;
  /** The product to sell next, which the account does not own yet. */
  readonly notOwned: string;
}

/**
 * Cross-sell: accounts that bought one product between 9 and 3 months ago
 * (calendar months, both ends inclusive) and do not own another — read from
 * the `ownedProducts` related table (Salesforce Asset + Product2).
 */
export function crossSellAudience(products: CrossSellProducts): Audience {
  const ownedProducts = related("ownedProducts");
  return audience
    .account(products.id, products.name, { description: `Bought ${products.bought} 3 to 9 months ago and do not own ${products.notOwned}.` })
    .where(
      ownedProducts.some(and(attr.text("product").eq(products.bought), attr.time("purchaseDate").within(span(ago(9, "months"), ago(3, "months"))))),
      ownedProducts.none(attr.text("product").eq(products.notOwned)),
    );
}

/** The sample's cross-sell: recent Analytics Cloud buyers without Data Hub. */
export const crossSell: Audience = crossSellAudience({
  id: "cross-sell-data-hub",
  name: "Cross-sell Data Hub to recent Analytics Cloud buyers",
  bought: "Analytics Cloud",
  notOwned: "Data Hub",
});
