"use strict";
// The task pane's Office and API logic in Node, against office-addin-mock (run by
// AddinScriptsInNodeTest in the Maven build, or by hand: node --test web/test/).
const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");
const { outlook, draft } = require("./office-host.js");

const ADDIN = path.join(__dirname, "..", "..", "outlook-addin-backend", "src", "main", "resources", "static", "addin");
const pane = require(path.join(ADDIN, "taskpane.js"));
const strings = require(path.join(ADDIN, "strings.js"));

function message(fields) {
  return Object.assign({ internetMessageId: "<m1@buyer.example>", subject: "RFQ: 2000 pcs", to: [], cc: [],
    dateTimeCreated: "2026-11-30T08:00:00Z",
    body: { getAsync(coercion, callback) { callback({ status: "succeeded", value: "<p>Please quote</p>" }); } } }, fields);
}

function fakeApi(answers) {
  const calls = [];
  const answer = (method, path, body) => {
    calls.push({ method, path, body });
    const a = answers[method + " " + path.split("?")[0]];
    return typeof a === "function" ? a(body) : Promise.resolve(a);
  };
  return { calls, get: (p) => answer("GET", p), post: (p, b) => answer("POST", p, b), put: (p, b) => answer("PUT", p, b) };
}

test("read mode: the card is the sender's", async () => {
  const office = outlook({ item: message({ from: { emailAddress: "Anna@Buyer.example", displayName: "Anna" },
    to: [{ emailAddress: "rep@genjin.example" }] }) });
  const parties = await pane.partiesOf(office.context.mailbox.item, "rep@genjin.example");
  assert.deepEqual(parties, [{ address: "anna@buyer.example", name: "Anna" }]);
  assert.equal(pane.isCompose(office.context.mailbox.item), false);
});

test("read mode on a message the rep sent: the cards are the recipients', never the rep", async () => {
  const office = outlook({ item: message({ from: { emailAddress: "rep@genjin.example" },
    to: [{ emailAddress: "anna@buyer.example", displayName: "Anna" }, { emailAddress: "rep@genjin.example" }],
    cc: [{ emailAddress: "bo@other.example" }, { emailAddress: "ANNA@buyer.example" }] }) });
  const parties = await pane.partiesOf(office.context.mailbox.item, "rep@genjin.example");
  assert.deepEqual(parties.map((p) => p.address), ["anna@buyer.example", "bo@other.example"]);
});

test("compose mode: the cards are the To and Cc recipients, asked for through getAsync", async () => {
  const office = outlook({ item: draft({ to: [{ emailAddress: "anna@buyer.example" }], cc: [{ emailAddress: "li@other.example" }] }) });
  const item = office.context.mailbox.item;
  assert.equal(pane.isCompose(item), true);
  const parties = await pane.partiesOf(item, "rep@genjin.example");
  assert.deepEqual(parties.map((p) => p.address), ["anna@buyer.example", "li@other.example"]);
  assert.equal(pane.cardPath(parties.map((p) => p.address)),
    "/api/addin/card?address=anna%40buyer.example&address=li%40other.example");
});

test("send as tracked quotation writes the instrumented body back and sets the signed header", async () => {
  const office = outlook({ item: draft({ to: [{ emailAddress: "anna@buyer.example" }], subject: "Quotation PI-7",
    html: "<p>Price list attached</p>" }) });
  const item = office.context.mailbox.item;
  const api = fakeApi({ "POST /api/addin/compose/track": { html: "<p>Price list attached</p><img src=\"https://t/p\">",
    header: { name: "X-Genjin-Track", value: "signed.123" }, trackingId: "t1" } });
  const tracked = await pane.trackQuotation(item, api, "c1", office);
  assert.equal(tracked.trackingId, "t1");
  assert.deepEqual(api.calls[0].body, { subject: "Quotation PI-7", html: "<p>Price list attached</p>",
    to: ["anna@buyer.example"], cc: [], companyId: "c1" });
  assert.equal(item.body.html, "<p>Price list attached</p><img src=\"https://t/p\">");
  assert.equal(item.body.coercion, "html");
  assert.equal(item.internetHeaders.headers["X-Genjin-Track"], "signed.123");
  assert.equal(await pane.isTracked(item), true);
});

test("a draft without Genjin's header is not tracked", async () => {
  const office = outlook({ item: draft({}) });
  assert.equal(await pane.isTracked(office.context.mailbox.item), false);
});

test("a template or price-list link is inserted at the cursor as HTML", async () => {
  const office = outlook({ item: draft({}) });
  const item = office.context.mailbox.item;
  await pane.insertSnippet(item, { id: "s1", html: "<a href=\"https://x/prices\">Price list</a>" }, office);
  assert.deepEqual(item.body.selected, [{ value: "<a href=\"https://x/prices\">Price list</a>", coercion: "html" }]);
});

test("log this message sends the whole message where Outlook gives it (Mailbox 1.14)", async () => {
  const office = outlook({ item: message({ from: { emailAddress: "anna@buyer.example" },
    getAsFileAsync(callback) { callback({ status: "succeeded", value: "RnJvbTogYW5uYQ==" }); } }) });
  const body = await pane.messagePayload(office.context.mailbox.item, "rep@genjin.example", office);
  assert.deepEqual(body, { internetMessageId: "<m1@buyer.example>", eml: "RnJvbTogYW5uYQ==" });
});

test("log this message falls back to the message's fields where getAsFileAsync is missing", async () => {
  const office = outlook({ item: message({ from: { emailAddress: "rep@genjin.example", displayName: "Rep" },
    to: [{ emailAddress: "anna@buyer.example", displayName: "Anna" }] }) });
  const body = await pane.messagePayload(office.context.mailbox.item, "rep@genjin.example", office);
  assert.equal(body.direction, "OUTBOUND");
  assert.equal(body.html, "<p>Please quote</p>");
  assert.deepEqual(body.to, [{ address: "anna@buyer.example", name: "Anna" }]);
  assert.equal(body.sentAt, "2026-11-30T08:00:00.000Z");
});

test("an answer for an earlier item is stale once the item changed", () => {
  const turns = pane.Turns();
  const first = turns.next();
  assert.equal(turns.isCurrent(first), true);
  const second = turns.next();
  assert.equal(turns.isCurrent(first), false);
  assert.equal(turns.isCurrent(second), true);
});

test("the API client sends the Bearer token and tells offline, signed-out and refused apart", async () => {
  const seen = [];
  const respond = (status, body) => Promise.resolve({ status, ok: status < 400, text: () => Promise.resolve(body) });
  let next = () => respond(200, "{\"customers\":[]}");
  const api = pane.Api({ base: "https://crm.example/", token: () => "tok", fetch: (url, init) => { seen.push({ url, init }); return next(); } });
  assert.deepEqual(await api.get("/api/addin/card?address=a%40b.c"), { customers: [] });
  assert.equal(seen[0].url, "https://crm.example/api/addin/card?address=a%40b.c");
  assert.equal(seen[0].init.headers.Authorization, "Bearer tok");
  next = () => Promise.reject(new TypeError("Failed to fetch"));
  await assert.rejects(api.get("/api/addin/card"), { kind: "offline" });
  next = () => respond(503, "");
  await assert.rejects(api.get("/api/addin/card"), { kind: "offline" });
  next = () => respond(401, "");
  await assert.rejects(api.get("/api/addin/card"), { kind: "unauthorized" });
  next = () => respond(404, "{\"title\":\"Not Found\",\"detail\":\"No such customer\"}");
  await assert.rejects(api.post("/api/companies/x/tasks", {}), { kind: "problem", status: 404, detail: "No such customer" });
  assert.equal(pane.apiUrl("https://crm.example/api", "/api/addin/card"), "https://crm.example/api/addin/card");
});

test("without a token the API client asks for sign-in instead of calling", async () => {
  let called = false;
  const api = pane.Api({ base: "https://crm.example", token: () => null, fetch: () => { called = true; } });
  await assert.rejects(api.get("/api/addin/card"), { kind: "unauthorized" });
  assert.equal(called, false);
});

function dialogOffice(behaviour, options) {
  const office = outlook(Object.assign({ item: draft({}) }, options));
  const opened = [];
  office.context.ui.displayDialogAsync = (url, opts, callback) => {
    const handlers = {};
    opened.push({ url, opts, closed: false });
    callback({ status: "succeeded", value: {
      addEventHandler(type, handler) { handlers[type] = handler; },
      close() { opened[opened.length - 1].closed = true; }
    } });
    behaviour(handlers);
  };
  return { office, opened };
}

const config = { apiBase: "https://crm.example", webBase: "https://crm.example", naa: { enabled: false } };

test("where nested app authentication is missing, sign-in opens Genjin's page in a dialog and keeps the token it hands back", async () => {
  const { office, opened } = dialogOffice((h) => h.dialogMessageReceived({ message: "{\"token\":\"gj_secret\"}", origin: "https://crm.example" }));
  const auth = pane.Auth({ office, config, lang: "zh-CN", loadMsal: () => assert.fail("MSAL is not for this host") });
  assert.equal(await auth.token(), null);
  await auth.signIn();
  assert.equal(opened[0].url, "https://crm.example/addin/signin?lang=zh-CN");
  assert.equal(opened[0].closed, true);
  assert.equal(await auth.token(), "gj_secret");
  assert.deepEqual(JSON.parse(office.context.roamingSettings.values["genjin.auth"]),
    { kind: "personal", token: "gj_secret", apiBase: "https://crm.example" });
  await auth.signOut();
  assert.equal(await auth.token(), null);
});

test("closing the sign-in dialog is a sign-in failure, and nothing is kept", async () => {
  const { office } = dialogOffice((h) => h.dialogEventReceived({ error: 12006 }));
  const auth = pane.Auth({ office, config, lang: "en", loadMsal: () => null });
  await assert.rejects(auth.signIn(), { message: "closed" });
  assert.equal(await auth.token(), null);
});

test("a token handed over from another origin is refused", async () => {
  const { office } = dialogOffice((h) => h.dialogMessageReceived({ message: "{\"token\":\"evil\"}", origin: "https://evil.example" }));
  const auth = pane.Auth({ office, config, lang: "en", loadMsal: () => null });
  await assert.rejects(auth.signIn(), { message: "refused" });
  assert.equal(await auth.token(), null);
});

test("with nested app authentication the pane asks MSAL's nestable client for Genjin's API scope", async () => {
  const office = outlook({ item: draft({}), naa: true });
  const asked = [];
  const msal = {
    createNestablePublicClientApplication(conf) {
      asked.push(conf);
      return Promise.resolve({
        acquireTokenSilent(req) { asked.push(req); return Promise.resolve({ accessToken: "entra.jwt", expiresOn: new Date(Date.now() + 3600000) }); },
        acquireTokenPopup() { return assert.fail("silent worked"); }
      });
    }
  };
  const naa = { enabled: true, clientId: "cid", authority: "https://login.microsoftonline.com/organizations", scope: "api://crm.example/cid/access_as_user" };
  const auth = pane.Auth({ office, config: Object.assign({}, config, { naa }), lang: "en", loadMsal: () => msal });
  assert.equal(await auth.quiet(), true);
  assert.equal(await auth.token(), "entra.jwt");
  assert.deepEqual(asked[0], { auth: { clientId: "cid", authority: "https://login.microsoftonline.com/organizations" } });
  assert.deepEqual(asked[1], { scopes: ["api://crm.example/cid/access_as_user"] });
});

test("when the nestable client cannot sign in, the dialog takes over", async () => {
  const { office, opened } = dialogOffice((h) => h.dialogMessageReceived({ message: "{\"token\":\"gj_2\"}" }), { naa: true });
  const msal = { createNestablePublicClientApplication() { return Promise.reject(new Error("no bridge")); } };
  const auth = pane.Auth({ office, config: Object.assign({}, config, { naa: { enabled: true, clientId: "cid", scope: "s" } }),
    lang: "en", loadMsal: () => msal });
  await auth.signIn();
  assert.equal(opened.length, 1);
  assert.equal(await auth.token(), "gj_2");
});

test("Office's display language picks the words", () => {
  assert.equal(pane.pickLanguage("zh-CN"), "zh-CN");
  assert.equal(pane.pickLanguage("zh-TW"), "zh-CN");
  assert.equal(pane.pickLanguage("en-GB"), "en");
  assert.equal(pane.pickLanguage(undefined), "en");
  const t = pane.translator(strings, "zh-CN");
  assert.equal(t("owner", "王芳"), "负责人：王芳");
  assert.equal(pane.translator(strings, "en")("quoteOpensValue", 2, 5), "2 by people, 5 by machines");
});

test("every English string has a Chinese one and no other", () => {
  assert.deepEqual(Object.keys(strings["zh-CN"]).sort(), Object.keys(strings.en).sort());
  for (const [key, text] of Object.entries(strings["zh-CN"])) {
    assert.equal((text.match(/\{\d\}/g) || []).sort().join(), (strings.en[key].match(/\{\d\}/g) || []).sort().join(), key);
  }
});
