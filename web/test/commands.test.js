"use strict";
// The OnMessageSend handler (commands.js) in Node, against office-addin-mock.
const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");
const { outlook, draft } = require("./office-host.js");

const commands = require(path.join(__dirname, "..", "..", "outlook-addin-backend", "src", "main", "resources", "static",
  "addin", "commands.js"));

const signedIn = { "genjin.auth": JSON.stringify({ kind: "personal", token: "gj_tok", apiBase: "https://crm.example" }) };

function quotation(headers) {
  return draft({ to: [{ emailAddress: "Anna@Buyer.example" }], cc: [{ emailAddress: "boss@genjin.example" }],
    subject: "Quotation PI-2026-118", html: "<p>Unit price USD 4.20, FOB Ningbo</p>", headers });
}

function send(office, fetch, budgetMs) {
  return new Promise((resolve) => {
    const event = { completed(options) { resolve(options); } };
    commands.check(event, { office, fetch, budgetMs });
  });
}

function answering(body, seen) {
  return (url, init) => {
    seen.push({ url, init });
    return Promise.resolve({ ok: true, json: () => Promise.resolve(body) });
  };
}

test("an untracked quotation to a customer gets a SoftBlock reminder with 'Track it' opening the pane", async () => {
  const seen = [];
  const office = outlook({ item: quotation(), roaming: Object.assign({}, signedIn) });
  const options = await send(office, answering({ remind: true, reason: "QUOTATION_UNTRACKED", customerName: "Buyer GmbH" }, seen));
  assert.equal(options.allowEvent, false);
  assert.match(options.errorMessage, /quotation to Buyer GmbH/);
  assert.equal(options.cancelLabel, "Track it");
  assert.equal(options.commandId, commands.OPEN_PANE_COMMAND);
  assert.equal(options.sendModeOverride, "promptUser");
  assert.equal(seen[0].url, "https://crm.example/api/addin/compose/check");
  assert.equal(seen[0].init.headers.Authorization, "Bearer gj_tok");
  assert.deepEqual(JSON.parse(seen[0].init.body), { to: ["anna@buyer.example"], cc: ["boss@genjin.example"],
    subject: "Quotation PI-2026-118", text: "Unit price USD 4.20, FOB Ningbo", tracked: false });
});

test("the reminder speaks Chinese in a Chinese Outlook, and older Outlooks get the plain reminder", async () => {
  const office = outlook({ item: quotation(), roaming: Object.assign({}, signedIn), displayLanguage: "zh-CN", mailbox14: false });
  const options = await send(office, answering({ remind: true, customerName: "宁波进出口" }, []));
  assert.equal(options.allowEvent, false);
  assert.match(options.errorMessage, /宁波进出口/);
  assert.equal(options.cancelLabel, undefined);
  assert.equal(options.commandId, undefined);
});

test("a tracked message goes without asking Genjin", async () => {
  const seen = [];
  const office = outlook({ item: quotation({ "X-Genjin-Track": "signed" }), roaming: Object.assign({}, signedIn) });
  assert.deepEqual(await send(office, answering({ remind: true }, seen)), { allowEvent: true });
  assert.equal(seen.length, 0);
});

test("when Genjin says nothing to remind, the mail goes", async () => {
  const office = outlook({ item: quotation(), roaming: Object.assign({}, signedIn) });
  assert.deepEqual(await send(office, answering({ remind: false, reason: null }, [])), { allowEvent: true });
});

test("a Genjin that does not answer in time lets the mail go", async () => {
  const office = outlook({ item: quotation(), roaming: Object.assign({}, signedIn) });
  const started = Date.now();
  assert.deepEqual(await send(office, () => new Promise(() => {}), 50), { allowEvent: true });
  assert.ok(Date.now() - started < 4000);
});

test("an unreachable or failing Genjin lets the mail go", async () => {
  const office = outlook({ item: quotation(), roaming: Object.assign({}, signedIn) });
  assert.deepEqual(await send(office, () => Promise.reject(new TypeError("offline"))), { allowEvent: true });
  assert.deepEqual(await send(office, () => Promise.resolve({ ok: false, status: 500 })), { allowEvent: true });
});

test("before the rep signs in to the pane, the handler lets every mail go", async () => {
  const office = outlook({ item: quotation() });
  assert.deepEqual(await send(office, () => assert.fail("no token, no call")), { allowEvent: true });
});

test("an expired nested-app-authentication token is not used", async () => {
  const roaming = { "genjin.auth": JSON.stringify({ kind: "entra", token: "old", apiBase: "https://crm.example", expiresAt: Date.now() - 1000 }) };
  const office = outlook({ item: quotation(), roaming });
  assert.deepEqual(await send(office, () => assert.fail("expired")), { allowEvent: true });
});
