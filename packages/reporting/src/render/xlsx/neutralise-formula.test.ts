import { describe, expect, it } from "vitest";
import { maxCellText, neutraliseText } from "./neutralise-formula";

describe("neutraliseText", () => {
  it.each(["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1"])("prefixes %j with a quote", (s) => {
    expect(neutraliseText(s)).toBe(`'${s}`);
  });
  it("leaves ordinary text alone", () => expect(neutraliseText("Ζωή = 1")).toBe("Ζωή = 1"));
  it("leaves a formula sign after leading text alone", () => expect(neutraliseText(" =1")).toBe(" =1"));
  it("drops XML-invalid control characters", () => expect(neutraliseText("a\u0000\u001Fb\u000Bc")).toBe("abc"));
  it("neutralises a formula hidden behind control characters", () => expect(neutraliseText("\u0000=1")).toBe("'=1"));
  it("cuts text to Excel's cell limit", () => expect(neutraliseText("x".repeat(40_000))).toHaveLength(maxCellText));
});
