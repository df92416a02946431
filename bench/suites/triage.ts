// Urgency detector: precision and recall per flag and overall on the labelled French test set, and
// throughput of detection + routing on that set with the default lexicon compiled once.
import { compileLexicon, detectUrgency } from "../../src/engines/triage/detector.js";
import { evaluate } from "../../src/engines/triage/evaluate.js";
import { defaultLexicon, FLAG_CODES } from "../../src/engines/triage/lexicon.js";
import { type RoutingRule, routeRequest } from "../../src/engines/triage/routing.js";
import { testSet } from "../../src/engines/triage/testset.js";
import { median } from "../stats";

type Report = (name: string, value: number, unit: string) => void;

const rules: RoutingRule[] = [
  {
    id: "tech",
    name: "Technique",
    position: 1,
    conditions: { anyWords: ["chauffage", "chaudiere", "fuite*", "ascenseur", "eau", "electricite"] },
    serviceId: "tech",
    priority: "normal",
  },
  {
    id: "social",
    name: "Gestion sociale",
    position: 2,
    conditions: { phrases: ["payer {0,2} loyer", "dette", "aide sociale"] },
    serviceId: "social",
    priority: "low",
  },
];

export async function run(report: Report): Promise<void> {
  const lex = compileLexicon(defaultLexicon);
  const detect = (text: string) => detectUrgency(text, lex);

  const all = evaluate(testSet, detect);
  for (const code of FLAG_CODES) {
    report(`triage.${code}.precision`, all.flags[code].precision, "ratio");
    report(`triage.${code}.recall`, all.flags[code].recall, "ratio");
  }
  report("triage.urgent.precision", all.urgent.precision, "ratio");
  report("triage.urgent.recall", all.urgent.recall, "ratio");
  for (const split of ["holdout", "fresh", "fresh2"] as const) {
    const e = evaluate(
      testSet.filter((m) => m.split === split),
      detect,
    );
    report(`triage.${split}.urgent.precision`, e.urgent.precision, "ratio");
    report(`triage.${split}.urgent.recall`, e.urgent.recall, "ratio");
  }

  const texts = testSet.map((m) => m.text);
  const rates: number[] = [];
  for (let round = 0; round < 7; round++) {
    const t0 = performance.now();
    for (let rep = 0; rep < 3; rep++) {
      for (const text of texts) routeRequest({ channel: "web", text }, rules, "siege", detect(text));
    }
    rates.push((3 * texts.length) / ((performance.now() - t0) / 1000));
  }
  report("triage.messages_per_s", Math.round(median(rates)), "msg/s");
}
