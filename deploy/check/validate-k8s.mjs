// Validates Kubernetes objects (multi-document YAML on stdin, as `kubectl kustomize` prints it) against the
// Kubernetes API's JSON schemas, as packaged by kubernetes-models (generated from the official OpenAPI spec).
// Only built-in kinds are accepted: an apiVersion/kind the package does not know is an error, not a pass.
// Prints one line per object; exit status 1 when any object is invalid.
//   kubectl kustomize deploy/k8s/overlays/production | node deploy/check/validate-k8s.mjs
import { parseAllDocuments } from "yaml";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const docs = parseAllDocuments(readFileSync(0, "utf8"));
let failed = 0;
let checked = 0;
for (const doc of docs) {
  if (doc.errors.length > 0) {
    console.log(`INVALID YAML: ${doc.errors.map((e) => e.message).join("; ")}`);
    failed++;
    continue;
  }
  const obj = doc.toJS();
  if (obj == null) continue;
  const name = `${obj.kind}/${obj.metadata?.name ?? "?"} (${obj.apiVersion})`;
  const [group, version] = String(obj.apiVersion).includes("/") ? obj.apiVersion.split("/") : [null, obj.apiVersion];
  let Model;
  try {
    const mod = require(`kubernetes-models/${group ? group + "/" : ""}${version}/${obj.kind}`);
    Model = mod[obj.kind];
  } catch (e) {
    Model = undefined;
  }
  checked++;
  if (typeof Model !== "function") {
    console.log(`UNKNOWN ${name}: not a built-in Kubernetes kind of this API version`);
    failed++;
    continue;
  }
  try {
    new Model(obj).validate();
    console.log(`valid ${name}`);
  } catch (e) {
    const details = (e.errors ?? []).map((x) => `${x.instancePath || "/"} ${x.message}`).join("; ");
    console.log(`INVALID ${name}: ${details || e.message}`);
    failed++;
  }
}
if (checked === 0) {
  console.log("no objects to validate");
  process.exit(1);
}
process.exit(failed > 0 ? 1 : 0);
