#!/usr/bin/env node
// Converts Genjin's XML add-in manifest to the unified JSON manifest for Microsoft 365 (the npm
// office-addin-manifest-converter), puts the two app icons beside it, and validates the result
// offline against the JSON schema that ships inside @microsoft/app-manifest.
//   node web/scripts/json-manifest.js MANIFEST.xml OUT_DIR ICONS_DIR
//   node web/scripts/json-manifest.js --validate manifest.json      (validation only)
// ICONS_DIR holds icon-192.png (the colour icon) and outline-32.png (the white outline icon).
// Exit status: 0 valid, 1 invalid (the errors are printed), 2 wrong usage or a missing file.
"use strict";
const fs = require("fs");
const path = require("path");
const converter = require("office-addin-manifest-converter");
const { AppManifestUtils } = require("@microsoft/app-manifest");

function schemaFile(url) {
  // "https://developer.microsoft.com/json-schemas/teams/v1.17/MicrosoftTeams.schema.json#"
  const match = /json-schemas\/(.+?\.schema\.json)/.exec(url || "");
  if (!match) throw new Error("no known schema for " + url);
  const root = path.dirname(require.resolve("@microsoft/app-manifest/package.json"));
  const file = path.join(root, "build", "json-schemas", match[1]);
  if (!fs.existsSync(file)) throw new Error("the schema " + match[1] + " is not in @microsoft/app-manifest");
  return file;
}

async function validate(file) {
  const json = JSON.parse(fs.readFileSync(file, "utf8"));
  const schema = JSON.parse(fs.readFileSync(schemaFile(json.$schema), "utf8"));
  const errors = await AppManifestUtils.validateAgainstSchema(json, schema);
  return errors.map((e) => path.basename(file) + ": " + e);
}

function report(file, errors) {
  if (errors.length > 0) {
    errors.forEach((e) => console.error(e));
    return 1;
  }
  console.log("json-manifest: " + file + " is valid");
  return 0;
}

async function main(argv) {
  if (argv.length === 2 && argv[0] === "--validate") {
    return report(argv[1], await validate(path.resolve(argv[1])));
  }
  if (argv.length !== 3) {
    console.error("usage: json-manifest.js MANIFEST.xml OUT_DIR ICONS_DIR | --validate manifest.json");
    return 2;
  }
  const [xml, out, icons] = argv.map((p) => path.resolve(p));
  for (const f of [xml, path.join(icons, "icon-192.png"), path.join(icons, "outline-32.png")]) {
    if (!fs.existsSync(f)) {
      console.error("json-manifest: missing " + f);
      return 2;
    }
  }
  fs.mkdirSync(out, { recursive: true });
  await converter.convert(xml, out, false, null, null, false);
  const manifestFile = path.join(out, "manifest.json");
  const manifest = JSON.parse(fs.readFileSync(manifestFile, "utf8"));
  // The converter names the XML's icon URLs; the app package carries the two files itself.
  fs.copyFileSync(path.join(icons, "icon-192.png"), path.join(out, "color.png"));
  fs.copyFileSync(path.join(icons, "outline-32.png"), path.join(out, "outline.png"));
  manifest.icons = { color: "color.png", outline: "outline.png" };
  fs.writeFileSync(manifestFile, JSON.stringify(manifest, null, 4) + "\n");

  // The zh-CN labels go to a localization file beside it (zh-cn.json). Its schema has a pattern that
  // JSON Schema validators running in Unicode mode cannot compile, so only manifest.json is checked.
  return report(manifestFile, await validate(manifestFile));
}

main(process.argv.slice(2)).then((code) => process.exit(code), (e) => {
  console.error("json-manifest: " + (e && e.stack ? e.stack : e));
  process.exit(1);
});
