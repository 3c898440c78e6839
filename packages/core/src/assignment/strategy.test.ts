import * as Schema from "effect/Schema";
import { describe, expect, it } from "vitest";
import { decodeRules } from "../routing/decode-rules";
import { InvalidInput } from "../validation/invalid-input";
import { StrategyName, strategyOfAction } from "./strategy";

const ruleWith = (strategy: string, skills?: ReadonlyArray<string>) => [{
  id: "r", serviceId: "svc", name: "r", enabled: true, triggers: ["ticket-opened"], when: { field: "channel", op: "exists" },
  actions: [{ type: "assign-strategy", strategy, groupId: "l2", ...(skills ? { skills } : {}) }],
}];

describe("strategy names", () => {
  it("a rule names the pipeline's chooser kinds, least-recent and queue included", () => {
    for (const kind of ["round-robin", "fewest-open", "least-recent", "queue"]) {
      const rules = decodeRules(ruleWith(kind));
      expect(rules instanceof InvalidInput ? rules.message : rules[0]?.actions[0]).toMatchObject({ strategy: kind });
    }
  });

  it("stored rules with the older names decode to the kind they meant", () => {
    expect(Schema.decodeUnknownSync(StrategyName)("least-loaded")).toBe("fewest-open");
    expect(Schema.decodeUnknownSync(StrategyName)("skills")).toBe("round-robin");
  });

  it("an unknown strategy name is refused, naming the rule and the field", () => {
    const rules = decodeRules(ruleWith("random"));
    expect(rules).toBeInstanceOf(InvalidInput);
    expect((rules as InvalidInput).message).toContain("actions.0.strategy");
  });

  it("the skills strategy is round robin among agents having every skill the rule lists", () => {
    expect(strategyOfAction({ strategy: "skills", skills: ["network", "network", "french"] }))
      .toEqual({ kind: "round-robin", requiredSkills: ["network", "french"], respectCapacity: true, respectShift: true });
  });
});
