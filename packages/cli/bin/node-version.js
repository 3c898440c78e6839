// Plain JavaScript on purpose: this runs before anything else of spoc, on whatever Node the host
// has, so it must parse there (no TypeScript, no syntax newer than Node 12's).

/** The oldest Node spoc runs on: require(esm) without a flag, and the native drivers it is built for. */
export const minimumNode = "22.13.0";

/**
 * Whether a Node version ("20.20.2", "v24.1.0") is at least `minimumNode`.
 * @example supportsNode("22.12.0") // false
 */
export function supportsNode(version) {
  const have = String(version).replace(/^v/, "").split(".").map(Number);
  const need = minimumNode.split(".").map(Number);
  for (let i = 0; i < 3; i++) {
    if ((have[i] || 0) !== need[i]) return (have[i] || 0) > need[i];
  }
  return true;
}

/**
 * The one line printed when Node is too old, or undefined when it is recent enough.
 * @example refusal("20.20.2") // "spoc: Node 20.20.2 is too old: spoc needs Node 22.13.0 or later"
 */
export function refusal(version) {
  return supportsNode(version) ? undefined : `spoc: Node ${String(version).replace(/^v/, "")} is too old: spoc needs Node ${minimumNode} or later`;
}
