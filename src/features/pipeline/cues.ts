/**
 * Which fact a sentence is about, from the words people use when they talk about it. Two sorts of
 * cue per fact:
 * - a lead: the sentence opens by naming the fact ("our audience is …", "we'll charge …"); it is
 *   strong evidence, and the lead-in is cut from the value ("our audience is parents" → "parents");
 * - keywords: words that tend to appear when the fact is talked about ("$4.99 a month" → pricing,
 *   "iOS" → platforms); each adds a little evidence and cuts nothing.
 * Plain rules on purpose: each is readable, testable and cheap, and the corpus tests show which hold.
 */
import type { FactId } from "./catalogue";

interface FactCues {
  leads: readonly RegExp[];
  keywords: readonly RegExp[];
}

const PEOPLE =
  "(?:they|users|customers|people|readers|subscribers|buyers|clients|listeners|viewers|shoppers|parents|founders|folks|members|backers|owners|students|families)";
const IS = "(?:is|are|'s|'re|would be|will be|should be|could be|include|includes)";
const the = "(?:the |our |my |their |its )?";

/** "our main audience is", "Audience:", "the audience would be" (and the same with other nouns). */
const named = (nouns: string) =>
  new RegExp(
    `^${the}(?:main |key |core |primary |biggest |target |first )?(?:${nouns})(?:\\s+${IS})?(?:\\s+that)?\\s*[:,-]?\\s+`,
    "i",
  );

export const CUES: Readonly<Record<FactId, FactCues>> = {
  productName: {
    leads: [
      /^(?:it'?s |it is |we'?re |we are |the (?:app|product|shop|store|newsletter|podcast|brand|business|company|project|channel|studio|agency|blog) (?:is |will be )?)?(?:called|named)\s+/i,
      /^(?:the |its |our |my )?(?:product |brand |project |shop |store )?(?:name|working title)(?:\s+(?:is|will be|'s))?\s*[:,-]?\s+/i,
      /^(?:let'?s |we'?ll |i'?ll )?call it\s+/i,
    ],
    keywords: [],
  },
  problem: {
    leads: [
      new RegExp(
        `^(?:most|many|a lot of|so many|too many|lots of)\\s+(?:\\w+\\s+)?${PEOPLE}\\b(?=.*\\b(?:because|since|forget|waste|lose|kill|struggle|can'?t|don'?t know|never|end up|have to)\\b)`,
        "i",
      ),
      named("problem|problems|issue|challenge|pain"),
      /^(?:the )?problem (?:we|i) (?:solve|are solving|'re solving|want to solve)(?: is)?(?: that)?\s*[:,-]?\s+/i,
    ],
    keywords: [
      /\b(?:waste|wasting|forget|forgetting|struggle|struggling|hard to|can'?t find|no way to|too (?:expensive|hard|slow|complicated)|end up|there'?s no)\b/i,
    ],
  },
  goals: {
    leads: [
      named("goals?|objectives?|aims?|vision"),
      /^(?:we|i) (?:want|hope|aim|plan|intend) to\s+(?!(?:launch|ship|go live|be live|release|spend|keep it)\b)/i,
      /^(?:the )?(?:goal|aim|idea) is to\s+/i,
    ],
    keywords: [/\b(?:goal|aim|so that|in order to|help (?:them|people|users) to)\b/i],
  },
  successMetrics: {
    leads: [
      named("metrics?|kpis?|success metrics?|numbers to watch|north star"),
      /^(?:success|a win|winning)(?:\s+(?:would be|is|looks like|means|=|would look like))?\s*[:,-]?\s+/i,
      /^(?:we'?ll|i'?ll|we will|i will|we'?d|i'?d|we) (?:measure|track|know it worked|count)(?: (?:it|success))?(?: (?:by|with|in|through|if|when))?\s+/i,
      /^(?:it worked|it'?s a success|we'?ve succeeded) (?:if|when)\s+/i,
      /^(?:we|i) (?:want|hope|aim|plan|need|'d like|would like) (?:to (?:get|reach|hit|have|see|sign up|land) )?(?=(?:~|about |around |at least |over )?[$€£]?\d)/i,
    ],
    keywords: [
      /\b\d[\d,.]*\s*k?\+?\s*(?:weekly |monthly |daily |paying |active |paid |new |repeat )*(?:users|subscribers|customers|households|orders|downloads|members|readers|sales|sign-?ups|listeners|clients|bookings|backers|units|installs)\b/i,
      /\b(?:mrr|arr|retention|churn|conversion|open rate|nps|gmv|revenue of|per cent|percent|\d+\s?%)\b/i,
    ],
  },
  constraints: {
    leads: [
      named("constraints?|limits?|limitations?|restrictions?"),
      /^(?:the |our |my )?budget(?:\s+(?:is|will be|'s))?\s*[:,-]?\s*(?=\S)/i,
      /^(?:we|i) (?:want|need|have|plan|hope) to (?:launch|ship|go live|be live|release)\b(?=.*\b(?:by|before|in|within)\b)/i,
      /^(?:it'?s |there'?s )?(?:just|only) (?:me|us|the two of us|one|two|three)\b/i,
    ],
    keywords: [
      /\b(?:budget|deadline|by (?:january|february|march|april|may|june|july|august|september|october|november|december|spring|summer|autumn|fall|winter|christmas|q[1-4]|the end of)|launch (?:in|by|before)|ship (?:in|by)|(?:just|only) (?:me|us|two|three|one)|team of|solo|part[- ]time|evenings and weekends|no-?code|gdpr|hipaa|regulat)\b/i,
      /\b(?:one|two|three|four|five|\d) (?:developers?|devs|people|engineers|designers|of us)\b/i,
    ],
  },
  audience: {
    leads: [
      named(
        "target audience|audience|target users|target customers|target market|customers|users|readers|buyers|clients|market|demographic|segment",
      ),
      /^(?:it'?s |this is |we'?re |mostly |mainly |primarily )?(?:aimed at|targeting|targeted at|meant for|built for|designed for|made for)\s+/i,
      /^(?:mostly|mainly|primarily) (?=\S)/i,
    ],
    keywords: [
      /\b(?:aged|ages?) \d|\b\d{2}\s*(?:[-–]|to)\s*\d{2}\b(?! ?(?:%|percent|users|orders|weeks|days|months))|\byear[- ]olds?\b/i,
      /\b(?:parents|moms|mums|dads|students|founders|freelancers|professionals|women|men|teens|teenagers|millennials|gen z|retirees|small business owners|investors|designers|developers|nurses|teachers|gamers|runners|homeowners|pet owners|dog owners|couples|families|beginners|hobbyists|creators)\b/i,
    ],
  },
  userGoals: {
    leads: [
      new RegExp(
        `^${PEOPLE}(?:'re| are)? (?:mostly |mainly |just |really )?(?:want|need|wish|hope|are trying|trying|try|would like|'d like|care about)(?: to)?\\s+`,
        "i",
      ),
      named("user goals?|needs|jobs to be done|their goals?"),
    ],
    keywords: [/\b(?:want to|need to|trying to|so they can)\b/i],
  },
  painPoints: {
    leads: [
      new RegExp(
        `^${PEOPLE}(?:'re| are)? (?:really |mostly |all |often |so )?(?:hate|dislike|overwhelmed by|confused by|put off by|scared of|afraid of|fed up with|stressed (?:about|by)|frustrated (?:by|with)|annoyed (?:by|with)|tired of|sick of|are frustrated (?:by|with)|get frustrated (?:by|with)|struggle with|complain about|are annoyed by|get annoyed (?:by|with)|can'?t stand|are tired of|are sick of|worry about)\\s+`,
        "i",
      ),
      named("pain points?|pains|frustrations?|annoyances|biggest frustration"),
      /^what (?:frustrates|annoys|bugs) them (?:most )?(?:is|are)\s+/i,
    ],
    keywords: [
      /\b(?:frustrat\w*|annoy\w*|hate|struggl\w*|painful|confusing|tedious|overwhelm\w*|surprise costs?)\b/i,
    ],
  },
  behaviours: {
    leads: [
      new RegExp(
        `^(?:today,? |right now,? |currently,? |at the moment,? )?${PEOPLE} (?:currently |usually |mostly |often |typically |already |tend to )?(?:use|rely on|spend|shop|buy|read|listen|watch|browse|check|scroll|go to|ask|search|keep|track|write)\\b`,
        "i",
      ),
      named("habits?|behaviou?rs?"),
    ],
    keywords: [
      /\b(?:every (?:morning|day|evening|week|weekend)|on (?:saturdays|sundays|weekends)|on their phones?|on the commute|habit|usually|spreadsheets?|whatsapp|instagram|google)\b/i,
    ],
  },
  journey: {
    leads: [
      named("user journey|customer journey|journey|first use"),
      new RegExp(
        `^(?:most |the first time )?${PEOPLE}? ?(?:would |will )?(?:find|discover|hear about|come across|first see|stumble on|land on)\\b`,
        "i",
      ),
      /^(?:someone|a new (?:user|customer|reader)) (?:would |will )?(?:find|discover|hear|see|land)\b/i,
    ],
    keywords: [
      /\b(?:first time|discover|hear about (?:us|it)|word of mouth|then they|after that|and then)\b/i,
    ],
  },
  competitors: {
    leads: [
      named("competitors?|competition|alternatives|main competitors?"),
      /^(?:we|i|it) compete(?:s)? with\s+/i,
      new RegExp(
        `^(?:right now,? |today,? |currently,? )?${PEOPLE} (?:use|go to|buy from|read|listen to) (?=.*\\binstead\\b)`,
        "i",
      ),
    ],
    keywords: [
      /\b(?:instead|compet\w*|alternatives?|rivals?|similar to|like (?:[A-Z][\w]+)|versus|vs\.?)\b/i,
    ],
  },
  keyFeatures: {
    leads: [
      named("key features?|features?|main features?|core features?|mvp|first version|v1|must-haves"),
      /^(?=(?:each|every) (?:issue|episode|edition|post|video|box|session|class|order)\b)/i,
      /^(?:it|the (?:app|product|site|shop|tool|platform|first version|mvp)|v1|version one) (?:will|would|should|must|can|could) (?:let (?:you|people|users|them)|have|include|offer|do|support)\s+/i,
      /^(?:for|in) (?:the )?(?:mvp|v1|first version|launch)\s*[,:]?\s+/i,
    ],
    keywords: [
      /\b(?:feature|features|lets? (?:you|users|people|them)|scan\w*|reminders?|notifications?|dashboard|sync)\b/i,
    ],
  },
  userFlows: {
    leads: [
      named("user flows?|main flows?|flows?|steps|use cases?|user stories"),
      // "A customer finds a scent, adds it to the cart, picks gift wrap, pays…": a sequence of steps.
      /^(?=(?:a |the |every |each )?(?:new )?(?:customer|user|client|reader|visitor|buyer|subscriber|someone|they|people|you)\b[^.]*,[^.]*,[^.]*)/i,
    ],
    keywords: [/→|->|\b(?:step by step|first they|then they|then (?:it|you)|after that|and then)\b/i],
  },
  platforms: {
    leads: [
      named("platforms?|devices"),
      /^(?:it'?s |we'?re |it will be |we'?ll be |starting |first )?(?:on|for) (?:ios|android|iphone|the web|web|mobile|desktop)\b/i,
      /^(?:we|i)(?:'ll| will)? (?:sell|publish|post|host it|stream|upload) (?:it |them )?(?:on|through|via|at)\b(?=.*\b(?:shopify|etsy|amazon|substack|beehiiv|ghost|youtube|spotify|wordpress|squarespace|wix|app store|play store|markets?|website|site)\b)/i,
    ],
    keywords: [
      /\b(?:ios|android|iphone|ipad|web app|website|desktop|mobile|mac|windows|pwa|tablet|app stores?|shopify|etsy|substack|beehiiv|youtube|spotify|apple podcasts)\b/i,
    ],
  },
  nonFunctional: {
    leads: [named("quality requirements?|non-?functional requirements?|nfrs?|performance|security")],
    keywords: [
      /\b(?:offline|wcag|accessib\w*|privacy|secure|security|fast|loads? in|performance|encrypt\w*|uptime|reliab\w*|scal\w*)\b/i,
    ],
  },
  designPrinciples: {
    leads: [
      named("design principles?|principles|look and feel|the design"),
      /^(?:design-?wise,?\s+|visually,?\s+)?(?:it|the (?:design|app|ui|interface|site)) should (?:look|feel)\s+/i,
    ],
    keywords: [
      /\b(?:minimal\w*|clean|calm|clutter\w*|big buttons|one-handed|touch targets|whitespace|simple ui)\b/i,
    ],
  },
  dataEntities: {
    leads: [
      named("data|entities|data model|data entities"),
      /^(?:we|it) (?:store|stores|keep|keeps|save|saves|track|tracks)\s+/i,
    ],
    keywords: [/\b(?:has (?:many|one|a list of)|belongs to|each \w+ has|records?|tables?)\b/i],
  },
  integrations: {
    leads: [
      named("integrations?|external systems|apis|third-party services"),
      /^it (?:connects|integrates|talks) (?:to|with)\s+/i,
    ],
    keywords: [
      /\b(?:stripe|paypal|shopify|mailchimp|zapier|google calendar|calendar|apis?|webhooks?|slack|hubspot|klaviyo|convertkit|beehiiv|notion|twilio|firebase|supabase|integrat\w*|plug into|connects? (?:to|with))\b/i,
    ],
  },
  pages: {
    leads: [named("pages|main pages|screens|main screens|views")],
    keywords: [
      /\b(?:home ?page|landing page|checkout|product pages?|settings|dashboard|profile page|about page|archive|cart)\b/i,
    ],
  },
  navigation: {
    leads: [named("navigation|nav|main navigation|menu|main menu")],
    keywords: [/\b(?:tab bar|bottom tabs|hamburger|top menu|sidebar|breadcrumbs?|nav bar|navigation)\b/i],
  },
  keyScreen: {
    leads: [
      named("key screen|main screen|most important screen|home screen|key page|most important page"),
      /^(?:the )?(?:most important|key|main) (?:screen|page) (?:should|must|needs to|will)\s+/i,
      /^(?:the )?(?:[\w-]+ ){0,2}(?:page|screen) is (?:the )?(?:key|most important|main one|heart of it|one that matters)\b/i,
      /^(?:the )?(?:landing|home|product|booking) page (?:must|should|needs to) (?:show|have|let)\b/i,
    ],
    keywords: [],
  },
  uiComponents: {
    leads: [named("ui components|components|building blocks|ui building blocks")],
    keywords: [
      /\b(?:cards?|buttons?|forms?|modals?|carousels?|charts?|date pickers?|toggles?|sliders?|list rows)\b/i,
    ],
  },
  valueProposition: {
    leads: [
      named("value proposition|value prop|uvp|usp|pitch|one-liner|differentiator|tagline"),
      new RegExp(
        `^${PEOPLE} (?:would |will |should )?(?:choose|pick|prefer|switch to) (?:us|it|this)\\b\\s*(?:because|since|as)?\\s*`,
        "i",
      ),
      /^what makes (?:us|it) (?:different|special|better)(?: is)?\s*[:,-]?\s*/i,
      /^(?:it'?s|we'?re|this is|it is|we are) the (?:only|first)\b/i,
      /^unlike\b/i,
    ],
    keywords: [/\b(?:the only|unlike|better than|different from|stands? out|why choose)\b/i],
  },
  channels: {
    leads: [
      named("channels?|marketing channels?|marketing|distribution"),
      /^(?:we'?ll|we will|i'?ll|i will|we|i) (?:reach|find|market to|promote(?: it)?|advertise|grow|get (?:customers|users|readers|subscribers|clients|buyers))(?: (?:them|it))?(?: (?:on|through|via|with|using|from|in|by))?\s+/i,
    ],
    keywords: [
      /\b(?:instagram|tiktok|facebook|linkedin|twitter|reddit|youtube|seo|ads|influencers?|word of mouth|referrals?|podcasts?|pinterest|google ads|markets|pop-?ups?|cross-?promo\w*|communities|partnerships?|newsletter swaps?)\b/i,
    ],
  },
  pricing: {
    leads: [
      named(
        "price|prices|pricing|business model|revenue model|revenue|monetization|monetisation|revenue streams?",
      ),
      /^(?:we'?ll|we will|i'?ll|i will|we|i) (?:charge|sell (?:it|them) for|price (?:it|them) at|make money (?:from|by|through|with))\s*/i,
      /^(?:it(?:'ll| will)?|each|a (?:box|candle|subscription|plan)) costs?\s+/i,
    ],
    keywords: [
      /(?:[$€£]\s?\d|\d\s?(?:€|eur|usd|dollars|euros|pounds)\b)/i,
      /\b(?:per|a|\/)\s?(?:month|year|issue|order|seat|session|hour)\b|\/mo\b/i,
      /\b(?:free tier|freemium|subscription|commission|one-time|paid plan|premium|free trial|sponsorships?|paywall)\b/i,
    ],
  },
  costs: {
    leads: [
      named("costs?|main costs?|expenses|cost structure|running costs"),
      /^(?:we'?ll|we will|i'?ll|i will|we|i) (?:pay|spend)(?: (?:for|on))?\s+/i,
      /^(?:it|this) (?:costs? us|will cost us)\s+/i,
    ],
    keywords: [
      /\b(?:hosting|salar(?:y|ies)|rent|shipping costs?|packaging|inventory|materials|production costs?|costs? (?:us|me)|spend(?:ing)? on|overheads?)\b/i,
    ],
  },
  unfairAdvantage: {
    leads: [named("unfair advantage|advantage|moat|edge|secret sauce")],
    keywords: [
      /\b(?:nobody else|no one else|can'?t (?:easily )?copy|exclusive|we already have|i already have|years of|audience of \d|partnership with)\b/i,
    ],
  },
  mission: {
    leads: [
      named("mission|purpose|why|brand story|reason we exist"),
      /^we (?:believe|exist to|are here to)\s+/i,
      /^(?:i|we) (?:started|do|built) (?:this|it) because\s+/i,
    ],
    keywords: [/\b(?:mission|believe|world where|no one should|everyone should)\b/i],
  },
  coreValues: {
    leads: [named("core values|values|brand values"), /^we (?:value|care about|stand for)\s+/i],
    keywords: [/\bvalues?\b/i],
  },
  brandPersonality: {
    leads: [
      named("brand personality|personality|adjectives|three words"),
      /^(?:the brand|it) should (?:feel|be|come across as|seem)\s+/i,
      /^(?:if (?:the brand|it) (?:was|were) a person,? (?:it(?:'d| would) be)?)\s*/i,
    ],
    keywords: [/\b(?:personality|adjectives|cheeky|bold|quirky|elegant|premium feel|down-to-earth)\b/i],
  },
  voice: {
    leads: [
      named("voice|tone|voice and tone|tone of voice|brand voice"),
      /^(?:it|we|the brand|the newsletter|the shop) should (?:sound|speak|talk|write)\s*/i,
      /^(?:we|i) (?:write|talk|sound|speak)\b/i,
    ],
    keywords: [
      /\b(?:casual|formal|playful|serious|conversational|no jargon|sound(?:s)? like|friendly tone|warm tone|tone)\b/i,
    ],
  },
  visualIdentity: {
    leads: [
      named(
        "visual identity|visuals|colou?rs?|colou?r palette|palette|logo|fonts?|typography|typefaces?|look|imagery",
      ),
    ],
    keywords: [
      /\b(?:colou?rs?|green|blue|red|yellow|pink|purple|orange|black|white|pastel|earthy|serif|sans-serif|font|typeface|logo|illustrations?|photos?|imagery|#[0-9a-f]{6})\b/i,
    ],
  },
};

export interface CueScore {
  id: FactId;
  score: number;
  /** The lead that matched; cut from the value when it ends in a space or a colon. */
  lead?: string;
}

/** Scores every fact for one clause: a lead counts 3, each matching keyword pattern 1. Best first. */
export function scoreClause(text: string, ids: readonly FactId[]): CueScore[] {
  const out: CueScore[] = [];
  for (const id of ids) {
    const cues = CUES[id];
    let score = 0;
    let lead: string | undefined;
    for (const re of cues.leads) {
      const m = text.match(re);
      if (m && m[0].length < text.length) {
        score += 3;
        lead = m[0];
        break;
      }
    }
    // Each keyword pattern counts once per different word it finds, at most twice ("iOS and Android").
    for (const re of cues.keywords) {
      const found = new Set(
        [...text.matchAll(new RegExp(re.source, re.flags.includes("g") ? re.flags : `${re.flags}g`))].map(
          (m) => m[0].toLowerCase(),
        ),
      );
      score += Math.min(2, found.size);
    }
    if (score) out.push({ id, score, ...(lead !== undefined ? { lead } : {}) });
  }
  return out.sort((a, b) => b.score - a.score);
}
