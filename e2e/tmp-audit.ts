import axe from "axe-core";
import { launch } from "/work/wt-web/e2e/browser";
const b = await launch();
for (const vp of [{ width: 390, height: 844 }, { width: 1280, height: 800 }]) {
  const ctx = await b.newContext({ baseURL: "http://127.0.0.1:8790", viewport: vp });
  const p = await ctx.newPage();
  for (const path of ["/", "/signup", "/signin", "/gallery", "/forgot-password", "/reset-password?token=abc", "/nope"]) {
    await p.goto(path);
    await p.evaluate(axe.source);
    const r = await p.evaluate(async () => (await (window as any).axe.run(document)).violations.map((v: any) => `${v.impact} ${v.id}: ${v.nodes.map((n: any) => n.target).join(" | ")}`));
    console.log(vp.width, path, r);
  }
}
await b.close();
