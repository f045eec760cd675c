/**
 * Practice notes for particular kinds of project: what a UX practitioner knows about shops,
 * content businesses, apps, marketplaces and services that a general method note does not say.
 * Each is marked with the kinds it is written for, so a newsletter's research never ranks a
 * checkout note, and a shop's ranks its own notes first (index.ts).
 */
import type { KbEntry } from "./types";

export const PRACTICE: readonly KbEntry[] = [
  {
    id: "practice/checkout-costs",
    title: "Checkout: shipping costs and abandoned carts",
    tags: ["shop", "checkout", "shipping", "cart", "abandonment", "pricing", "trust"],
    kinds: ["shop", "marketplace", "physical-product"],
    body: "Unexpected extra costs (shipping, taxes, fees) are the most common reason shoppers give for abandoning a checkout in Baymard Institute's surveys. Show shipping costs and the delivery date on the product page, offer guest checkout, keep the form short, and state returns and breakage cover before the payment step.",
  },
  {
    id: "practice/product-pages",
    title: "Product pages that sell handmade and physical goods",
    tags: ["shop", "product page", "photos", "stock", "reviews", "gift"],
    kinds: ["shop", "marketplace", "physical-product"],
    body: "Shoppers cannot touch the product, so the page must: several photos including one in use and one to scale, dimensions, materials, care and how it is packed. Say plainly when an item is out of stock and offer a back-in-stock alert instead of a dead end; show reviews with photos near the price.",
  },
  {
    id: "practice/seasonal-campaigns",
    title: "Seasonal and gift campaigns",
    tags: ["shop", "campaign", "season", "christmas", "gift guide", "newsletter", "launch"],
    kinds: ["shop", "physical-product", "content"],
    body: "Gift buyers decide weeks before the holiday and need certainty that the order arrives in time. Plan backwards from the last shipping date, publish a gift guide by recipient and budget, build the newsletter list before the peak, and send a last-chance reminder before the cut-off rather than deepening discounts.",
  },
  {
    id: "practice/newsletter-growth",
    title: "Growing a newsletter or content audience",
    tags: ["content", "newsletter", "subscribers", "audience", "retention", "creator"],
    kinds: ["content"],
    body: "Readers subscribe for a clear promise (what they get and how often) and stay for consistency. Put the sign-up in every piece, send a welcome sequence, measure opens, replies and retention by cohort rather than list size, and ask readers what they want more of.",
  },
  {
    id: "practice/onboarding-activation",
    title: "Onboarding and activation",
    tags: ["software", "app", "onboarding", "activation", "retention", "sign up", "trial"],
    kinds: ["software", "subscription-app"],
    body: "Activation is the first moment a new user gets the value they came for; onboarding exists to get them there in the first session. Ask only what that needs, show the product with their own data early, and measure the share of sign-ups who reach the moment within a week.",
  },
  {
    id: "practice/marketplace-trust",
    title: "Two-sided trust and liquidity",
    tags: ["marketplace", "trust", "supply", "demand", "reviews", "sellers", "buyers"],
    kinds: ["marketplace"],
    body: "A marketplace is worth visiting only when each side finds enough of the other. Seed the harder side first, often by hand, in one narrow niche or place; build trust with verified profiles, reviews both ways and protected payments.",
  },
  {
    id: "practice/service-booking",
    title: "Booking flows for services",
    tags: ["service", "booking", "appointments", "scheduling", "reminders", "no-shows"],
    kinds: ["service"],
    body: "People book a service when they can see availability and the full price up front and change the booking themselves. Show real time slots, confirm at once, let people reschedule without calling, and send a reminder the day before to cut no-shows.",
  },
];
