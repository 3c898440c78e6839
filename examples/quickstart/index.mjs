// The quickstart: the IT Support scenario of the design, played on a Desk, with its timeline printed.
// `npm run demo` at the repository root runs the same story through the `spoc demo` command.
import { runDemo } from "@spoc/cli";

await runDemo();
