/**
 * One complete brief per project kind, as a founder, a shop owner and a creator would state it:
 * the artifact tests and the artifact bench (bench/artifacts.mjs) both write from them.
 */
import type { FactId } from "../src/features/pipeline/catalogue";
import { initialState, recordFact } from "../src/features/pipeline/state";

export type Brief = Partial<Record<FactId, string>>;

export const BRIEFS: Record<"software" | "shop" | "content", Brief> = {
  software: {
    productName: "Pantry Pal",
    problem: "Busy parents throw away food because they forget what is in the fridge.",
    goals: "Cut food waste at home; make weekly meal planning take five minutes",
    successMetrics: "1,000 weekly active households; 30% less food thrown away after two months",
    constraints: "Two developers, launch in four months, must work offline, budget €5,000 for marketing",
    audience: "Parents aged 28–45 in cities, both working, cooking for 3–5 people",
    userGoals: "Know what to cook tonight; shop once a week; waste less",
    painPoints: "Forgotten leftovers; duplicate purchases; no time to plan",
    behaviours: "Shopping lists in WhatsApp; recipes from Instagram; shop on Saturdays",
    journey: "Sees a friend's post, installs the app, scans the fridge, gets three recipe ideas",
    competitors: "Paper lists, Mealime, supermarket apps",
    keyFeatures: "Fridge inventory by photo; expiry reminders; weekly meal plan; shared shopping list",
    userFlows:
      "Sign up → add items by photo → get reminders; Plan the week → build the list → shop from the list",
    platforms: "iOS and Android first, a web dashboard later",
    nonFunctional: "Works offline; WCAG AA; household data never shared",
    designPrinciples: "Calm, one-handed use, big touch targets, no clutter",
    dataEntities: "A household has members and items; an item has an expiry date; a plan has meals",
    integrations: "Stripe for payments, a recipe API, push notifications",
    pages: "Home, Fridge, Plan, Shopping list, Settings",
    navigation: "A bottom tab bar: Fridge, Plan, List; settings behind the avatar",
    keyScreen: "The fridge: items sorted by expiry, add by photo, tap for recipes",
    uiComponents: "Item cards, a photo button, list rows with swipe actions, a date picker",
    valueProposition: "The only planner that starts from what is already in your fridge",
    channels: "Parenting communities, Instagram creators, school newsletters",
    pricing: "Free for one household member; €3/month family plan",
    costs: "Two salaries, cloud hosting, image recognition API",
    unfairAdvantage: "A partnership with a supermarket chain's receipt data",
    mission: "No good food should end up in the bin",
    coreValues: "Thrift, warmth, honesty",
    brandPersonality: "Friendly, practical, a little cheeky",
    voice: "Casual and encouraging; serious and short in error messages",
    visualIdentity: "Fresh greens, a rounded sans-serif, hand-drawn food illustrations; no stock photos",
  },
  shop: {
    productName: "Clay & Ember",
    problem: "Our handmade ceramics shop sells well at markets but online sales stall between seasons.",
    goals: "Double online sales for the Christmas season; grow the newsletter to 2,000 readers",
    successMetrics: "€12,000 in December orders; 2,000 newsletter subscribers; 25% repeat customers",
    constraints: "Two people, stock of 400 pieces, a €2,000 campaign budget, last shipping date 18 December",
    audience: "Women aged 30–55 who buy gifts and decorate their homes, mostly in Germany and Austria",
    userGoals: "Find a unique gift in time; buy something handmade with a story; avoid mass-produced decor",
    painPoints:
      "Shipping costs discovered at checkout; fear that ceramics arrive broken; not knowing when items are back in stock",
    behaviours: "Browse Instagram in the evening; buy at Christmas markets; save gift ideas on Pinterest",
    journey:
      "Sees a reel of a mug being glazed, visits the shop, saves it, buys it as a gift two weeks later",
    competitors: "Etsy sellers, Depot and other home chains, other ceramicists on Instagram",
    keyFeatures:
      "Online shop with gift wrapping, restock alerts, a Christmas gift guide, newsletter sign-up with early access",
    userFlows:
      "Open the gift guide → choose a piece → add gift wrapping → pay; Find a sold-out piece → ask for a restock alert → buy when it is back",
    platforms: "A Shopify web shop, used mostly on phones",
    nonFunctional: "Pages load fast on mobile; WCAG AA; card data handled by the payment provider only",
    designPrinciples: "Calm, photo-first, prices always visible",
    dataEntities: "A customer has orders; an order has order lines; a product has variants and a stock count",
    integrations: "Shopify payments, Mailchimp, DHL shipping",
    pages: "Home, Shop, Gift guide, Our story, Basket, Account",
    navigation: "A top menu: Shop, Gift guide, Our story; basket and account icons on the right",
    keyScreen:
      "The product page: photos of the piece in use, the maker's story, price and shipping date, add to basket, gift wrap option",
    uiComponents: "Product cards, a photo gallery, a quantity stepper, a gift-wrap toggle",
    valueProposition:
      "Handmade ceramics with the maker's story, wrapped and shipped safely in time for Christmas",
    channels: "Instagram, the newsletter, two Christmas markets",
    pricing: "Mugs €28, bowls €35–60, gift sets €75; free shipping over €80",
    costs: "Clay and firing, packaging, shipping, market stall fees",
    unfairAdvantage: "Every piece is made by the two of us and filmed as it is made",
    mission: "Bring slow, handmade things into everyday life",
    coreValues: "Craft, honesty, sustainability",
    brandPersonality: "Warm, authentic, calm",
    voice: "Warm and personal, like a note in the parcel; clear and practical about shipping and returns",
    visualIdentity: "Terracotta and cream, a serif for the name, natural-light photos of the pieces in use",
  },
  content: {
    productName: "The Slow Money Letter",
    problem: "Young professionals want to invest but find finance content either hype or jargon.",
    goals: "Reach 10,000 subscribers in a year; launch a paid tier",
    successMetrics: "10,000 subscribers; 45% open rate; 3% free-to-paid conversion",
    constraints: "One creator writing alone, weekly schedule, no ad budget",
    audience: "Professionals aged 25–35 starting to invest, in the UK",
    userGoals: "Understand investing basics; build a simple portfolio; stop worrying about money",
    painPoints: "Hype and get-rich-quick videos; jargon; no time to read long reports",
    behaviours: "Read newsletters on the commute; listen to podcasts; follow creators on YouTube and TikTok",
    journey:
      "Sees a short clip on TikTok, reads one free issue, subscribes, becomes a paying member months later",
    competitors: "Money YouTubers, finance newsletters, free bank blogs",
    keyFeatures: "A weekly newsletter issue, a monthly portfolio review for members, short explainer clips",
    userFlows:
      "Read a free issue → subscribe → confirm the email; Open the members page → choose a plan → pay → read the portfolio review",
    platforms: "Web and email, read mostly on phones",
    nonFunctional: "Emails readable without images; WCAG AA; subscriber data never sold",
    designPrinciples: "Calm, readable first, no dark patterns",
    dataEntities: "A subscriber has subscriptions; an issue has sections; a member has payments",
    integrations: "Substack, Stripe, YouTube",
    pages: "Home, Archive, Membership, About, Account",
    navigation: "A top menu: Archive, Membership, About; subscribe button on the right",
    keyScreen:
      "The issue page: the headline, a ten-minute read with simple charts, subscribe, share the issue",
    uiComponents: "Issue cards, a subscribe form, simple charts, a pricing table",
    valueProposition: "Calm, jargon-free investing explained in ten minutes a week",
    channels: "Newsletter, TikTok clips, YouTube, guest posts on other newsletters",
    pricing: "Free weekly letter; £6/month membership",
    costs: "Newsletter platform fees, video editing, design",
    unfairAdvantage: "Ten years as a financial planner, explained without selling products",
    mission: "Make investing calm and understandable for everyone",
    coreValues: "Honesty, simplicity, curiosity",
    brandPersonality: "Calm, expert, friendly",
    voice: "Calm and plain-spoken; careful and precise when talking about risk",
    visualIdentity: "Navy and coral, a serif for headings, simple charts, no stock photos of money",
  },
};

/** A brief as the guide's facts, recorded the way the chat records answers. */
export function briefFacts(brief: Brief) {
  const s = initialState(brief.productName, 0);
  for (const [id, value] of Object.entries(brief)) if (value) recordFact(s, id as FactId, value, 0);
  return s.facts;
}
